"""The portal API's schema: read-only queries for portals (党务公开、政务公开、村务公开), and the one mutation
of the public: an online application for disclosure (applications.api).

The printed form is the contract in graphql/schema.graphql (``manage.py graphql_schema``).
"""

import graphene

from applications.api import ApplicationMutations, ApplicationQueries
from consultations.api import ConsultationMutations, ConsultationQueries
from interaction.api import FeedbackMutations, FeedbackQueries

from .catalogue.schema import CatalogueQueries
from .core.enums import VOCABULARIES, Choice, VocabularyEnum, value_of
from .disclosures.schema import DisclosureQueries
from .disclosures.types import EXTRA_TYPES
from .organisations.schema import OrganisationQueries
from .preview.schema import PreviewQueries
from .search.schema import SearchQueries


class Query(OrganisationQueries, CatalogueQueries, DisclosureQueries, SearchQueries, PreviewQueries,
            ApplicationQueries, FeedbackQueries, ConsultationQueries, graphene.ObjectType):
    choices = graphene.List(graphene.NonNull(Choice), required=True,
                            vocabulary=graphene.Argument(VocabularyEnum, required=True),
                            description="The values of a vocabulary with labels in the request's language.")

    @staticmethod
    def resolve_choices(root, info, vocabulary):
        choices = VOCABULARIES[value_of(vocabulary)]
        return [{"value": value.upper(), "label": str(label)} for value, label in choices.choices]


class Mutation(ApplicationMutations, FeedbackMutations, ConsultationMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation, types=EXTRA_TYPES)
