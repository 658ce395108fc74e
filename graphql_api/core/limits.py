"""Limits of the portal API and the validation rules that enforce them.

Every limit is a setting read at request time with a default (so deployments tune them without
code): see docs/api.md §Limits.

Cost model (``GRAPHQL_MAX_COMPLEXITY``): every field costs 1; the cost of a field's selection is
multiplied by how many objects it may return: ``first``/``last`` (a variable counts as the
maximum page size), the default page size for a connection without them, the estimate in
``LIST_ESTIMATES`` for other lists (``DEFAULT_LIST_ESTIMATE`` otherwise; lists inside a body block
count once, their data is in the entry's row). Of the fragments on
different types of a union or interface only the dearest counts (an object has one type).
Introspection fields are not counted. The measure takes time linear in the document: each
fragment is measured once, however often it is spread.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    FieldNode, FragmentSpreadNode, GraphQLError, GraphQLList, GraphQLNonNull, InlineFragmentNode, IntValueNode,
    OperationDefinitionNode, ValidationRule, VariableNode, get_named_type, is_list_type,
)
from graphql.language import SKIP
from graphql.validation import specified_rules

from cms.conf import setting as disclosure_setting

from .errors import INTROSPECTION_DISABLED, QUERY_TOO_COMPLEX, QUERY_TOO_DEEP

DEFAULTS = {
    "GRAPHQL_MAX_DEPTH": 10,
    "GRAPHQL_MAX_COMPLEXITY": 50_000,
    "GRAPHQL_MAX_QUERY_LENGTH": 20_000,  # characters of the query document
    "GRAPHQL_MAX_TOKENS": 1_500,  # lexical tokens of the query document (validation is quadratic beyond)
    "GRAPHQL_DEFAULT_PAGE_SIZE": 20,
    "GRAPHQL_MAX_PAGE_SIZE": 100,
    "GRAPHQL_MAX_OFFSET": 10_000,
    "GRAPHQL_CACHE_MAX_AGE": 60,  # seconds, anonymous GET responses
    "GRAPHQL_PREVIEW_MAX_AGE": 60 * 60,  # seconds a preview token is valid
}

DEFAULT_LIST_ESTIMATE = 10
LIST_ESTIMATES = {
    "Query.organisations": 20,
    "Organisation.children": 20,
    "Catalogue.items": 50,
    "Disclosure.body": 20,
    "Disclosure.attachments": 5,
    "Disclosure.links": 10,
    "SearchResults.facets": 4,
    "Facet.buckets": 20,
}
# Lists inside a body block come from the entry's own row, already loaded: they count once.
IN_MEMORY_LISTS = {
    "FinancialTableBlock.columns", "FinancialTableBlock.rows", "FinancialTableBlock.totals",
    "FinancialTableBlock.givenTotals", "PersonListBlock.people", "KeyFactsBlock.facts", "GalleryBlock.images",
    "AttachmentsBlock.attachments",
}


def setting(name: str):
    """A limit of docs/api.md (a disclosure setting, docs/install.md), else its default above."""
    return disclosure_setting(name, DEFAULTS[name])


def introspection_enabled() -> bool:
    return bool(disclosure_setting("GRAPHQL_INTROSPECTION", settings.DEBUG))


def graphiql_enabled() -> bool:
    return bool(disclosure_setting("GRAPHQL_GRAPHIQL", settings.DEBUG))


def page_size(first: int | None, last: int | None = None) -> int:
    """The page size asked for, checked against the maximum; the default when none is given."""
    from .errors import BadUserInput

    maximum = setting("GRAPHQL_MAX_PAGE_SIZE")
    for name, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise BadUserInput(_("`%(name)s` must not be negative.") % {"name": name}, argument=name)
        if value > maximum:
            raise BadUserInput(_("`%(name)s` must not exceed %(max)d.") % {"name": name, "max": maximum},
                               argument=name)
    if first is not None and last is not None:
        raise BadUserInput(_("Give `first` or `last`, not both."))
    chosen = first if first is not None else last
    return setting("GRAPHQL_DEFAULT_PAGE_SIZE") if chosen is None else chosen


class DisableIntrospection(ValidationRule):
    """Refuses ``__schema`` and ``__type`` (``__typename`` stays allowed)."""

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in ("__schema", "__type"):
            self.report_error(GraphQLError(
                _("Introspection is disabled on this server."), node,
                extensions={"code": INTROSPECTION_DISABLED}))


class _Measure:
    """Cost and depth of the selection sets of one document.

    Each fragment is measured once and its (cost, depth) reused at every spread, so the work is
    linear in the size of the document however deeply fragments spread one another. A spread of a
    fragment being measured (a cycle, refused by ``NoFragmentCyclesRule``) counts nothing.
    """

    def __init__(self, context):
        self.context = context
        self.schema = context.schema
        self.max_page = setting("GRAPHQL_MAX_PAGE_SIZE")
        self.default_page = setting("GRAPHQL_DEFAULT_PAGE_SIZE")
        self.fragments: dict[str, tuple[str, int, int] | None] = {}

    def multiplier(self, parent_name: str, field_def, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value in ("first", "last"):
                if isinstance(argument.value, IntValueNode):
                    return max(0, min(int(argument.value.value), self.max_page))
                if isinstance(argument.value, VariableNode):
                    return self.max_page
        named = get_named_type(field_def.type)
        if named.name.endswith("Connection"):
            return self.default_page
        inner = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else field_def.type
        if isinstance(inner, GraphQLList) or is_list_type(inner):
            if parent_name.endswith("Connection") and node.name.value in ("edges", "nodes"):
                return 1
            if f"{parent_name}.{node.name.value}" in IN_MEMORY_LISTS:
                return 1
            return LIST_ESTIMATES.get(f"{parent_name}.{node.name.value}", DEFAULT_LIST_ESTIMATE)
        return 1

    def fragment(self, name: str) -> tuple[str, int, int] | None:
        """(type condition, cost, depth) of a named fragment; None when unknown or part of a cycle."""
        if name in self.fragments:
            return self.fragments[name]
        definition = self.context.get_fragment(name)
        if definition is None:
            return None
        self.fragments[name] = None
        type_name = definition.type_condition.name.value
        cost, depth = self.selection_set(definition.selection_set, self.schema.get_type(type_name))
        self.fragments[name] = (type_name, cost, depth)
        return self.fragments[name]

    def selection_set(self, selection_set, parent_type) -> tuple[int, int]:
        """(cost, depth) of a selection set on ``parent_type``."""
        if selection_set is None or parent_type is None:
            return 0, 0
        common_cost, depth = 0, 0
        per_type: dict[str, int] = {}
        fields = getattr(parent_type, "fields", {}) or {}
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name.startswith("__"):
                    continue
                field_def = fields.get(name)
                if field_def is None:
                    continue
                child_cost, child_depth = self.selection_set(selection.selection_set, get_named_type(field_def.type))
                common_cost += 1 + self.multiplier(parent_type.name, field_def, selection) * child_cost
                depth = max(depth, 1 + child_depth)
                continue
            if isinstance(selection, FragmentSpreadNode):
                measured = self.fragment(selection.name.value)
                if measured is None:
                    continue
                type_name, cost, sub_depth = measured
            elif isinstance(selection, InlineFragmentNode):
                type_name = selection.type_condition.name.value if selection.type_condition else parent_type.name
                cost, sub_depth = self.selection_set(selection.selection_set,
                                                     self.schema.get_type(type_name) or parent_type)
            else:
                continue
            depth = max(depth, sub_depth)
            if type_name == parent_type.name:
                common_cost += cost
            else:
                per_type[type_name] = per_type.get(type_name, 0) + cost
        return common_cost + max(per_type.values(), default=0), depth


class QueryLimits(ValidationRule):
    """Refuses operations deeper than ``GRAPHQL_MAX_DEPTH`` or dearer than ``GRAPHQL_MAX_COMPLEXITY``."""

    def __init__(self, context):
        super().__init__(context)
        self.measure = _Measure(context)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        root = self.context.schema.get_root_type(node.operation)
        cost, depth = self.measure.selection_set(node.selection_set, root)
        max_depth = setting("GRAPHQL_MAX_DEPTH")
        max_cost = setting("GRAPHQL_MAX_COMPLEXITY")
        name = node.name.value if node.name else _("anonymous")
        if depth > max_depth:
            self.report_error(GraphQLError(
                _("Operation %(name)s is %(depth)d levels deep; the maximum is %(max)d.")
                % {"name": name, "depth": depth, "max": max_depth},
                node, extensions={"code": QUERY_TOO_DEEP, "depth": depth, "maxDepth": max_depth}))
        if cost > max_cost:
            self.report_error(GraphQLError(
                _("Operation %(name)s costs %(cost)d; the maximum is %(max)d. Ask for fewer objects.")
                % {"name": name, "cost": cost, "max": max_cost},
                node, extensions={"code": QUERY_TOO_COMPLEX, "cost": cost, "maxCost": max_cost}))
        return SKIP


def validation_rules() -> tuple:
    """The rules a document must pass: graphql-core's, the limits, and no introspection unless enabled."""
    rules = (*specified_rules, QueryLimits)
    return rules if introspection_enabled() else (*rules, DisableIntrospection)


def operation_cost(schema, document) -> dict[str, tuple[int, int]]:
    """(cost, depth) per operation of a parsed document; used by tests and docs."""
    from graphql.validation import ValidationContext
    from graphql.utilities import TypeInfo

    context = ValidationContext(schema, document, TypeInfo(schema), lambda error: None)
    measure = _Measure(context)
    measures = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            name = definition.name.value if definition.name else ""
            measures[name] = measure.selection_set(definition.selection_set, root)
    return measures
