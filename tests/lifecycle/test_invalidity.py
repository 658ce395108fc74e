"""有效性 已失效 (docs/lifecycle.md "已失效"): declared by an approver with a date and a reason, audited; from
that day the entry reads 已失效 in the API (value and filter) and, once the scheduler has run, in search;
undoing it restores 有效."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms import lifecycle
from cms.models import DisclosureLink, DisclosurePage, LinkKind, Validity
from cms.visibility import current_validity_q, visible_entries
from search.models import IndexTask

from .conftest import at

D = datetime.date


@pytest.fixture
def entry(tree, rows, clock):
    clock(at(D(2026, 2, 10)))  # published before the dates below
    page = tree.add_entry(rows["public"], "东山村村规民约（2020年版）", publish=False)
    page.save_revision(user=tree.users["a_editor"]).publish(user=tree.users["a_approver"])
    page.refresh_from_db()
    return page


def test_an_amending_entry_scheduled_for_later_marks_nothing_until_it_goes_live(tree, rows, entry):
    from django.utils import timezone
    amending = tree.add_entry(rows["public"], "关于修改村规民约的决定（下周施行）", publish=False)
    DisclosureLink.objects.create(page=amending, kind=LinkKind.AMENDS, target=entry)
    page = DisclosurePage.objects.get(pk=amending.pk)
    page.go_live_at = timezone.now() + datetime.timedelta(days=7)
    page.save_revision(user=tree.users["a_editor"]).publish(user=tree.users["a_approver"])
    entry.refresh_from_db()
    assert not DisclosurePage.objects.get(pk=amending.pk).live
    assert entry.validity == Validity.VALID and entry.superseded_by_id is None


def validity_in_api(client, entry, today):
    response = client.post("/graphql/", {"query": "query($id: ID!) { disclosure(id: $id) { validity invalidFrom } }",
                                           "variables": {"id": entry.pk}}, content_type="application/json")
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]["disclosure"]


def test_declaring_an_entry_invalid_today_marks_it_at_once_and_logs_it(tree, entry, clock):
    clock(at(D(2026, 2, 16)))  # during the Spring Festival break: a calendar date, not a working day
    lifecycle.invalidate(entry, tree.users["a_approver"], " 被2026年版村规民约取代 ")
    entry.refresh_from_db()
    assert entry.validity == Validity.EXPIRED and entry.invalid_from == D(2026, 2, 16)
    assert entry.invalidity_reason == "被2026年版村规民约取代"
    assert visible_entries().filter(pk=entry.pk).exists()  # 已失效 stays public, marked
    record = PageLogEntry.objects.get(page=entry, action=lifecycle.INVALIDATE)
    assert record.user == tree.users["a_approver"]
    assert record.data == {"reason": "被2026年版村规民约取代", "invalid_from": "2026-02-16"}
    assert IndexTask.objects.filter(page_id=entry.pk).exists()


def test_a_later_date_makes_it_invalid_from_that_day_in_the_api_before_the_scheduler_runs(tree, entry, clock, client):
    clock(at(D(2026, 9, 30)))
    lifecycle.invalidate(entry, tree.users["a_approver"], "有效期至2026年10月7日", D(2026, 10, 8))
    entry.refresh_from_db()
    assert entry.validity == Validity.VALID
    assert entry.current_validity(D(2026, 10, 7)) == Validity.VALID
    assert entry.current_validity(D(2026, 10, 8)) == Validity.EXPIRED
    assert validity_in_api(client, entry, None) == {"validity": "VALID", "invalidFrom": "2026-10-08"}
    entries = DisclosurePage.objects.filter(pk=entry.pk)
    assert entries.filter(current_validity_q([Validity.VALID], D(2026, 10, 7))).exists()
    assert not entries.filter(current_validity_q([Validity.EXPIRED], D(2026, 10, 7))).exists()
    assert entries.filter(current_validity_q([Validity.EXPIRED], D(2026, 10, 8))).exists()
    assert not entries.filter(current_validity_q([Validity.VALID], D(2026, 10, 8))).exists()

    clock(at(D(2026, 10, 8), 0))  # National Day: the date counts whatever the calendar says
    assert validity_in_api(client, entry, None) == {"validity": "EXPIRED", "invalidFrom": "2026-10-08"}
    response = client.post("/graphql/", {"query": "{ disclosures(filter: {validities: [EXPIRED]}) { nodes { id } } }"},
                           content_type="application/json")
    assert [int(node["id"]) for node in response.json()["data"]["disclosures"]["nodes"]] == [entry.pk]


def test_the_scheduler_stores_it_on_the_day_logs_it_and_reindexes(tree, entry, clock):
    clock(at(D(2026, 9, 30)))
    lifecycle.invalidate(entry, tree.users["a_approver"], "有效期届满", D(2026, 10, 8))
    call_command("publish_due_entries", verbosity=0)
    entry.refresh_from_db()
    assert entry.validity == Validity.VALID
    IndexTask.objects.all().delete()
    clock(at(D(2026, 10, 8), 0))
    call_command("publish_due_entries", verbosity=0)
    entry.refresh_from_db()
    assert entry.validity == Validity.EXPIRED
    assert PageLogEntry.objects.filter(page=entry, action=lifecycle.EXPIRED).count() == 1
    assert IndexTask.objects.filter(page_id=entry.pk).exists()
    call_command("publish_due_entries", verbosity=0)  # idempotent
    assert PageLogEntry.objects.filter(page=entry, action=lifecycle.EXPIRED).count() == 1


def test_undo_restores_valid_and_is_logged(tree, entry):
    lifecycle.invalidate(entry, tree.users["a_approver"], "误操作")
    lifecycle.revalidate(entry, tree.users["a_approver"], "撤销误操作")
    entry.refresh_from_db()
    assert entry.validity == Validity.VALID and entry.invalid_from is None and entry.invalidity_reason == ""
    record = PageLogEntry.objects.get(page=entry, action=lifecycle.REVALIDATE)
    assert record.data["reason"] == "误操作" and record.data["note"] == "撤销误操作"


def test_undo_of_an_amended_entry_gives_back_amended(tree, rows, entry):
    amending = tree.add_entry(rows["public"], "关于修改村规民约的决定", publish=False)
    DisclosureLink.objects.create(page=amending, kind=LinkKind.AMENDS, target=entry)
    amending.save_revision().publish()
    entry.refresh_from_db()
    assert entry.validity == Validity.AMENDED
    lifecycle.invalidate(entry, tree.users["a_approver"], "整体失效")
    lifecycle.revalidate(entry, tree.users["a_approver"])
    entry.refresh_from_db()
    assert entry.validity == Validity.AMENDED and entry.superseded_by_id == amending.pk


def test_refusals_and_permissions(tree, rows, entry):
    with pytest.raises(lifecycle.LifecycleError, match="reason"):
        lifecycle.invalidate(entry, tree.users["a_approver"], "  ")
    with pytest.raises(lifecycle.LifecyclePermissionError):
        lifecycle.invalidate(entry, tree.users["a_editor"], "编辑无权")
    with pytest.raises(lifecycle.LifecyclePermissionError):
        lifecycle.invalidate(entry, tree.users["b_approver"], "他村无权")
    with pytest.raises(lifecycle.LifecycleError, match="past"):
        lifecycle.invalidate(entry, tree.users["a_approver"], "倒签", D(2000, 1, 1))
    with pytest.raises(lifecycle.LifecycleError, match="not declared invalid"):
        lifecycle.revalidate(entry, tree.users["a_approver"])
    draft = tree.add_entry(rows["public"], "草稿", publish=False)
    with pytest.raises(lifecycle.LifecycleError, match="published"):
        lifecycle.invalidate(draft, tree.users["a_approver"], "草稿")
    lifecycle.invalidate(entry, tree.users["t_approver"], "镇审批人宣布失效")  # the parent unit's approvers may
    with pytest.raises(lifecycle.LifecycleError, match="already"):
        lifecycle.invalidate(entry, tree.users["a_approver"], "再次")


def test_admin_views(client, english_admin, tree, entry):
    url = reverse("cms_lifecycle_invalidate", args=[entry.pk])
    client.force_login(tree.users["a_editor"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(tree.users["a_approver"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert url in edit
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(url, {"reason": "有效期届满", "invalid_from": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.validity == Validity.EXPIRED
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert "Invalid (已失效) from" in edit and reverse("cms_lifecycle_revalidate", args=[entry.pk]) in edit
    history = client.get(reverse("wagtailadmin_pages:history", args=[entry.pk])).content.decode()
    assert "Declared invalid (已失效) from" in history and "有效期届满" in history
    assert client.post(reverse("cms_lifecycle_revalidate", args=[entry.pk]), {"reason": ""}).status_code == 302
    entry.refresh_from_db()
    assert entry.validity == Validity.VALID
