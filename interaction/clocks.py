"""The reply clock on the official working-day calendar (cms.workdays.service; docs/interaction.md §3).

Feedback is answered within ``FEEDBACK_DUE_WORKING_DAYS`` (default 7) working days of receipt, or
``FEEDBACK_COMPLEX_DUE_WORKING_DAYS`` (default 15) once a member of staff marks it complex (local practice,
domain §9). The day of receipt is not counted. A year without calendar data raises ``CalendarYearMissing``:
the due date stays empty and lists show the calendar's message — never a guess.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cms.conf import setting
from cms.workdays.service import CalendarYearMissing, add_working_days, working_days_between

from .workflow import OPEN_STATES

__all__ = ["CalendarYearMissing", "Clock", "clock", "due_on", "reply_working_days"]


def allowed_working_days(complex_: bool) -> int:
    if complex_:
        return int(setting("FEEDBACK_COMPLEX_DUE_WORKING_DAYS", 15))
    return int(setting("FEEDBACK_DUE_WORKING_DAYS", 7))


def due_on(received_on: datetime.date, complex_: bool = False) -> datetime.date:
    """The reply's due date; raises CalendarYearMissing."""
    return add_working_days(received_on, allowed_working_days(complex_))


def reply_working_days(feedback) -> int | None:
    """Working days from receipt to the approved reply; None before it or without calendar data."""
    if feedback.replied_on is None:
        return None
    try:
        return working_days_between(feedback.received_on, feedback.replied_on)
    except CalendarYearMissing:
        return None


@dataclass(frozen=True)
class Clock:
    running: bool
    due_on: datetime.date | None = None
    days_left: int | None = None      # negative: overdue by
    overdue: bool = False
    error: str = ""                   # the calendar's message when a year has no data

    @property
    def overdue_by(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0


def clock(feedback, today: datetime.date | None = None) -> Clock:
    today = today or timezone.localdate()
    if feedback.state not in OPEN_STATES:
        return Clock(running=False, due_on=feedback.due_on)
    try:
        due = feedback.due_on or due_on(feedback.received_on, feedback.complex)
        left = working_days_between(today, due)
    except CalendarYearMissing as missing:
        return Clock(running=True, error=str(missing))
    return Clock(running=True, due_on=due, days_left=left, overdue=today > due)


def on_time(feedback) -> bool | None:
    """Answered by its due date; None when not answered or the due date is unknown."""
    if feedback.replied_on is None or feedback.due_on is None:
        return None
    return feedback.replied_on <= feedback.due_on
