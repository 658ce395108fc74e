import graphene
from django.utils.translation import gettext as _

from ..core.context import api_context
from ..core.errors import BadUserInput
from ..core.pagination import CONNECTION_ARGUMENTS, Ordering, paginate
from ..core.urls import url_path_candidates
from ..organisations.filters import parse_id
from .dataloaders import SORT_PUBLISHED, SORT_WRITTEN, entries, prime_relations
from .filters import DisclosureFilter, disclosure_q
from .types import Disclosure, DisclosureConnection


class DisclosureSort(graphene.Enum):
    PUBLISHED_ON_DESC = "published_on_desc"
    PUBLISHED_ON_ASC = "published_on_asc"
    WRITTEN_ON_DESC = "written_on_desc"
    WRITTEN_ON_ASC = "written_on_asc"

    @property
    def description(self):
        return "Newest first" if self.value.endswith("desc") else "Oldest first"


ORDERINGS = {
    "published_on_desc": Ordering("published_on_desc", SORT_PUBLISHED, descending=True),
    "published_on_asc": Ordering("published_on_asc", SORT_PUBLISHED, descending=False),
    "written_on_desc": Ordering("written_on_desc", SORT_WRITTEN, descending=True),
    "written_on_asc": Ordering("written_on_asc", SORT_WRITTEN, descending=False),
}


class DisclosureQueries(graphene.ObjectType):
    disclosures = graphene.Field(
        DisclosureConnection, required=True,
        filter=graphene.Argument(DisclosureFilter),
        sort=graphene.Argument(DisclosureSort, default_value="published_on_desc"),
        **CONNECTION_ARGUMENTS,
        description="Entries the reader may see, newest first by default.",
    )
    disclosure = graphene.Field(
        Disclosure, id=graphene.ID(), index_number=graphene.String(), url_path=graphene.String(),
        description="One entry by id, index number (索引号) or path; null when it does not exist or is not visible.",
    )

    @staticmethod
    def resolve_disclosures(root, info, filter=None, sort="published_on_desc", first=None, after=None, last=None,
                            before=None, offset=None):
        context = api_context(info)
        ordering = ORDERINGS[getattr(sort, "value", sort)]
        rows = entries(context.reader).filter(disclosure_q(filter, context.today, SORT_PUBLISHED))
        page = paginate(rows, ordering, first=first, after=after, last=last,
                        before=before, offset=offset)
        prime_relations(info.context, page.nodes)
        return page

    @staticmethod
    def resolve_disclosure(root, info, id=None, index_number=None, url_path=None):
        given = [value for value in (id, index_number, url_path) if value is not None]
        if len(given) != 1:
            raise BadUserInput(_("Give exactly one of `id`, `indexNumber` and `urlPath`."))
        rows = entries(api_context(info).reader)
        if id is not None:
            rows = rows.filter(pk=parse_id(id, "id"))
        elif index_number is not None:
            rows = rows.filter(index_number=index_number.strip())
        else:
            if len(url_path) > 1000:
                raise BadUserInput(_("`urlPath` is too long."), argument="urlPath")
            rows = rows.filter(url_path__in=url_path_candidates(url_path))
        entry = rows.first()
        if entry is not None:
            prime_relations(info.context, [entry])
        return entry
