"""The portal API's schema: read-only queries for portals (党务公开、政务公开、村务公开), and what the public
may send: an online application (applications), feedback (interaction), opinions on a consultation
(consultations).

The core queries are this app's own. Each other installed app adds its queries and mutations through the
Wagtail hook ``register_graphql_api`` (a function returning its query class and its mutation class, either
may be None), so that a host site installs only the apps it wants (docs/install.md); an app left out
leaves nothing of itself in the schema. The printed form with every app is the contract in
graphql/schema.graphql (``manage.py graphql_schema``).
"""

import graphene
from wagtail import hooks

from .catalogue.schema import CatalogueQueries
from .core.enums import VOCABULARIES, Choice, VocabularyEnum, value_of
from .disclosures.schema import DisclosureQueries
from .disclosures.types import EXTRA_TYPES
from .organisations.schema import OrganisationQueries
from .preview.schema import PreviewQueries
from .search.schema import SearchQueries


class CoreQueries(OrganisationQueries, CatalogueQueries, DisclosureQueries, SearchQueries, PreviewQueries):
    choices = graphene.List(graphene.NonNull(Choice), required=True,
                            vocabulary=graphene.Argument(VocabularyEnum, required=True),
                            description="The values of a vocabulary with labels in the request's language.")

    @staticmethod
    def resolve_choices(root, info, vocabulary):
        choices = VOCABULARIES[value_of(vocabulary)]
        return [{"value": value.upper(), "label": str(label)} for value, label in choices.choices]


def build_schema() -> graphene.Schema:
    """The schema of the installed apps: the core queries and what each ``register_graphql_api`` hook adds
    (in the order of INSTALLED_APPS)."""
    queries, mutations = [], []
    for hook in hooks.get_hooks("register_graphql_api"):
        query_class, mutation_class = hook()
        if query_class is not None:
            queries.append(query_class)
        if mutation_class is not None:
            mutations.append(mutation_class)
    query = type("Query", (CoreQueries, *queries, graphene.ObjectType), {})
    mutation = type("Mutation", (*mutations, graphene.ObjectType), {}) if mutations else None
    return graphene.Schema(query=query, mutation=mutation, types=EXTRA_TYPES)


schema = build_schema()
