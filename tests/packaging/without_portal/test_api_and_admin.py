"""Without the portal app the admin, the review procedure and the API work (run by
tests/packaging/test_without_portal.py with the settings of this folder; skipped in the main run)."""

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import make_user

pytestmark = pytest.mark.skipif(apps.is_installed("portal"), reason="runs with tests.packaging.without_portal.settings")

QUERY = "query($id: ID!) { disclosure(id: $id) { title organisation { name } } }"


@pytest.fixture
def entry(tree):
    item = tree.add_item(tree.village_a, "village", "村级财务", slug="finance")
    return tree.add_entry(item, "2026年第三季度村级财务公开", summary="财务收支。")


def test_the_optional_apps_are_not_installed():
    for app in ("portal", "applications", "interaction", "consultations", "supervision", "annual_reports"):
        assert not apps.is_installed(app), app


def test_the_schema_holds_only_the_installed_apps():
    from graphql_api.schema import schema

    query_fields = set(schema.graphql_schema.query_type.fields)
    assert {"disclosure", "disclosures", "search", "organisation"} <= query_fields
    assert not {"applicationStatus", "feedbackLookup", "consultations"} & query_fields
    assert schema.graphql_schema.mutation_type is None


def test_the_api_answers(client, entry):
    response = client.post("/graphql/", {"query": QUERY, "variables": {"id": entry.pk}},
                           content_type="application/json")
    assert response.status_code == 200
    assert response.json()["data"]["disclosure"]["title"] == "2026年第三季度村级财务公开"


def test_the_admin_answers(client, tree, entry):
    client.force_login(make_user("root", superuser=True))
    for url in ("/admin/", f"/admin/pages/{entry.get_parent().pk}/", f"/admin/pages/{entry.pk}/edit/",
                "/admin/account/", "/admin/workflows/list/"):
        assert client.get(url).status_code == 200, url


def test_public_page_urls_answer_404_without_a_portal(client, entry):
    assert client.get(entry.url).status_code == 404


def test_the_checks_pass(tree):
    call_command("check", fail_level="ERROR")


def test_the_host_sites_own_pages_are_served(client, tree):
    """Only the disclosure tree's pages pass cms.serving: a page of the host answers as Wagtail serves it."""
    from wagtail.models import Page, Site

    home = Page.get_first_root_node().add_child(instance=Page(title="县人民政府门户", slug="host-home"))
    Site.objects.create(hostname="www.example.gov.cn", port=80, root_page=home)
    response = client.get("/", HTTP_HOST="www.example.gov.cn")
    assert response.status_code == 200
    assert "县人民政府门户" in response.content.decode()
