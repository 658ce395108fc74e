import graphene

from ..core.pagination import PageInfo
from ..disclosures.dataloaders import CatalogueItemByIdLoader
from ..organisations.dataloaders import OrganisationByIdLoader
from ..organisations.types import Organisation


class SearchFacetName(graphene.Enum):
    DOMAIN = "domain"
    ORGANISATION = "organisation"
    CATALOGUE_ITEM = "catalogue_item"
    YEAR = "year"

    @property
    def description(self):
        return {"domain": "Counts per domain.", "organisation": "Counts per publishing unit.",
                "catalogue_item": "Counts per catalogue row.", "year": "Counts per year published."}[self.value]


class SearchSort(graphene.Enum):
    RELEVANCE = "relevance"
    DATE = "date"

    @property
    def description(self):
        return "Best match first" if self.value == "relevance" else "Newest first"


class FacetBucket(graphene.ObjectType):
    """One value of a facet and how many matching entries the reader may see have it."""

    key = graphene.String(required=True, description="domain value, unit id, catalogue row id or year.")
    count = graphene.Int(required=True)
    organisation = graphene.Field(Organisation, description="ORGANISATION facet: the unit.")
    catalogue_item = graphene.Field("graphql_api.catalogue.types.CatalogueItem",
                                    description="CATALOGUE_ITEM facet: the row.")

    @staticmethod
    def resolve_key(root, info):
        return str(root["key"])

    @staticmethod
    def resolve_organisation(root, info):
        if root["facet"] != "organisation":
            return None
        return OrganisationByIdLoader.get(info).load(int(root["key"]))

    @staticmethod
    def resolve_catalogue_item(root, info):
        if root["facet"] != "catalogue_item":
            return None
        return CatalogueItemByIdLoader.get(info).load(int(root["key"]))


class Facet(graphene.ObjectType):
    name = graphene.Field(SearchFacetName, required=True)
    buckets = graphene.List(graphene.NonNull(FacetBucket), required=True)


class SearchHit(graphene.ObjectType):
    """A matching entry with the query's words marked (``<em>``) in its title and snippets."""

    title_html = graphene.String(required=True, description="HTML-escaped title with <em> marks.")
    snippets = graphene.List(graphene.NonNull(graphene.String), required=True,
                             description="HTML-escaped passages with <em> marks.")
    score = graphene.Float(required=True)
    cursor = graphene.String(required=True)
    entry = graphene.Field("graphql_api.disclosures.types.Disclosure", required=True)


class SearchResults(graphene.ObjectType):
    total = graphene.Int(required=True, description="Matching entries the reader may see (as the index counts).")
    hits = graphene.List(graphene.NonNull(SearchHit), required=True)
    facets = graphene.List(graphene.NonNull(Facet), required=True)
    suggestions = graphene.List(graphene.NonNull(graphene.String), required=True,
                                description="When nothing is found: shorter queries that find something.")
    page_info = graphene.Field(PageInfo, required=True)
