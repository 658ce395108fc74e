"""The unit's side of feedback (docs/interaction.md §2, §4, §6): who sees and does what, the review by a second
person, spam and abuse handling without deletion, the audit trail, the admin queue and dashboard, reminders
and the supervision hooks."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail import hooks
from wagtail.log_actions import registry as log_registry

from interaction import permissions, reminders, services
from interaction.models import Feedback
from interaction.workflow import State

from .test_feedback_helpers import answered, new_feedback

D = datetime.date


@pytest.fixture
def feedback(tree):
    return new_feedback(tree.village_a, received_on=D(2026, 9, 24))


def test_staff_of_the_unit_see_it_others_do_not(tree, feedback):
    for name in ("a_editor", "a_reviewer", "a_approver", "admin"):
        assert permissions.visible_feedback(tree.users[name]).filter(pk=feedback.pk).exists(), name
    for name in ("a_secrecy_reviewer", "b_editor", "b_reviewer", "t_editor", "t_approver"):
        assert not permissions.visible_feedback(tree.users[name]).exists(), name


def test_a_reply_is_reviewed_by_a_second_person(tree, feedback):
    editor, reviewer = tree.users["a_editor"], tree.users["a_reviewer"]
    feedback = services.perform(feedback, "submit_reply", reviewer, reply="已按规定公开。", on=D(2026, 9, 25))
    assert feedback.state == State.IN_REVIEW
    with pytest.raises(ValidationError, match="第二人|second person"):
        services.perform(feedback, "approve", reviewer)
    with pytest.raises(PermissionDenied):
        services.perform(feedback, "approve", editor)       # editors do not review
    feedback = services.perform(feedback, "return_reply", tree.users["a_approver"], comment="请写明公开位置")
    assert feedback.state == State.RETURNED
    feedback = services.perform(feedback, "submit_reply", editor, reply="已在本村公开栏目“集体资产”公开。")
    feedback = services.perform(feedback, "approve", reviewer, on=D(2026, 9, 28))
    assert feedback.state == State.ANSWERED and feedback.reviewer == reviewer and feedback.replied_on == D(2026, 9, 28)
    actions = [entry.action for entry in log_registry.get_logs_for_instance(feedback).order_by("timestamp", "pk")]
    assert actions == ["interaction.receive", "interaction.submit_reply", "interaction.return_reply",
                       "interaction.submit_reply", "interaction.approve"]


def test_a_published_reply_may_not_hold_personal_data_and_the_question_is_masked(tree):
    feedback = new_feedback(tree.village_a, text="我的电话13912345678，身份证330199198001011239，请回电。")
    assert {finding["kind"] for finding in feedback.findings} == {"mobile", "id_number"}
    feedback = services.perform(feedback, "submit_reply", tree.users["a_editor"], reply="已电话联系13912345678。")
    with pytest.raises(ValidationError, match="139\\*\\*\\*\\*5678"):
        services.perform(feedback, "approve", tree.users["a_reviewer"])
    feedback = services.perform(feedback, "return_reply", tree.users["a_reviewer"], comment="回复中不得有个人信息")
    feedback = answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"], reply="已电话联系留言人。")
    assert "13912345678" not in feedback.public_question and "139****5678" in feedback.public_question
    assert "330199198001011239" not in feedback.public_question


def test_a_private_reply_is_not_checked_for_publication(tree):
    feedback = new_feedback(tree.village_a, keep_private=True)
    feedback = answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"], reply="已致电13912345678告知。")
    assert feedback.state == State.ANSWERED and not feedback.is_published


def test_hide_and_show_again(tree, feedback):
    editor = tree.users["a_editor"]
    with pytest.raises(ValidationError):
        services.perform(feedback, "hide", editor, comment="")
    feedback = services.perform(feedback, "hide", editor, comment="广告")
    assert feedback.state == State.HIDDEN and not feedback.is_open
    feedback = services.perform(feedback, "unhide", editor, comment="误判")
    assert feedback.state == State.RECEIVED


def test_an_answered_feedback_can_be_hidden_from_the_portal(tree, feedback):
    feedback = answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"])
    assert feedback.is_published
    feedback = services.perform(feedback, "hide", tree.users["a_editor"], comment="留言含辱骂内容")
    assert not feedback.is_published
    feedback = services.perform(feedback, "unhide", tree.users["a_editor"], comment="已处理")
    assert feedback.state == State.ANSWERED


def test_duplicate_and_merge(tree, feedback):
    editor = tree.users["a_editor"]
    twin = new_feedback(tree.village_a, received_on=D(2026, 9, 25))
    other_unit = new_feedback(tree.village_b)
    with pytest.raises(ValidationError):
        services.perform(twin, "mark_duplicate", editor, comment="重复", other=other_unit)
    with pytest.raises(ValidationError):
        services.perform(twin, "merge", editor, comment="合并", other=twin)
    twin = services.perform(twin, "mark_duplicate", editor, comment="重复提交", other=feedback)
    assert twin.state == State.DUPLICATE and twin.other == feedback
    with pytest.raises(ValidationError):   # a set-aside feedback cannot take others in
        services.perform(new_feedback(tree.village_a), "merge", editor, comment="合并", other=twin)
    merged = services.perform(new_feedback(tree.village_a), "merge", editor, comment="问题相同", other=feedback)
    assert services.answer_of(merged) is None
    feedback = answered(feedback, editor, tree.users["a_reviewer"])
    assert services.answer_of(Feedback.objects.get(pk=merged.pk)) == feedback


def test_satisfaction_once_after_a_reply(tree, feedback):
    with pytest.raises(ValidationError):
        services.rate(feedback, "satisfied")
    feedback = answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"])
    with pytest.raises(ValidationError):
        services.rate(feedback, "very")
    feedback = services.rate(feedback, "fairly")
    assert feedback.satisfaction == "fairly"
    with pytest.raises(ValidationError):
        services.rate(feedback, "dissatisfied")


def test_nothing_can_be_deleted(tree, feedback, client):
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.filter(content_type__app_label="interaction").values_list("codename", flat=True))
    assert codenames == {"view_feedback", "change_feedback"}
    client.force_login(tree.users["admin"])
    assert client.get(f"/admin/feedback/{feedback.pk}/delete/").status_code == 404
    assert client.post(f"/admin/feedback/{feedback.pk}/", {"action": "delete"}).status_code in (302, 403)
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_the_queue_shows_due_dates_and_overdue_rows(tree, client, fixed_today):
    fixed_today(D(2026, 10, 14))
    late = new_feedback(tree.village_a, received_on=D(2026, 9, 24), text="路灯坏了")
    fresh = new_feedback(tree.village_a, received_on=D(2026, 10, 13), text="垃圾清运时间")
    new_feedback(tree.village_b, text="西河村的留言")
    client.force_login(tree.users["a_editor"])
    page = client.get("/admin/feedback/").content.decode()
    assert late.code in page and fresh.code in page and "西河村的留言" not in page
    assert "feedback-row-overdue" in page and "2026-10-12" in page
    overdue = client.get("/admin/feedback/?show=overdue").content.decode()
    assert late.code in overdue and fresh.code not in overdue
    client.force_login(tree.users["b_editor"])
    assert client.get(f"/admin/feedback/{late.pk}/").status_code == 404
    client.force_login(tree.users["a_secrecy_reviewer"])
    assert client.get("/admin/feedback/").status_code in (302, 403)


def test_reply_and_review_through_the_admin(tree, client, feedback):
    client.force_login(tree.users["a_editor"])
    page = client.get(f"/admin/feedback/{feedback.pk}/").content.decode()
    assert feedback.contact in page and "submit_reply" in page and 'value="approve"' not in page
    response = client.post(f"/admin/feedback/{feedback.pk}/", {"action": "submit_reply", "submit_reply-reply": ""})
    assert response.status_code == 400
    client.post(f"/admin/feedback/{feedback.pk}/", {"action": "submit_reply", "submit_reply-reply": "已公开。"})
    assert Feedback.objects.get(pk=feedback.pk).state == State.IN_REVIEW
    client.force_login(tree.users["a_reviewer"])
    page = client.get(f"/admin/feedback/{feedback.pk}/").content.decode()
    assert 'value="approve"' in page
    client.post(f"/admin/feedback/{feedback.pk}/", {"action": "approve", "approve-comment": ""})
    feedback.refresh_from_db()
    assert feedback.state == State.ANSWERED
    trail = client.get(f"/admin/feedback/{feedback.pk}/").content.decode().split("feedback-state")[-1]
    assert trail.count("<tr><td>") == 3   # received, submitted, approved


def test_the_dashboard_panel(tree, client, fixed_today):
    fixed_today(D(2026, 10, 14))
    late = new_feedback(tree.village_a, received_on=D(2026, 9, 24))
    client.force_login(tree.users["a_editor"])
    assert late.code in client.get("/admin/").content.decode()


def test_reminders_go_to_the_units_staff(tree):
    new_feedback(tree.village_a, received_on=D(2026, 9, 24))
    new_feedback(tree.village_b, received_on=D(2026, 10, 13))
    sent = reminders.send_reminders(D(2026, 10, 14))
    assert sent == 1
    message = mail.outbox[0]
    assert "东山村" in message.subject or "1" in message.subject
    assert set(message.to) == {f"a_{role}@example.invalid" for role in ("editor", "reviewer", "approver")}


def test_supervision_hooks(tree):
    from cms.models import Organisation

    late = new_feedback(tree.village_a, received_on=D(2026, 9, 24))
    ok = answered(new_feedback(tree.village_a, received_on=D(2026, 9, 24)), tree.users["a_editor"],
                  tree.users["a_reviewer"], on=D(2026, 9, 29))
    services.rate(ok, "satisfied")
    units = Organisation.objects.filter(path__startswith=tree.township.path)
    [findings_fn] = [fn for fn in hooks.get_hooks("supervision_findings") if fn.__module__.startswith("interaction")]
    findings = list(findings_fn(units, D(2026, 10, 14)))
    assert [(f["kind"], f["days_late"], f["organisation"]) for f in findings] == [
        ("feedback_overdue", 2, tree.village_a)]
    assert late.code in findings[0]["subject"] and findings[0]["url"].endswith(f"/feedback/{late.pk}/")
    [figures_fn] = [fn for fn in hooks.get_hooks("supervision_figures") if fn.__module__.startswith("interaction")]
    figures = figures_fn(units, D(2026, 9, 1), D(2026, 9, 30))
    unit = tree.village_a.pk
    assert figures["feedback_reply_days"]["values"][unit][0] == 2.0
    assert figures["feedback_on_time"]["values"][unit][0] == 50.0   # the late one counts as not on time
    assert figures["feedback_satisfaction"]["values"][unit][0] == 100.0
    assert set(figures["feedback_satisfaction"]) >= {"label", "unit", "higher_is_better", "values"}
