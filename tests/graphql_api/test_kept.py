"""Catalogue rows and units kept between requests (graphql_api.core.kept): a request that shows them again
reads none of them, and every change of them shows at the next request."""

from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from graphql_api.core import kept

QUERY = """{ search(query: "关于加强财政管理的通知", first: 5) {
  hits { entry { id title organisation { name shortName } catalogueItem { title fullName level retiredAt } } }
  facets { name buckets { key organisation { name } catalogueItem { fullName } } } } }"""



def policy_hit(api):
    hits = api.data(QUERY)["search"]["hits"]
    return next(hit["entry"] for hit in hits if hit["entry"]["title"] == "关于加强财政管理的通知")


def tables_read(api) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        api.data(QUERY)
    return [query["sql"].split(" FROM ", 1)[1].split()[0] for query in captured.captured_queries]


def test_a_second_request_reads_no_row_and_no_unit(api, demo, index):
    first = tables_read(api)
    assert '"cms_catalogueitempage"' in first and '"cms_organisation"' in first
    again = tables_read(api)
    assert again == ['"cms_disclosurepage"'], again  # the hits, with the whole visibility rule
    assert policy_hit(api)["catalogueItem"]["fullName"] == "政策文件 / 规范性文件"


def test_the_portals_search_page_reads_only_the_hits_when_it_comes_again(api, demo, index):
    """The committed SearchPage operation, whose facet rows name their unit (portal: rows of one name
    told apart), reads no row and no unit once they are kept."""
    operation = (Path(settings.BASE_DIR) / "graphql" / "operations" / "search.graphql").read_text()
    api.data(operation, {"query": "财务"})
    with CaptureQueriesContext(connection) as captured:
        answer = api.data(operation, {"query": "财务"})
    assert [q["sql"].split(" FROM ", 1)[1].split()[0] for q in captured.captured_queries] == ['"cms_disclosurepage"']
    rows = [b["catalogueItem"] for f in answer["search"]["facets"] if f["name"] == "CATALOGUE_ITEM" for b in f["buckets"]]
    assert rows and all(row["organisation"]["shortName"] for row in rows)


def test_a_renamed_row_and_its_parent_show_at_once(api, demo, index):
    policy_hit(api)
    for item, title in ((demo.items["normative"], "规范性文件（新）"), (demo.items["policy"], "政策法规")):
        item.title = title
        item.save_revision().publish()
    row = policy_hit(api)["catalogueItem"]
    assert (row["title"], row["fullName"]) == ("规范性文件（新）", "政策法规 / 规范性文件（新）")


def test_a_retired_row_shows_at_once(api, demo, index):
    assert policy_hit(api)["catalogueItem"]["retiredAt"] is None
    demo.items["normative"].retire("合并到政策文件")
    assert policy_hit(api)["catalogueItem"]["retiredAt"] is not None


def test_a_renamed_unit_shows_at_once(api, demo, index):
    unit = demo.units["county"]
    policy_hit(api)
    unit.name, unit.short_name = "示范县人民政府办公室", "县政府办"
    unit.save()
    assert policy_hit(api)["organisation"] == {"name": "示范县人民政府办公室", "shortName": "县政府办"}


def test_another_process_change_and_the_time_limit_start_afresh(api, demo, index, monkeypatch):
    policy_hit(api)
    assert tables_read(api) == ['"cms_disclosurepage"']
    cache.set(kept.GENERATION_KEY, "another process's change", timeout=None)  # as another process's signal
    assert '"cms_catalogueitempage"' in tables_read(api)
    assert tables_read(api) == ['"cms_disclosurepage"']
    later = kept.time.monotonic() + kept.keep_seconds()
    monkeypatch.setattr(kept.time, "monotonic", lambda: later)
    assert '"cms_catalogueitempage"' in tables_read(api)


def test_nothing_is_kept_when_turned_off_and_the_store_is_bounded(api, demo, index, monkeypatch):
    with override_settings(DISCLOSURE_GRAPHQL_KEPT_SECONDS=0):
        policy_hit(api)
        assert '"cms_catalogueitempage"' in tables_read(api)
    monkeypatch.setattr(kept, "MAX_KEPT", 3)
    policy_hit(api)  # keeps more than three values: the next request starts again
    assert '"cms_catalogueitempage"' in tables_read(api)



def test_an_entry_published_keeps_the_rows_and_a_row_published_does_not(api, demo, index):
    policy_hit(api)
    before = cache.get(kept.GENERATION_KEY)
    demo.entries["policy"].save_revision().publish()  # a new revision of an entry
    assert cache.get(kept.GENERATION_KEY) == before
    assert tables_read(api) == ['"cms_disclosurepage"']
    demo.items["budget"].save_revision().publish()
    assert cache.get(kept.GENERATION_KEY) != before
