"""Issue 11: the admin's page search finds Chinese words written inside titles and summaries (Wagtail's
database backend: SQLite FTS5 or PostgreSQL)."""

import pytest

from cms.models import Domain
from cms.models.pages import admin_search_terms


def test_a_run_of_chinese_is_indexed_as_its_suffixes():
    terms = admin_search_terms("道路修缮", "Road 2026").split()
    assert {"道路", "修缮", "道路修缮", "路修缮", "缮", "road", "2026"} <= set(terms)


@pytest.fixture
def entries(tree):
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级道路建设", slug="roads")
    return {
        "repair": tree.add_entry(item, "2026年村内道路修缮工程公示", publish=False, owner=tree.users["a_editor"]),
        "summary": tree.add_entry(item, "2026年第一季度工程公示", publish=False, owner=tree.users["a_editor"],
                                  summary="涉及东山桥修缮。"),
        "other": tree.add_entry(item, "2026年低保名单公示", publish=False, owner=tree.users["a_editor"]),
        "item": item,
    }


@pytest.mark.parametrize("query, expected", [
    ("修缮", {"repair", "summary"}),
    ("道路修缮", {"repair"}),
    ("村内道路修缮工程", {"repair"}),
    ("道路 工程", {"repair"}),
    ("低保", {"other"}),
    ("道路建设", {"item"}),
    ("修缮公示", set()),
])
def test_the_admin_search_finds_words_inside_titles(query, expected, entries, client, tree):
    client.force_login(tree.users["a_editor"])
    response = client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    found = {pk for pk in (page.pk for page in response.context["pages"])}
    assert found == {entries[name].pk for name in expected}
