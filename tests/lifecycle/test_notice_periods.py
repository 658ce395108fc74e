"""Notice periods (公示期): minimum lengths in working days, live at the start, down at the end."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage
from cms.visibility import visible_entries

from .conftest import BEIJING

D = datetime.date


def notice(row, title, start, end, slug=None):
    entry = DisclosurePage(title=title, slug=slug or f"n-{start:%m%d}-{end:%m%d}", live=False,
                           notice_start=start, notice_end=end)
    row.add_child(instance=entry)
    return entry


def test_a_pre_appointment_notice_shorter_than_five_working_days_is_refused(tree, rows):
    # 12, 13 and 14 (a worked Saturday) February, then the break, then the 24th: four working days.
    entry = notice(rows["appointment"], "干部任前公示", D(2026, 2, 12), D(2026, 2, 24))
    with pytest.raises(ValidationError) as caught:
        entry.save_revision()
    message = " ".join(caught.value.message_dict["notice_end"])
    assert "at least 5 working days" in message
    assert "2026-02-12 to 2026-02-24 has 4" in message
    assert entry.revisions.count() == 0


def test_five_working_days_are_enough_for_a_pre_appointment_notice(tree, rows):
    entry = notice(rows["appointment"], "干部任前公示", D(2026, 2, 12), D(2026, 2, 25))
    entry.save_revision()
    assert entry.revisions.count() == 1


@pytest.mark.parametrize(("end", "ok"), [(D(2026, 3, 2), False), (D(2026, 3, 3), True)])
def test_a_subsistence_allowance_list_needs_seven_working_days(tree, rows, end, ok):
    # 24–28 February (the 28th is a worked Saturday), 2 and 3 March.
    entry = notice(rows["allowance"], "低保对象公示", D(2026, 2, 24), end)
    if ok:
        entry.full_clean()
    else:
        with pytest.raises(ValidationError, match="at least 7 working days"):
            entry.full_clean()


def test_the_minimum_comes_from_the_catalogue_row(tree, rows):
    entry = notice(rows["notices"], "一般公示", D(2026, 2, 24), D(2026, 2, 24))
    entry.full_clean()


def test_a_notice_period_in_a_year_without_calendar_data_is_an_error(tree, rows):
    entry = notice(rows["appointment"], "跨年公示", D(2026, 12, 28), D(2027, 1, 8))
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    assert "No working-day calendar for 2027" in " ".join(caught.value.message_dict["notice_end"])


def test_the_notice_period_sets_go_live_and_expiry_in_beijing_time(tree, rows):
    entry = notice(rows["notices"], "一般公示", D(2026, 12, 1), D(2026, 12, 7))
    entry.save_revision()
    assert entry.go_live_at == datetime.datetime(2026, 12, 1, tzinfo=BEIJING)
    assert entry.expire_at == datetime.datetime(2026, 12, 8, tzinfo=BEIJING)
    revision = entry.get_latest_revision()
    assert revision.as_object().go_live_at == entry.go_live_at


def test_a_notice_goes_live_at_its_start_and_comes_down_at_its_end(tree, rows, clock):
    start = timezone.localdate() + datetime.timedelta(days=10)
    end = start + datetime.timedelta(days=6)
    entry = notice(rows["notices"], "村集体资产处置公示", start, end)
    entry.save_revision(user=tree.users["a_editor"]).publish(user=tree.users["a_approver"])
    entry.refresh_from_db()
    assert not entry.live and entry.approved_schedule

    clock(datetime.datetime.combine(start, datetime.time(0, 1), tzinfo=BEIJING))
    call_command("publish_due_entries")
    entry.refresh_from_db()
    assert entry.live
    assert visible_entries().filter(pk=entry.pk).exists()

    clock(datetime.datetime.combine(end, datetime.time(23, 59), tzinfo=BEIJING))
    call_command("publish_due_entries")
    entry.refresh_from_db()
    assert entry.live

    clock(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0, 1), tzinfo=BEIJING))
    call_command("publish_due_entries")
    entry.refresh_from_db()
    assert not entry.live and entry.expired
    assert not visible_entries().filter(pk=entry.pk).exists()
    assert entry.revisions.count() == 1
    ended = PageLogEntry.objects.get(page=entry, action="cms.notice_end")
    assert ended.user is None
    assert ended.data == {"notice_start": start.isoformat(), "notice_end": end.isoformat()}


def test_publish_due_entries_takes_down_a_notice_whose_period_has_passed(tree, rows):
    """go_live_at and expire_at both in the past: live at once, down at the scheduler's next run."""
    today = timezone.localdate()
    entry = notice(rows["notices"], "往期公示", today - datetime.timedelta(days=20), today - datetime.timedelta(days=10))
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.live and entry.expire_at < timezone.now()
    call_command("publish_due_entries")
    entry.refresh_from_db()
    assert not entry.live and entry.expired
    assert PageLogEntry.objects.filter(page=entry, action="wagtail.unpublish.scheduled").exists()
    assert PageLogEntry.objects.filter(page=entry, action="cms.notice_end").exists()


def test_a_notice_already_running_goes_live_at_once(tree, rows):
    today = timezone.localdate()
    entry = notice(rows["notices"], "公示", today - datetime.timedelta(days=1), today + datetime.timedelta(days=5))
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.live


def test_a_raised_minimum_does_not_block_publishing_an_approved_revision(tree, rows, clock):
    start = timezone.localdate() + datetime.timedelta(days=10)
    entry = notice(rows["notices"], "公示", start, start)
    entry.save_revision().publish()
    rows["notices"].notice_min_working_days = 5
    rows["notices"].save_revision().publish()
    clock(datetime.datetime.combine(start, datetime.time(1), tzinfo=BEIJING))
    call_command("publish_due_entries")
    entry.refresh_from_db()
    assert entry.live


def test_a_notice_period_too_short_is_refused_when_the_entry_is_created(client, tree, rows):
    """The admin's create form checks the row's minimum before the page exists (DisclosurePageForm)."""
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

    client.force_login(tree.users["a_editor"])
    row = rows["allowance"]
    url = f"/admin/pages/add/cms/disclosurepage/{row.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data.update({"title": "低保对象公示", "slug": "allowance-notice", "notice_start": "2026-02-24",
                 "notice_end": "2026-02-25"})
    data.update(nested_form_data({"body": {"count": "0"}}))
    response = client.post(url, data)
    assert response.status_code == 200, "the form comes back with the error instead of creating the entry"
    assert "at least 7 working days" in response.content.decode()
    assert not DisclosurePage.objects.filter(slug="allowance-notice").exists()
    data["notice_end"] = "2026-03-03"
    response = client.post(url, data)
    assert response.status_code == 302
    assert DisclosurePage.objects.filter(slug="allowance-notice").exists()
