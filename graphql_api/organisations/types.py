import graphene

from ..core.enums import DomainEnum, OrganisationLevelEnum
from .dataloaders import STEPLEN, OrganisationByPathLoader, OrganisationChildrenLoader


class Organisation(graphene.ObjectType):
    """A unit (单位): county, township or street, village or community, or a department."""

    id = graphene.ID(required=True)
    code = graphene.String(required=True, description="Region code and department code, e.g. 330102-001.")
    name = graphene.String(required=True)
    short_name = graphene.String(required=True)
    level = graphene.Field(OrganisationLevelEnum, required=True)
    region_code = graphene.String(required=True)
    department_code = graphene.String(required=True)
    domains = graphene.List(graphene.NonNull(DomainEnum), required=True, description="The domains it publishes in.")
    depth = graphene.Int(required=True, description="1 for a root (county), 2 below it, …")
    office = graphene.String(required=True)
    contact_phone = graphene.String(required=True)
    address = graphene.String(required=True)
    parent = graphene.Field(lambda: Organisation)
    children = graphene.List(graphene.NonNull(lambda: Organisation), required=True)

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_parent(root, info):
        if root.depth <= 1:
            return None
        return OrganisationByPathLoader.get(info).load(root.path[:-STEPLEN])

    @staticmethod
    def resolve_children(root, info):
        return OrganisationChildrenLoader.get(info).load(root.path)
