from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from cms.models import Organisation

from ..core.dataloaders import ByPathLoader, DataLoader, KeptByIdLoader

STEPLEN = Organisation.steplen


class OrganisationByIdLoader(KeptByIdLoader):
    queryset = staticmethod(Organisation.objects.all)


class OrganisationByPathLoader(ByPathLoader):
    queryset = staticmethod(Organisation.objects.all)
    by_id_loader = OrganisationByIdLoader


class OrganisationChildrenLoader(DataLoader):
    """The children of units, keyed by the parent's path, in tree order."""

    def batch_load(self, keys):
        condition = reduce(or_, (Q(path__startswith=path, depth=len(path) // STEPLEN + 1) for path in keys))
        children = defaultdict(list)
        by_id = OrganisationByIdLoader.get(self.request)
        for org in Organisation.objects.filter(condition).order_by("path"):
            children[org.path[:-STEPLEN]].append(org)
            by_id.prime(org.pk, org)
        return [children.get(key, []) for key in keys]
