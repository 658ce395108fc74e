import graphene
from django.utils.translation import gettext as _

from cms.models import Organisation as OrganisationModel

from ..core.enums import DomainEnum, OrganisationLevelEnum, value_of
from ..core.errors import BadUserInput
from .dataloaders import OrganisationByIdLoader
from .filters import domain_q, find_organisation
from .types import Organisation


class OrganisationQueries(graphene.ObjectType):
    organisations = graphene.List(
        graphene.NonNull(Organisation), required=True,
        parent=graphene.ID(description="Only units below this one (by id)."),
        parent_code=graphene.String(description="Only units below this one (by code, e.g. 330102-001)."),
        subtree=graphene.Boolean(default_value=False,
                                 description="With a parent: every unit below it, not only its children."),
        level=graphene.Argument(OrganisationLevelEnum),
        domain=graphene.Argument(DomainEnum, description="Only units publishing in this domain."),
        roots_only=graphene.Boolean(default_value=False, description="Only the top of the tree."),
        description="Units in tree order; walk the tree with `children`.",
    )
    organisation = graphene.Field(Organisation, id=graphene.ID(), code=graphene.String(),
                                  description="One unit by id or by code.")

    @staticmethod
    def resolve_organisations(root, info, parent=None, parent_code=None, subtree=False, level=None, domain=None,
                              roots_only=False):
        rows = OrganisationModel.objects.order_by("path")
        if parent is not None or parent_code is not None:
            if roots_only:
                raise BadUserInput(_("`rootsOnly` cannot be combined with a parent."), argument="rootsOnly")
            anchor = find_organisation(parent, parent_code, argument="parent")
            if anchor is None:
                return []
            rows = rows.filter(path__startswith=anchor.path, depth__gt=anchor.depth)
            if not subtree:
                rows = rows.filter(depth=anchor.depth + 1)
        elif roots_only:
            rows = rows.filter(depth=1)
        if level is not None:
            rows = rows.filter(level=value_of(level))
        if domain is not None:
            rows = rows.filter(domain_q(value_of(domain)))
        rows = list(rows)
        loader = OrganisationByIdLoader.get(info)
        for org in rows:
            loader.prime(org.pk, org)
        return rows

    @staticmethod
    def resolve_organisation(root, info, id=None, code=None):
        org = find_organisation(id, code, required=True)
        if org is not None:
            OrganisationByIdLoader.get(info).prime(org.pk, org)
        return org
