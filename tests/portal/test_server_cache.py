"""The portal keeps a rendered public page (portal/cache.py): the same host, path and query are answered
without reading the API again until something the pages show changes or PORTAL_SERVER_CACHE_SECONDS pass
(never more than the PORTAL_CACHE_MAX_AGE browsers and proxies may keep it anyway); errors, other queries
and private pages are never taken from it."""

from datetime import date

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
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
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
    from portal.cache import server_cache_seconds
    settings.DISCLOSURE_PORTAL_CACHE_MAX_AGE = 10
    assert server_cache_seconds() == 10
    settings.DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS = 0
    cached.get("/units/")
    with CaptureQueriesContext(connection) as queries:
        cached.get("/units/")
    assert queries  # off: every request renders


def test_by_default_a_page_is_kept_as_long_as_browsers_may_keep_it_and_briefly_by_a_portal_elsewhere(settings):
    from portal.cache import STANDALONE_SECONDS, server_cache_seconds
    del settings.DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS
    settings.DISCLOSURE_PORTAL_CACHE_MAX_AGE = 300
    assert server_cache_seconds() == 300  # changes reach it by signal
    settings.PORTAL_GRAPHQL_URL = "https://cms.example.gov.cn/graphql/"
    assert server_cache_seconds() == STANDALONE_SECONDS == 30  # it hears no change: expiry alone bounds it


def entry_path(entry) -> str:
    return entry.get_url(None).replace("http://testserver", "")


def test_a_withdrawal_reaches_the_next_request_at_once(cached, demo, admin_user):
    from cms.lifecycle import withdraw
    entry = demo.entry("monthly_1")
    path = entry_path(entry)
    listing = "/search/?q=村务财务收支公开第1期"
    assert cached.get(path).status_code == 200 and cached.get(path)["X-Portal-Cache"] == "hit"
    assert "村务财务收支公开第1期" in cached.get(listing).content.decode()
    withdraw(entry, admin_user, "含有个人信息")
    assert cached.get(path).status_code == 404
    after = cached.get(listing)
    assert after["X-Portal-Cache"] == "miss"


def test_a_published_change_is_shown_on_the_next_request(cached, demo):
    entry = demo.entry("monthly_2")
    path = entry_path(entry)
    assert "村务财务收支公开第2期" in cached.get(path).content.decode()
    entry.title = "村务财务收支公开第2期（更正）"
    entry.save_revision().publish()
    again = cached.get(path)
    assert again["X-Portal-Cache"] == "miss" and "（更正）" in again.content.decode()


def test_retiring_a_row_starts_a_new_generation(cached, demo):
    """Retiring writes through QuerySet.update, which sends no post_save: cms.events announces it."""
    from portal.cache import GENERATION_KEY, page_cache

    cached.get("/units/")
    before = page_cache().get(GENERATION_KEY)
    demo.entry("monthly_2").catalogue_item.retire("并入新的目录")
    assert page_cache().get(GENERATION_KEY) != before
    assert cached.get("/units/")["X-Portal-Cache"] == "miss"


def test_a_strangers_submission_does_not_empty_the_cache_but_staff_changes_do(cached, demo):
    from interaction.models import Feedback
    from portal.cache import GENERATION_KEY, page_cache
    cached.get("/units/")
    before = page_cache().get(GENERATION_KEY)
    from interaction.models import Target
    feedback = Feedback.objects.create(organisation=demo.entry("monthly_3").organisation, target=Target.values[0],
                                       contact="13800000000", text="请公开村务财务明细", received_on=date.today())
    assert page_cache().get(GENERATION_KEY) == before and cached.get("/units/")["X-Portal-Cache"] == "hit"
    feedback.save()
    assert page_cache().get(GENERATION_KEY) != before
    assert cached.get("/units/")["X-Portal-Cache"] == "miss"


def test_kept_pages_expire_spread_over_the_second_half_of_their_time():
    from portal.cache import kept_for
    lifetimes = {kept_for(300) for _ in range(2000)}
    assert min(lifetimes) >= 150 and max(lifetimes) <= 300 and len(lifetimes) > 100
    assert kept_for(1) == 1
