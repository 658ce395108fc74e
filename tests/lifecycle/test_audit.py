"""Withdrawal, archiving and the end of a notice period are in Wagtail's audit log with actor, time and
reason, and show on the entry's history page."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import PageLogEntry

from cms import lifecycle
from cms.models import DisclosurePage


def test_lifecycle_actions_are_registered():
    for action in (lifecycle.WITHDRAW, lifecycle.ARCHIVE, lifecycle.NOTICE_END, lifecycle.REINSTATE):
        assert registry.action_exists(action)


def test_the_history_page_shows_withdrawal_archiving_and_notice_end(client, english_admin, tree, rows):
    today = timezone.localdate()
    entry = tree.add_entry(rows["notices"], "村集体资产处置公示", notice_start=today - datetime.timedelta(days=10),
                           notice_end=today - datetime.timedelta(days=3))
    call_command("publish_due_entries")
    other = tree.add_entry(rows["public"], "2026年10月村务收支公开")
    lifecycle.withdraw(other, tree.users["a_approver"], "金额填写错误")
    lifecycle.archive(entry, tree.users["t_approver"], "公示期满归档", hidden=True)

    records = {e.action: e for e in PageLogEntry.objects.filter(page__in=[entry, other])}
    assert records["cms.withdraw"].user == tree.users["a_approver"]
    assert records["cms.archive"].user == tree.users["t_approver"]
    assert records["cms.notice_end"].user is None
    assert all(records[a].timestamp for a in ("cms.withdraw", "cms.archive", "cms.notice_end"))

    client.force_login(tree.users["t_approver"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[other.pk])).content.decode()
    assert "Withdrawn from the portal and search" in history and "金额填写错误" in history
    history = client.get(reverse("wagtailadmin_pages:history", args=[entry.pk])).content.decode()
    assert "Archived and hidden from the public" in history and "公示期满归档" in history
    assert "ended: taken down by scheduled publishing" in history
    assert DisclosurePage.objects.filter(pk__in=[entry.pk, other.pk]).count() == 2
