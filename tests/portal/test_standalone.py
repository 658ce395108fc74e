"""The portal on a host of its own: the same pages read over HTTP from PORTAL_GRAPHQL_URL (here the live
test server's /graphql/), and the standalone URLconf answers page paths with its catch-all route."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve
from wagtail.models import Page

from portal import views


@pytest.fixture
def remote(django_db_serialized_rollback, transactional_db, live_server, settings, tmp_path):
    from tests.graphql_api import demo as demo_module
    from tests.graphql_api.search_support import demo_index

    data = demo_module.build()
    settings.PORTAL_GRAPHQL_URL = live_server.url + "/graphql/"
    with demo_index(tmp_path / "index"):
        yield data


def get(path):
    return RequestFactory().get(path, HTTP_HOST="gongkai.example.invalid")


def test_pages_read_over_http(remote, settings):
    settings.ALLOWED_HOSTS = ["gongkai.example.invalid", "localhost", "127.0.0.1", "testserver"]
    home = views.home(get("/"))
    assert home.status_code == 200 and "干部任前公示" in home.content.decode()
    entry_path = Page.objects.get(pk=remote.entry("policy").pk).url
    entry = views.page(get(entry_path), entry_path)
    text = entry.content.decode()
    assert entry.status_code == 200 and "示政发〔2026〕12号" in text
    assert "http://localhost:" in text  # file URLs point at the CMS that serves and checks them
    found = views.search(get("/search/?q=财政"))
    assert found.status_code == 200 and "<em>财政</em>" in found.content.decode()
    hidden_path = Page.objects.get(pk=remote.entry("withdrawn").pk).url
    with pytest.raises(Http404):
        views.page(get(hidden_path), hidden_path)


def test_the_standalone_urlconf_routes_page_paths_to_the_portal():
    assert resolve("/330199-000/government/", urlconf="portal.site_urls").func.__name__ == "page"
    assert resolve("/search/", urlconf="portal.site_urls").func.__name__ == "search"
