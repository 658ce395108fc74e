"""The reply clock on the official calendar (docs/interaction.md §3): 7 working days, 15 once marked complex,
across the Spring Festival and National Day 2026; a year without calendar data is never guessed."""

import datetime

import pytest

from interaction import clocks, services
from interaction.models import Feedback

from .test_feedback_helpers import new_feedback

D = datetime.date


@pytest.mark.parametrize("received, due, due_complex", [
    # 11, 12, 13, 14 (working Saturday) Feb; 15–23 Spring Festival; 24, 25, 26 → 7; … 28 (working Sat), 2–6, 9 March → 15
    (D(2026, 2, 10), D(2026, 2, 26), D(2026, 3, 9)),
    # 25–27 Sep Mid-Autumn, 1–7 Oct National Day off; 28, 29, 30 Sep, 8, 9, 10 (working Sat), 12 Oct → 7; … 22 Oct → 15
    (D(2026, 9, 24), D(2026, 10, 12), D(2026, 10, 22)),
])
def test_due_dates_on_the_official_calendar(tree, received, due, due_complex):
    feedback = new_feedback(tree.village_a, received_on=received)
    assert feedback.due_on == due
    assert clocks.clock(feedback, received).days_left == 7
    feedback = services.perform(feedback, "mark_complex", tree.users["a_editor"], comment="涉及多个年度", on=received)
    assert feedback.complex and feedback.due_on == due_complex


def test_overdue_counts_working_days(tree):
    feedback = new_feedback(tree.village_a, received_on=D(2026, 9, 24))
    clock = clocks.clock(feedback, D(2026, 10, 14))
    assert clock.overdue and clock.overdue_by == 2
    assert not clocks.clock(feedback, D(2026, 10, 12)).overdue


def test_the_due_days_are_settings(tree, settings):
    settings.DISCLOSURE = {"FEEDBACK_DUE_WORKING_DAYS": 5, "FEEDBACK_COMPLEX_DUE_WORKING_DAYS": 10}
    feedback = new_feedback(tree.village_a, received_on=D(2026, 9, 24))
    assert feedback.due_on == D(2026, 10, 9)
    feedback = services.perform(feedback, "mark_complex", tree.users["a_editor"], comment="复杂", on=D(2026, 9, 25))
    assert feedback.due_on == D(2026, 10, 15)


def test_a_year_without_calendar_data_leaves_the_due_date_empty(tree):
    feedback = new_feedback(tree.village_a, received_on=D(2026, 12, 28))
    assert feedback.due_on is None
    clock = clocks.clock(feedback, D(2026, 12, 29))
    assert clock.running and clock.error and "2027" in clock.error and not clock.overdue


def test_reply_working_days_and_on_time(tree):
    feedback = new_feedback(tree.village_a, received_on=D(2026, 2, 10))
    feedback = services.perform(feedback, "submit_reply", tree.users["a_editor"], reply="已公开。", on=D(2026, 2, 24))
    feedback = services.perform(feedback, "approve", tree.users["a_reviewer"], on=D(2026, 2, 24))
    assert clocks.reply_working_days(feedback) == 5 and clocks.on_time(feedback)
    assert not clocks.clock(feedback).running
    assert Feedback.objects.get(pk=feedback.pk).replied_on == D(2026, 2, 24)
