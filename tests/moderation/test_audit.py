"""Every submit, review decision, mask, exemption and refusal is in Wagtail's audit log."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage
from cms.moderation.masking import apply_masks

from .admin_forms import edit_post_data
from .conftest import ID_NUMBER, act, current, table_block, text_block


def entries(entry):
    return list(PageLogEntry.objects.filter(page_id=entry.pk).order_by("timestamp", "pk"))


def test_the_procedure_leaves_a_complete_trail(make_entry, users, client):
    body = [text_block(), table_block(ID_NUMBER)]
    entry = make_entry(body=body)
    apply_masks(entry, users["a_editor"])
    body = list(DisclosurePage.objects.get(pk=entry.pk).get_latest_revision().as_object().body.raw_data)

    client.force_login(users["a_editor"])
    data = edit_post_data(client, entry, body, **{"action-submit": "submit"})
    assert client.post(reverse("wagtailadmin_pages:edit", args=(entry.pk,)), data).status_code == 302
    assert current(entry)[1] is not None

    act(entry, users["a_reviewer"], "reject", comment="请补充凭证")
    DisclosurePage.objects.get(pk=entry.pk).current_workflow_state.resume(user=users["a_editor"])
    act(entry, users["a_reviewer"], "approve", comment="内容准确")
    act(entry, users["a_secrecy_reviewer"], "review", outcome="disclose", notes="无涉密内容", exemption=True,
        exemption_reason="惩戒公示", exemption_basis="《某某办法》第六条")
    act(entry, users["a_supervisor"], "approve", comment="程序合规")
    act(entry, users["a_approver"], "approve", comment="同意公开")

    trail = [(log.action, log.user and log.user.username, log.data.get("comment", "")) for log in entries(entry)]
    expected = [
        ("moderation.mask", "a_editor", ""),
        ("wagtail.workflow.start", "a_editor", ""),
        ("wagtail.workflow.reject", "a_reviewer", "请补充凭证"),
        ("wagtail.workflow.resume", "a_editor", ""),
        ("wagtail.workflow.approve", "a_reviewer", "内容准确"),
        ("moderation.secrecy_review", "a_secrecy_reviewer", "无涉密内容"),
        ("moderation.exemption", "a_secrecy_reviewer", "惩戒公示 (《某某办法》第六条)"),
        ("wagtail.workflow.approve", "a_secrecy_reviewer", "无涉密内容"),
        ("wagtail.workflow.approve", "a_supervisor", "程序合规"),
        ("wagtail.workflow.approve", "a_approver", "同意公开"),
        ("wagtail.publish", "a_approver", ""),
    ]
    recorded = [item for item in trail if item[0].startswith(("moderation.", "wagtail.workflow.", "wagtail.publish"))]
    assert recorded == expected
    assert all(log.timestamp for log in entries(entry))

    client.force_login(users["admin"])
    history = client.get(reverse("wagtailadmin_pages:history", args=(entry.pk,)))
    assert history.status_code == 200
    content = history.content.decode()
    assert "Secrecy review recorded: Disclose" in content and "Privacy exemption recorded" in content
    assert "Personal data masked: 1 findings" in content


@pytest.mark.parametrize("path", ["approval", "editor"])
def test_refusals_are_logged_with_the_actor(make_entry, users, client, at_approval_with_new_findings, path):
    if path == "editor":
        body = [table_block(ID_NUMBER)]
        entry = make_entry(body=body)
        client.force_login(users["a_approver"])
        client.post(reverse("wagtailadmin_pages:edit", args=(entry.pk,)),
                    edit_post_data(client, entry, body, **{"action-publish": "publish"}))
    else:
        entry = at_approval_with_new_findings()
        act(entry, users["a_approver"], "approve")
    (log,) = PageLogEntry.objects.filter(page_id=entry.pk, action="moderation.publish_refused")
    assert log.user == users["a_approver"] and "110105********002X" in log.data["comment"]
