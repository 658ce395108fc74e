import graphene
from django.utils.translation import gettext as _

from cms.models import CataloguePage
from cms.visibility import visible_catalogue_items

from ..core.context import api_context
from ..core.enums import DomainEnum, value_of
from ..core.errors import BadUserInput
from ..disclosures.dataloaders import CatalogueItemByIdLoader
from ..organisations.dataloaders import OrganisationByIdLoader
from ..organisations.filters import organisation_lookup, parse_id
from .types import Catalogue, CatalogueItem


class CatalogueQueries(graphene.ObjectType):
    catalogue = graphene.Field(
        Catalogue, organisation=graphene.ID(), organisation_code=graphene.String(),
        domain=graphene.Argument(DomainEnum, required=True),
        description="A unit's catalogue (公开目录) for one domain; null if the unit has none.",
    )
    catalogue_item = graphene.Field(CatalogueItem, id=graphene.ID(required=True),
                                    description="One catalogue row the reader may see.")

    @staticmethod
    def resolve_catalogue(root, info, domain, organisation=None, organisation_code=None):
        unit = organisation_lookup(organisation, organisation_code, prefix="organisation__")
        if unit is None:
            raise BadUserInput(_("Give the organisation's id or its code."), argument="organisation")
        catalogue = (CataloguePage.objects.live().filter(unit, domain=value_of(domain))
                     .select_related("organisation").first())
        if catalogue is not None:
            OrganisationByIdLoader.get(info).prime(catalogue.organisation_id, catalogue.organisation)
        return catalogue

    @staticmethod
    def resolve_catalogue_item(root, info, id):
        item = visible_catalogue_items(api_context(info).reader).filter(pk=parse_id(id, "id")).first()
        if item is not None:
            CatalogueItemByIdLoader.get(info).prime(item.pk, item)
        return item
