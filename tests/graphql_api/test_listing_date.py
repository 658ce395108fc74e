"""Lists sort and filter on the stored listing date (``listed_on``, docs/lifecycle.md «Listing date») with
the results the coalesced date gave before it was stored: same order (date, then id), same ``publishedOn``,
same date filter, same cursors' walk."""

import datetime

import pytest
from django.db.models import DateField, F
from django.db.models.functions import Coalesce, TruncDate

from cms.models import DisclosurePage
from cms.visibility import visible_entries

from .demo import add_entry

pytestmark = pytest.mark.django_db

PUBLISHED = Coalesce("published_on", "first_published_on", TruncDate("first_published_at"), output_field=DateField())
WRITTEN = Coalesce("written_on", PUBLISHED, output_field=DateField())
LIST = """query($sort: DisclosureSort, $filter: DisclosureFilter, $after: String) {
  disclosures(first: 3, sort: $sort, filter: $filter, after: $after) {
    nodes { id publishedOn } pageInfo { hasNextPage endCursor } } }"""
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def dated(demo):
    """Entries at the edges: only a first publication moment late in the UTC day (the next local day), two
    on one date (ties go by id), one dated by 发布日期 alone."""
    item = demo.items["policy"]
    late = add_entry(item, "晚间首次发布", "late-first", published_on=None)
    DisclosurePage.objects.filter(pk=late.pk).update(
        published_on=None, first_published_on=None,
        first_published_at=datetime.datetime(2026, 3, 1, 18, 0, tzinfo=datetime.UTC))  # 2 March in Shanghai
    same = [add_entry(item, f"同日{n}", f"same-day-{n}", published_on=DAY) for n in range(2)]
    return [late, *same]


def walk(api, sort, filter=None) -> list[tuple[int, str]]:
    seen, after = [], None
    while True:
        page = api.data(LIST, {"sort": sort, "filter": filter, "after": after})["disclosures"]
        seen += [(int(node["id"]), node["publishedOn"]) for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


def expected(key, descending: bool, **filters) -> list[tuple[int, str]]:
    rows = visible_entries().annotate(published=PUBLISHED, written=WRITTEN).filter(**filters)
    order = [F(key).desc(), F("pk").desc()] if descending else [F(key).asc(), F("pk").asc()]
    return [(pk, published.isoformat()) for pk, published in rows.order_by(*order).values_list("pk", "published")]


def test_lists_keep_the_order_and_dates_of_the_coalesced_date(api, dated):
    assert DisclosurePage.objects.get(pk=dated[0].pk).listed_on == DAY
    for sort, key, descending in (("PUBLISHED_ON_DESC", "published", True), ("PUBLISHED_ON_ASC", "published", False),
                                  ("WRITTEN_ON_DESC", "written", True), ("WRITTEN_ON_ASC", "written", False)):
        found = walk(api, sort)
        assert found == expected(key, descending), sort
        assert len(found) > 5
    day = [pk for pk, published in walk(api, "PUBLISHED_ON_DESC") if published == DAY.isoformat()]
    assert day == sorted([entry.pk for entry in dated], reverse=True)


def test_the_published_filter_reads_the_listing_date(api, dated):
    window = {"published": {"start": DAY.isoformat(), "end": DAY.isoformat()}}
    found = walk(api, "PUBLISHED_ON_DESC", window)
    assert found == expected("published", True, published=DAY)
    assert {pk for pk, _day in found} >= {entry.pk for entry in dated}
