"""The stored sort dates (``DisclosurePage.listed_on`` and ``written_or_listed_on``, docs/lifecycle.md «Listing
date») equal the coalesced dates the lists sorted on before they were stored, for entries made through every
path."""

import datetime
import importlib
import types

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from cms.bulk import EntryCloner, NewEntry, make_prototype, sample_body
from cms.models import DisclosurePage, Domain

pytestmark = pytest.mark.django_db

# The expression GraphQL's lists annotated and sorted on before the column (graphql_api/disclosures).
COALESCED = Coalesce("published_on", "first_published_on", TruncDate("first_published_at"), output_field=DateField())
DAY = datetime.date(2026, 3, 2)


WRITTEN = Coalesce("written_on", COALESCED, output_field=DateField())  # and its written-date sort


def assert_stored_equals_coalesced():
    fields = ("pk", "listed_on", "written_or_listed_on")
    stored = list(DisclosurePage.objects.order_by("pk").values_list(*fields))
    assert stored
    assert stored == list(DisclosurePage.objects.order_by("pk").annotate(a=COALESCED, b=WRITTEN)
                          .values_list("pk", "a", "b"))


@pytest.fixture
def item(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")


def moment(day, hour, minute=0):
    """A moment given in UTC."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


def test_publishing_stores_the_day_of_first_publication(tree, item):
    entry = tree.add_entry(item, "未填发布日期的条目")
    today = timezone.localdate()
    assert entry.published_on == entry.first_published_on == entry.listed_on == today
    assert entry.listed_on == timezone.localdate(entry.first_published_at)
    assert_stored_equals_coalesced()


def test_a_given_publication_date_is_the_listing_date(tree, item):
    entry = tree.add_entry(item, "填了发布日期的条目", published_on=DAY)
    assert entry.listed_on == DAY and entry.first_published_on == timezone.localdate()
    # Changed by a later edit and published again: the list follows.
    page = DisclosurePage.objects.get(pk=entry.pk)
    page.published_on = DAY - datetime.timedelta(days=10)
    page.save_revision().publish()
    assert DisclosurePage.objects.get(pk=entry.pk).listed_on == DAY - datetime.timedelta(days=10)
    assert_stored_equals_coalesced()


def test_a_draft_has_no_listing_date_and_an_edited_draft_leaves_the_live_one(tree, item):
    draft = tree.add_entry(item, "草稿", publish=False)
    assert DisclosurePage.objects.get(pk=draft.pk).listed_on is None
    live = tree.add_entry(item, "已发布", published_on=DAY)
    page = DisclosurePage.objects.get(pk=live.pk)
    page.published_on = DAY + datetime.timedelta(days=5)
    page.save_revision()  # a draft of the live entry: the row and its list place stay until published
    assert DisclosurePage.objects.get(pk=live.pk).listed_on == DAY
    assert_stored_equals_coalesced()


def test_the_first_publication_moment_counts_by_its_local_date(tree, item):
    """17:30 UTC on 1 March is 01:30 on 2 March in Asia/Shanghai (settings.TIME_ZONE): listed on 2 March,
    as TruncDate made it."""
    entry = tree.add_entry(item, "跨日发布")
    DisclosurePage.objects.filter(pk=entry.pk).update(published_on=None, first_published_on=None,
                                                      first_published_at=moment(DAY - datetime.timedelta(days=1), 17, 30))
    assert DisclosurePage.objects.get(pk=entry.pk).listed_on == DAY
    assert_stored_equals_coalesced()


def test_updates_of_the_source_fields_keep_the_listing_date_in_step(tree, item):
    """QuerySet.update (the demo dating its entries, test fixtures) and save(update_fields=…)."""
    entries = [tree.add_entry(item, f"条目{n}") for n in range(3)]
    DisclosurePage.objects.filter(pk__in=[e.pk for e in entries]).update(first_published_on=None, published_on=None)
    assert {e.listed_on for e in DisclosurePage.objects.filter(pk__in=[e.pk for e in entries])} == {
        timezone.localdate(entries[0].first_published_at)}
    DisclosurePage.objects.filter(pk=entries[0].pk).update(first_published_on=DAY)
    page = DisclosurePage.objects.get(pk=entries[1].pk)
    page.published_on = DAY + datetime.timedelta(days=1)
    page.save(update_fields=["published_on"])
    stored = dict(DisclosurePage.objects.values_list("pk", "listed_on"))
    assert stored[entries[0].pk] == DAY and stored[entries[1].pk] == DAY + datetime.timedelta(days=1)
    assert_stored_equals_coalesced()


def test_the_written_date_sort_falls_back_to_the_listing_date(tree, item):
    written = tree.add_entry(item, "有成文日期", written_on=DAY - datetime.timedelta(days=7), published_on=DAY)
    unwritten = tree.add_entry(item, "无成文日期", published_on=DAY)
    stored = dict(DisclosurePage.objects.values_list("pk", "written_or_listed_on"))
    assert stored[written.pk] == DAY - datetime.timedelta(days=7) and stored[unwritten.pk] == DAY
    DisclosurePage.objects.filter(pk=written.pk).update(written_on=None)
    page = DisclosurePage.objects.get(pk=unwritten.pk)
    page.written_on = DAY - datetime.timedelta(days=1)
    page.save(update_fields=["written_on"])
    stored = dict(DisclosurePage.objects.values_list("pk", "written_or_listed_on"))
    assert stored[written.pk] == DAY and stored[unwritten.pk] == DAY - datetime.timedelta(days=1)
    assert_stored_equals_coalesced()


def test_bulk_entries_store_the_listing_date(tree, item):
    text = "东山村2026年村级财务收支情况。"
    new = NewEntry(title="原型条目", published_on=DAY, summary="摘要", keywords="财务", text=text)
    prototype = make_prototype(item, new, sample_body(tree.village_a, text), slug="prototype")
    days = [DAY + datetime.timedelta(days=n) for n in (3, 40)]
    made = EntryCloner(prototype).clone(
        [NewEntry(title=f"批量{n}", published_on=day, summary="摘要", keywords="财务", text=text)
         for n, day in enumerate(days)], ["bulk-1", "bulk-2"])
    assert list(DisclosurePage.objects.filter(pk__in=made).order_by("pk").values_list("listed_on", flat=True)) == days
    assert_stored_equals_coalesced()


def test_scheduled_publishing_stores_the_listing_date(tree, item):
    entry = tree.add_entry(item, "定时发布", publish=False)
    page = DisclosurePage.objects.get(pk=entry.pk)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # approved for later: not live yet
    # Wagtail sends page_published for a scheduled revision too; the day is recorded when it goes live.
    waiting = DisclosurePage.objects.get(pk=entry.pk)
    assert not waiting.live and waiting.published_on is None and waiting.listed_on is None
    assert_stored_equals_coalesced()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_due_entries", stdout=open("/dev/null", "w"))
    page = DisclosurePage.objects.get(pk=entry.pk)
    assert page.live and page.listed_on == timezone.localdate(page.first_published_at) == page.published_on
    assert_stored_equals_coalesced()


def test_the_data_migration_fills_existing_rows(tree, item):
    """cms/migrations/0011 on rows whose column is empty, as after 0010 on an existing database."""
    tree.add_entry(item, "有发布日期", published_on=DAY)
    late = tree.add_entry(item, "仅有首次发布时刻")
    DisclosurePage.objects.filter(pk=late.pk).update(published_on=None, first_published_on=None,
                                                     first_published_at=moment(DAY, 16, 5))
    tree.add_entry(item, "草稿", publish=False)
    tree.add_entry(item, "有成文日期", written_on=DAY - datetime.timedelta(days=3))
    fields = ("pk", "listed_on", "written_or_listed_on")
    expected = list(DisclosurePage.objects.order_by("pk").values_list(*fields))
    DisclosurePage.objects.update(listed_on=None, written_or_listed_on=None)
    from django.apps import apps

    editor = types.SimpleNamespace(connection=connection)
    importlib.import_module("cms.migrations.0011_fill_listed_on").fill_listed_on(apps, editor)
    importlib.import_module("cms.migrations.0014_fill_written_or_listed_on").fill_written_or_listed_on(apps, editor)
    assert list(DisclosurePage.objects.order_by("pk").values_list(*fields)) == expected
    assert dict(DisclosurePage.objects.values_list("pk", "listed_on"))[late.pk] == DAY + datetime.timedelta(days=1)
    assert_stored_equals_coalesced()
