"""The portal keeps a rendered public page for PORTAL_SERVER_CACHE_SECONDS (production: 30 s, below the
300 s browsers and proxies may keep it anyway): the same host, path and query are answered without
reading the API again; errors, other queries and private pages are never taken from it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, portal):
    settings.DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS = 30
    cache.clear()
    yield portal
    cache.clear()


def test_a_page_is_rendered_once_and_answered_from_the_cache(cached):
    first = cached.get("/units/330199-000/")
    with CaptureQueriesContext(connection) as queries:
        second = cached.get("/units/330199-000/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content and len(queries) == 0
    assert second["Cache-Control"] == first["Cache-Control"] and second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "zh-CN"
    assert cached.get("/units/330199-000/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_another_query_is_another_page_and_errors_are_not_kept(cached):
    first = cached.get("/search/?q=预算")
    other = cached.get("/search/?q=村务")
    assert first.status_code == other.status_code == 200 and first.content != other.content
    with CaptureQueriesContext(connection) as queries:
        assert cached.get("/units/330199-999/").status_code == 404
    assert queries  # read
    with CaptureQueriesContext(connection) as queries:
        assert cached.get("/units/330199-999/").status_code == 404
    assert queries  # read again: a missing page is never kept


def test_what_the_cache_holds_is_bounded_by_the_browsers_max_age(settings, cached):
    from portal.views import server_cache_seconds
    settings.DISCLOSURE_PORTAL_CACHE_MAX_AGE = 10
    assert server_cache_seconds() == 10
    settings.DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS = 0
    cached.get("/units/")
    with CaptureQueriesContext(connection) as queries:
        cached.get("/units/")
    assert queries  # off: every request renders
