"""The dashboard shows each reviewer what waits for them, oldest first, with the due date."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

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
