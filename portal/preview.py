"""The admin's previews (预览, view draft, a revision) in the portal's look.

A preview has a page object (a revision, or the editor's unsaved form), not a path the API can find, so
it cannot go through a committed operation by path. It is rendered instead by running the committed
``EntryDetail`` fragment of ``graphql/operations/entry.graphql`` with that object as its root, against
the API's own ``Disclosure`` type (its resolvers, loaders and withheld-block rules: the ones the
``preview(token:)`` query uses), as an anonymous reader, and the result goes to the portal's own
``portal/entry.html``. So the preview shows the fields, blocks and labels the public would see after
this revision, from the same code; what it adds is a note of what the public will not see: withheld
blocks (区分处理) in their place, and an entry the public will not see at all.
"""

from functools import cache

from django.template.loader import render_to_string

from cms import visibility
from cms.models import Audience, DisclosureAttribute, Domain, Scope

from .client import PortalUnavailable, _AnonymousApiRequest, document
from .views import render_entry_context

PREVIEW_OPERATION = "query PreviewEntry { ...EntryDetail }"


@cache
def _entry_schema():
    """The API's schema with ``Disclosure`` as its root type (the same type objects and resolvers)."""
    from graphql import GraphQLSchema
    from graphql_api.schema import schema

    full = schema.graphql_schema
    return GraphQLSchema(query=full.get_type("Disclosure"), types=[
        named for name, named in full.type_map.items() if not name.startswith("__")])


@cache
def _entry_document():
    """``PreviewEntry`` with the fragments of the committed entry.graphql, checked against the schema."""
    from graphql import DocumentNode, FragmentDefinitionNode, parse, validate

    fragments = [node for node in parse(document("entry")).definitions if isinstance(node, FragmentDefinitionNode)]
    parsed = DocumentNode(definitions=[*parse(PREVIEW_OPERATION).definitions, *fragments])
    problems = validate(_entry_schema(), parsed)
    if problems:
        raise PortalUnavailable("GRAPHQL_VALIDATION_FAILED", "; ".join(map(str, problems)))
    return parsed


def entry_data(request, page) -> dict:
    """The ``EntryDetail`` of ``page`` (a revision or the editor's form) as the API would give it."""
    from graphql import execute
    from graphql_api.core.execution import PortalExecutionContext, check_arguments

    result = execute(_entry_schema(), _entry_document(), root_value=page,
                     context_value=_AnonymousApiRequest(request), middleware=[check_arguments],
                     execution_context_class=PortalExecutionContext)
    if result.errors:
        raise PortalUnavailable("PREVIEW", "; ".join(map(str, result.errors)))
    return result.data


def hidden_from_public(page) -> str:
    """Why the public will not see this entry at all once published (empty when it will)."""
    if page.disclosure_attribute == DisclosureAttribute.WITHHELD:
        return "本条为不予公开信息，发布后公众看不到本条。"
    item = page.catalogue_item if page.catalogue_item_id else None
    audience = page.audience or (item.audience if item else "")
    if audience and audience != Audience.PUBLIC:
        return "本条只向特定对象公开，公众看不到本条。"
    if page.domain == Domain.PARTY and (page.scope or (item.scope if item else "")) not in ("", Scope.PUBLIC):
        return "本条为党内公开信息，公众看不到本条。"
    return ""


def with_withheld_markers(body: list, page, withheld: frozenset) -> list:
    """The public body with a marker where each withheld block stands in the revision."""
    by_id = {block["id"]: block for block in body}
    raw = page.body.raw_data if page.body is not None else ()
    shown = []
    for block in raw:
        if block.get("id") in withheld:
            shown.append({"kind": "withheld"})
        elif block.get("id") in by_id:
            shown.append(by_id.pop(block["id"]))
    return shown + list(by_id.values())


def preview_entry(request, page) -> str:
    """The HTML of an entry's preview: the portal's entry page of this revision, with the preview's notes.
    An entry never saved has no id for the API to give it: its preview asks to save a draft first."""
    if page.pk is None:
        return render_to_string("portal/preview_unsaved.html", {"page": page}, request)
    if getattr(page, "preview_revision_id", None) is None:
        page.preview_revision_id = page.latest_revision_id or 0
    entry = entry_data(request, page)
    withheld = visibility.withheld_block_ids(page) if page.pk else frozenset()
    context = render_entry_context(entry)
    context["entry"]["body"] = with_withheld_markers(context["entry"]["body"], page, withheld)
    context.update(preview=True, withheld_count=sum(block.get("kind") == "withheld" for block in context["entry"]["body"]),
                   hidden_reason=hidden_from_public(page))
    return render_to_string("portal/preview_entry.html", context, request)
