"""The dashboard shows each reviewer what waits for them, oldest first, with the due date."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from cms.models import DisclosurePage
from cms.moderation.panels import waiting_for

from .conftest import act, submit, through_secrecy


def started(entry, days_ago):
    """Pretend the entry's current task started ``days_ago`` days ago."""
    entry = DisclosurePage.objects.get(pk=entry.pk)
    TaskState.objects.filter(pk=entry.current_workflow_task_state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=days_ago))


def test_reviewers_see_their_queue_oldest_first_with_due_dates(make_entry, users, client):
    newer = make_entry(title="较新的条目", slug="newer")
    older = make_entry(title="较早的条目", slug="older")
    DisclosurePage.objects.filter(pk=older.pk).update(due_on=datetime.date(2026, 12, 1))
    submit(newer, users["a_editor"])
    submit(older, users["a_editor"])
    started(newer, 1)
    started(older, 3)
    rows = waiting_for(users["a_reviewer"])
    assert [row["obj"].pk for row in rows] == [older.pk, newer.pk]
    assert rows[0]["due_on"] == datetime.date(2026, 12, 1) and rows[1]["due_on"] is None
    assert rows[0]["organisation"].pk == older.organisation_id
    assert waiting_for(users["a_secrecy_reviewer"]) == []
    assert waiting_for(users["b_reviewer"]) == []
    assert waiting_for(users["t_reviewer"]) == []

    client.force_login(users["a_reviewer"])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert content.index("较早的条目") < content.index("较新的条目")
    assert "2026-12-01" in content and "moderation-awaiting-review" in content
    assert 'id="awaiting-review"' not in content  # Wagtail's own panel is replaced


def test_each_step_reaches_its_own_queue(make_entry, users):
    entry = make_entry()
    through_secrecy(entry, users, outcome="escalate")
    assert [row["obj"].pk for row in waiting_for(users["a_supervisor"])] == [entry.pk]
    assert waiting_for(users["b_supervisor"]) == []
    act(entry, users["a_supervisor"], "approve")
    assert waiting_for(users["a_approver"]) == []
    (row,) = waiting_for(users["t_approver"])
    assert row["obj"].pk == entry.pk and row["escalated"] and row["actions"]
    assert [row["obj"].pk for row in waiting_for(users["admin"])] == [entry.pk]


def test_the_queue_agrees_with_wagtails_own_answer(make_entry, users):
    entry = make_entry()
    through_secrecy(entry, users, outcome="escalate")
    act(entry, users["a_supervisor"], "approve")
    for name in ("a_approver", "t_approver", "b_approver", "a_reviewer"):
        ours = {row["task_state"].pk for row in waiting_for(users[name])}
        wagtails = set(TaskState.objects.reviewable_by(users[name]).values_list("pk", flat=True))
        assert ours == wagtails, name


def test_wagtail_notifies_whoever_acts_next(make_entry, users):
    entry = make_entry()
    mail.outbox.clear()
    submit(entry, users["a_editor"])
    assert {message.to[0] for message in mail.outbox} >= {users["a_reviewer"].email}
    through_secrecy_rest = [("a_reviewer", "approve", {}), ("a_secrecy_reviewer", "review", {"outcome": "escalate"}),
                            ("a_supervisor", "approve", {})]
    for name, action, data in through_secrecy_rest:
        mail.outbox.clear()
        act(entry, users[name], action, **data)
    recipients = {address for message in mail.outbox for address in message.to}
    assert users["t_approver"].email in recipients and users["a_approver"].email not in recipients


# Confirmations after acting from the dashboard ------------------------------------------------


