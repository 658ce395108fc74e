"""A catalogue row's entries are read by their row (graphql_api.disclosures.filters.row_entries_q): the row's
own and its sub-rows', the same entries its tree path holds, and by the (row, listing date) index."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import CatalogueItemPage, DisclosurePage
from graphql_api.core.errors import BadUserInput
from graphql_api.disclosures.filters import disclosure_q


def rows_entries(row) -> set[int]:
    q = disclosure_q({"catalogue_item": str(row.pk)}, datetime.date.today(), "listed_on")
    return set(DisclosurePage.objects.filter(q).values_list("pk", flat=True))


def test_a_rows_list_holds_its_own_and_its_sub_rows_entries(tree):
    row = tree.add_item(tree.village_a, "village", "财务收支", slug="finance-a", time_limit_kind="periodic",
                        cadence="monthly")
    sub_row = row.add_child(instance=CatalogueItemPage(title="工程款支出", slug="works"))
    sub_row.save_revision().publish()
    other = tree.add_item(tree.village_a, "village", "村务", slug="affairs-a")
    own = tree.add_entry(row, "东山村10月财务收支")
    below = tree.add_entry(sub_row, "东山村桥梁工程款")
    tree.add_entry(other, "东山村村务会议")

    assert rows_entries(row) == {own.pk, below.pk}
    assert rows_entries(sub_row) == {below.pk}
    by_path = set(DisclosurePage.objects.descendant_of(row).values_list("pk", flat=True))
    assert rows_entries(row) == by_path

    with CaptureQueriesContext(connection) as queries:
        rows_entries(sub_row)
    entries_query = queries.captured_queries[-1]["sql"]
    assert '"cms_disclosurepage"."catalogue_item_id" = ' in entries_query
    assert '"wagtailcore_page"."path" >=' not in entries_query and "LIKE" not in entries_query


def test_a_moved_sub_row_takes_its_entries_along(tree):
    """Rows may be moved (entries may not, docs/editors.md): the entries go with their row, and each row's list
    still holds what its tree path holds."""
    row = tree.add_item(tree.village_a, "village", "财务收支", slug="finance-a")
    other = tree.add_item(tree.village_a, "village", "村务", slug="affairs-a")
    sub_row = row.add_child(instance=CatalogueItemPage(title="工程款支出", slug="works"))
    sub_row.save_revision().publish()
    below = tree.add_entry(sub_row, "东山村桥梁工程款")

    sub_row.move(other, pos="last-child", user=tree.users["admin"])
    row.refresh_from_db()
    other.refresh_from_db()
    under_other = set(DisclosurePage.objects.descendant_of(other).values_list("pk", flat=True))
    assert rows_entries(other) == {below.pk} == under_other
    assert rows_entries(row) == set()


def test_a_row_id_that_is_no_row_lists_nothing_and_a_bad_one_is_refused(tree):
    row = tree.add_item(tree.village_a, "village", "财务收支", slug="finance-a")
    entry = tree.add_entry(row, "东山村10月财务收支")
    for not_a_row in (entry, tree.village_a.page):
        assert rows_entries(not_a_row) == set()
    for bad in ("abc", "-1", "1" * 40, ""):
        with pytest.raises(BadUserInput):
            disclosure_q({"catalogue_item": bad}, datetime.date.today(), "listed_on")
