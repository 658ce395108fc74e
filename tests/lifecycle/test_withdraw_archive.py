"""Withdrawal (撤回) and archiving (归档) never lose data: the entry, its revisions and its history stay."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms import lifecycle
from cms.locks import archive_lock
from cms.models import DisclosurePage
from cms.visibility import visible_entries


@pytest.fixture
def entry(tree, rows):
    page = tree.add_entry(rows["public"], "2026年10月村务收支公开", publish=False)
    page.summary = "第二稿"
    page.save_revision(user=tree.users["a_editor"]).publish(user=tree.users["a_approver"])
    page.refresh_from_db()
    return page


def test_withdrawal_takes_the_entry_off_the_portal_and_keeps_everything(tree, entry):
    revisions = entry.revisions.count()
    logs = PageLogEntry.objects.filter(page=entry).count()
    lifecycle.withdraw(entry, tree.users["a_approver"], "  数据有误，待更正  ")
    entry.refresh_from_db()
    assert not entry.live
    assert entry.withdrawn_at is not None and entry.withdrawal_reason == "数据有误，待更正"
    assert not visible_entries().filter(pk=entry.pk).exists()
    assert entry.revisions.count() == revisions
    assert PageLogEntry.objects.filter(page=entry).count() == logs + 1
    record = PageLogEntry.objects.get(page=entry, action="cms.withdraw")
    assert record.user == tree.users["a_approver"]
    assert record.data["reason"] == "数据有误，待更正"
    assert record.timestamp <= timezone.now()


def test_withdrawal_needs_a_reason(tree, entry):
    with pytest.raises(lifecycle.LifecycleError, match="reason"):
        lifecycle.withdraw(entry, tree.users["a_approver"], "   ")
    entry.refresh_from_db()
    assert entry.live and entry.withdrawn_at is None


def test_withdrawal_refusals(tree, rows, entry):
    lifecycle.withdraw(entry, tree.users["a_approver"], "数据有误")
    with pytest.raises(lifecycle.LifecycleError, match="already withdrawn"):
        lifecycle.withdraw(entry, tree.users["a_approver"], "再次撤回")
    draft = tree.add_entry(rows["public"], "草稿", publish=False)
    with pytest.raises(lifecycle.LifecycleError, match="published or scheduled"):
        lifecycle.withdraw(draft, tree.users["a_approver"], "撤回草稿")


def test_withdrawing_a_scheduled_entry_cancels_its_schedule(tree, rows):
    page = tree.add_entry(rows["public"], "定时发布", publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.approved_schedule
    lifecycle.withdraw(page, tree.users["a_approver"], "暂不发布")
    page = DisclosurePage.objects.get(pk=page.pk)
    assert not page.approved_schedule and not page.live and page.is_withdrawn


def test_publishing_a_withdrawn_entry_again_reinstates_it(tree, entry):
    lifecycle.withdraw(entry, tree.users["a_approver"], "数据有误")
    entry.refresh_from_db()
    entry.summary = "已更正"
    entry.save_revision(user=tree.users["a_editor"]).publish(user=tree.users["a_approver"])
    entry.refresh_from_db()
    assert entry.live and entry.withdrawn_at is None
    assert visible_entries().filter(pk=entry.pk).exists()
    record = PageLogEntry.objects.get(page=entry, action="cms.reinstate")
    assert record.data["reason"] == "数据有误"
    assert PageLogEntry.objects.filter(page=entry, action="cms.withdraw").exists()


def test_archiving_keeps_the_entry_retrievable_and_read_only(tree, entry):
    revisions = entry.revisions.count()
    lifecycle.archive(entry, tree.users["a_approver"], "年度归档")
    entry.refresh_from_db()
    assert entry.is_archived and not entry.archive_hidden and entry.live
    assert entry.locked and entry.locked_by is None
    assert visible_entries().filter(pk=entry.pk).exists()
    assert entry.get_lock().for_user(tree.users["a_approver"])
    assert entry.get_lock().for_user(tree.users["admin"])
    lock = archive_lock(entry)
    assert lock.for_user(tree.users["admin"]) and "is archived" in lock.get_message(tree.users["admin"])
    entry.summary = "篡改"
    with pytest.raises(ValidationError, match="archived and read-only"):
        entry.save_revision(user=tree.users["a_editor"])
    assert entry.revisions.count() == revisions
    record = PageLogEntry.objects.get(page=entry, action="cms.archive")
    assert record.user == tree.users["a_approver"] and record.data == {"reason": "年度归档", "hidden": False}


def test_archiving_hidden_takes_the_entry_off_the_portal(tree, entry):
    lifecycle.archive(entry, tree.users["a_approver"], "涉及个人信息", hidden=True)
    entry.refresh_from_db()
    assert entry.archive_hidden
    assert DisclosurePage.objects.filter(pk=entry.pk).exists()
    assert not visible_entries().filter(pk=entry.pk).exists()


def test_archive_refusals(tree, rows, entry):
    lifecycle.archive(entry, tree.users["a_approver"])
    with pytest.raises(lifecycle.LifecycleError, match="already archived"):
        lifecycle.archive(entry, tree.users["a_approver"])
    draft = tree.add_entry(rows["public"], "草稿", publish=False)
    with pytest.raises(lifecycle.LifecycleError, match="has been published"):
        lifecycle.archive(draft, tree.users["a_approver"])


def test_an_archived_entry_can_still_be_withdrawn(tree, entry):
    lifecycle.archive(entry, tree.users["a_approver"])
    lifecycle.withdraw(entry, tree.users["a_approver"], "发现错误")
    entry.refresh_from_db()
    assert entry.is_archived and entry.is_withdrawn and not entry.live


def test_the_admin_refuses_to_save_an_archived_entry(client, english_admin, tree, entry):
    lifecycle.archive(entry, tree.users["a_approver"])
    client.force_login(tree.users["a_approver"])
    url = reverse("wagtailadmin_pages:edit", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "read-only" in page.content.decode()
    response = client.post(url, {"title": "篡改标题", "slug": entry.slug, "action-publish": "publish"}, follow=True)
    assert "archived and read-only" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "2026年10月村务收支公开"


def test_plain_unpublish_of_an_entry_is_not_offered(client, english_admin, tree, entry):
    """Entries come down by withdrawal (with a reason), which the approver is offered instead."""
    client.force_login(tree.users["a_approver"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert reverse("wagtailadmin_pages:unpublish", args=[entry.pk]) not in edit
    assert reverse("cms_lifecycle_withdraw", args=[entry.pk]) in edit
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[entry.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), "permission denied"
    entry.refresh_from_db()
    assert entry.live
