"""The ``DisclosureFilter`` input and its translation into a queryset filter (never text matching:
full-text search goes through the search layer)."""

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _

from cms.models import CatalogueItemPage, Organisation
from cms.visibility import current_validity_q

from ..core.enums import DisclosureAttributeEnum, DomainEnum, TopicEnum, ValidityEnum, value_of
from ..core.errors import BadUserInput
from ..organisations.filters import organisation_lookup, parse_id

MAX_FILTER_VALUES = 50


def under_path(path: str, field: str = "path") -> Q:
    """Pages below the tree path ``path`` (Wagtail's materialised paths). The range beside the prefix
    lets the path index narrow the rows: SQLite never uses an index for ``LIKE 'prefix%'`` (Django's
    ``startswith``), and a catalogue row's list then read all 100,000 pages (docs/benchmarks.md
    «100,000 entries»). Path steps use digits and capital letters, all below ``~``."""
    return Q(**{f"{field}__gte": path, f"{field}__lt": path + "~", f"{field}__startswith": path})


def row_entries_q(item_id: int, path: str) -> Q:
    """Entries of a catalogue row and of its sub-rows. An entry always stays under the row it names
    (``catalogue_item``: set from its parent, and entries are never moved, cms.models.entries), so they are
    read by that field: the (row, listing date) index then serves a row's newest first without reading all
    its entries, which finding them by tree path and sorting did (33,000 in the largest row of the 1M bench,
    docs/benchmarks.md «1,000,000 entries on PostgreSQL»)."""
    rows = list(CatalogueItemPage.objects.filter(under_path(path)).values_list("pk", flat=True))
    if rows == [item_id]:
        return Q(catalogue_item_id=item_id)
    return Q(catalogue_item_id__in=rows)


class DateRange(graphene.InputObjectType):
    """Inclusive date range; either end may be left open."""

    start = graphene.Date()
    end = graphene.Date()


class DisclosureFilter(graphene.InputObjectType):
    domains = graphene.List(graphene.NonNull(DomainEnum), description="Any of these domains.")
    organisation = graphene.ID(description="Published by this unit (by id).")
    organisation_code = graphene.String(description="Published by this unit (by code, e.g. 330102-001).")
    include_subunits = graphene.Boolean(default_value=False, description="Also by the units below it.")
    catalogue_item = graphene.ID(description="Under this catalogue row (and its sub-rows).")
    published = graphene.Field(DateRange, description="发布日期 within this range.")
    written = graphene.Field(DateRange, description="成文日期 within this range.")
    disclosure_attributes = graphene.List(graphene.NonNull(DisclosureAttributeEnum))
    validities = graphene.List(graphene.NonNull(ValidityEnum))
    topics = graphene.List(graphene.NonNull(TopicEnum))
    period_covered = graphene.String(description="Exactly this period, e.g. 2026年第三季度.")
    notices_in_effect = graphene.Boolean(description="True: only notices whose notice period includes today.")


def _values(filter, name):
    values = filter.get(name) or []
    if len(values) > MAX_FILTER_VALUES:
        raise BadUserInput(_("Too many values in `%(name)s`.") % {"name": name}, argument=name)
    return [value_of(value) for value in values]


def _date_range(rng, field: str, name: str) -> Q:
    if not rng:
        return Q()
    start, end = rng.get("start"), rng.get("end")
    if start and end and end < start:
        raise BadUserInput(_("The range `%(name)s` ends before it starts.") % {"name": name}, argument=name)
    condition = Q()
    if start:
        condition &= Q(**{f"{field}__gte": start})
    if end:
        condition &= Q(**{f"{field}__lte": end})
    return condition


def disclosure_q(filter, today, published_field: str) -> Q:
    """The condition for a DisclosureFilter (an input object or a dict)."""
    if not filter:
        return Q()
    condition = Q()
    domains = _values(filter, "domains")
    if domains:
        condition &= Q(domain__in=domains)
    lookup = organisation_lookup(filter.get("organisation"), filter.get("organisation_code"))
    if lookup is not None:
        organisation = Organisation.objects.filter(lookup).only("pk", "path").first()
        if organisation is None:
            return Q(pk__in=[])
        if filter.get("include_subunits"):
            condition &= Q(organisation__path__startswith=organisation.path)
        else:
            condition &= Q(organisation_id=organisation.pk)
    if filter.get("catalogue_item") is not None:
        item_id = parse_id(filter["catalogue_item"], "catalogueItem")
        path = CatalogueItemPage.objects.filter(pk=item_id).values_list("path", flat=True).first()
        if path is None:
            return Q(pk__in=[])
        condition &= row_entries_q(item_id, path)
    condition &= _date_range(filter.get("published"), published_field, "published")
    condition &= _date_range(filter.get("written"), "written_on", "written")
    for name, field in (("disclosure_attributes", "disclosure_attribute"), ("topics", "topic")):
        values = _values(filter, name)
        if values:
            condition &= Q(**{f"{field}__in": values})
    if validities := _values(filter, "validities"):
        condition &= current_validity_q(validities, today)  # 已失效 from its day (cms.visibility)
    if filter.get("period_covered"):
        condition &= Q(period_covered=filter["period_covered"])
    notices = filter.get("notices_in_effect")
    if notices is True:
        condition &= Q(notice_start__lte=today, notice_end__gte=today)
    elif notices is False:
        condition &= ~Q(notice_start__lte=today, notice_end__gte=today) | Q(notice_start__isnull=True)
    return condition