def dashboard_action(client, entry, user, action, **data):
    """Act as the dashboard's ⋯ menu does (its modal posts to Wagtail's workflow action URL)."""
    from django.contrib.messages import get_messages

    entry, state = DisclosurePage.objects.get(pk=entry.pk), None
    state = entry.current_workflow_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, action, state.pk))
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.post(url, {"task_state_id": state.pk, **data}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200 and response.json()["step"] == "success", response.content
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_each_decision_is_confirmed_with_the_next_step(make_entry, users, client):
    entry = make_entry()
    submit(entry, users["a_editor"])
    assert dashboard_action(client, entry, users["a_reviewer"], "approve", comment="内容准确") == [
        "“2026年第三季度村级财务公开” passed “东山村 Review” and went on to “东山村 Secrecy review”."]
    assert dashboard_action(client, entry, users["a_secrecy_reviewer"], "review", outcome="disclose",
                            notes="可以公开") == [
        "“2026年第三季度村级财务公开”: secrecy review recorded (Disclose); it went on to “东山村 Village supervision committee check”."]
    assert dashboard_action(client, entry, users["a_supervisor"], "reject", comment="请补充明细") == [
        "“2026年第三季度村级财务公开” was sent back for changes at “东山村 Village supervision committee check”: its editor sees your "
        "comment at the top of the entry."]


def test_approval_and_exemption_are_confirmed(make_entry, users, client):
    from .conftest import to_approval

    entry = make_entry()
    to_approval(entry, users)
    assert dashboard_action(client, entry, users["a_approver"], "approve", comment="") == [
        "“2026年第三季度村级财务公开” was approved and published."]
    assert DisclosurePage.objects.get(pk=entry.pk).live

    other = make_entry(title="免予公开的条目", slug="exempt")
    submit(other, users["a_editor"])
    act(other, users["a_reviewer"], "approve")
    messages = dashboard_action(client, other, users["a_secrecy_reviewer"], "review", outcome="exempt",
                                ground="personal_privacy", reason="涉及个人隐私", legal_basis="条例第十五条")
    assert messages == ["“免予公开的条目”: secrecy review recorded (exempt from disclosure). It will not be "
                        "published and went back to its editor."]


# The editor's own entries, working days left, and a fixed number of queries -------------------


def calendar_covers(*days):
    from cms.workdays.service import is_year_covered

    if not all(is_year_covered(day.year) for day in days):
        pytest.skip("no working-day calendar for these dates")


def test_working_days_left(db):
    from cms.moderation.panels import working_days_left

    calendar_covers(datetime.date(2026, 10, 1))
    assert working_days_left(datetime.date(2026, 10, 9), datetime.date(2026, 9, 30)) == 2  # 国庆 1–7 October not counted
    assert working_days_left(datetime.date(2026, 9, 28), datetime.date(2026, 9, 30)) == -2
    assert working_days_left(None) is None


def test_the_editor_sees_returned_in_review_and_drafts(make_entry, users, client):
    from cms.moderation.panels import my_entries

    calendar_covers(timezone.localdate() - datetime.timedelta(days=7))

    draft = make_entry(title="草稿条目", slug="draft")
    in_review = make_entry(title="审核中的条目", slug="review")
    returned = make_entry(title="退回的条目", slug="returned")
    DisclosurePage.objects.filter(pk=in_review.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=7))
    submit(in_review, users["a_editor"])
    submit(returned, users["a_editor"])
    act(returned, users["a_reviewer"], "reject", comment="请补充明细")
    sections = my_entries(users["a_editor"])
    assert [row["obj"].pk for row in sections["drafts"]] == [draft.pk]
    (review_row,) = sections["in_review"]
    assert review_row["obj"].pk == in_review.pk and review_row["step"] == "东山村 Review"
    assert review_row["overdue"] and review_row["days_left"] < 0 and review_row["overdue_days"] >= 3
    (returned_row,) = sections["returned"]
    assert returned_row["comment"] == "请补充明细" and returned_row["reviewer"] == "a_reviewer"
    assert my_entries(users["b_editor"]) == {"returned": [], "in_review": [], "drafts": []}

    client.force_login(users["a_editor"])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "moderation-my-entries" in content and "请补充明细" in content
    assert 'class="moderation-overdue"' in content and "overdue by" in content
    for section, cells in (("returned", ["退回的条目", "东山村 Review", "a_reviewer", "请补充明细"]),
                           ("in_review", ["审核中的条目", "东山村 Review"]), ("drafts", ["草稿条目"])):
        table = content.split(f'data-section="{section}"', 1)[1].split("</table>", 1)[0]
        assert all(cell in table for cell in cells), (section, table)
    profile = UserProfile.get_for_user(users["a_editor"])
    profile.preferred_language = "zh-hans"
    profile.save()
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    for heading in ("我的公开信息", "已退回修改", "审核中", "草稿", "退回人"):
        assert heading in content, heading


def test_the_reviewers_queue_shows_working_days_left(make_entry, users):
    calendar_covers(timezone.localdate(), timezone.localdate() + datetime.timedelta(days=14))
    entry = make_entry()
    DisclosurePage.objects.filter(pk=entry.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=14))
    submit(entry, users["a_editor"])
    (row,) = waiting_for(users["a_reviewer"])
    assert row["days_left"] is not None and row["days_left"] > 5 and not row["overdue"]


def dashboard_queries(client, user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # warm caches (calendar, site, permissions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_dashboards_run_the_same_queries_for_3_and_30_entries(make_entry, users, client):
    def add(count, start):
        for number in range(start, start + count):
            entry = make_entry(title=f"条目{number}", slug=f"entry-{number}")
            DisclosurePage.objects.filter(pk=entry.pk).update(due_on=datetime.date(2026, 12, 1))
            if number % 3:
                submit(entry, users["a_editor"])
            if number % 3 == 2:
                act(entry, users["a_reviewer"], "reject", comment="请修改")

    add(3, 0)
    counts = {name: dashboard_queries(client, users[name]) for name in ("a_editor", "a_reviewer")}
    add(27, 3)
    assert len(waiting_for(users["a_reviewer"])) == 10
    assert {name: dashboard_queries(client, users[name]) for name in ("a_editor", "a_reviewer")} == counts
