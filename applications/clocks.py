"""The statutory clocks on the official working-day calendar (cms.workdays.service; docs/applications.md §3).

- 条例 §33: reply within 20 working days of receipt (the day of receipt not counted);
- 条例 §30: 补正 asked once, within 7 working days of receipt; the clock restarts from the day the
  completion arrives and stands still meanwhile;
- 条例 §32: a third party has 15 working days; the time of the consultation is not counted;
- 条例 §33: one extension of at most 20 working days, approved by the unit's approver (审批);
- 国办函〔2020〕109号: a fee is paid within 20 working days of the notice.

A year without calendar data raises ``CalendarYearMissing``: a deadline is never guessed.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cms.workdays.service import (
    CalendarYearMissing,
    add_working_days,
    working_days_between,
)

from .workflow import CLOCK_RUNNING_STATES, State

REPLY_WORKING_DAYS = 20
COMPLETION_REQUEST_WITHIN = 7
THIRD_PARTY_WORKING_DAYS = 15
MAX_EXTENSION_WORKING_DAYS = 20
FEE_PAYMENT_WORKING_DAYS = 20

__all__ = ["CalendarYearMissing", "Clock", "clock", "due_on", "latest_completion_request_on"]


def due_on(application) -> datetime.date | None:
    """The reply's due date while the clock runs; None while it stands still (补正 awaited, third party)."""
    if application.state not in CLOCK_RUNNING_STATES or application.state == State.THIRD_PARTY:
        return None
    allowed = REPLY_WORKING_DAYS + application.extension_days + application.paused_working_days
    return add_working_days(application.clock_started_on, allowed)


def latest_completion_request_on(application) -> datetime.date:
    """The last day on which 补正 may be asked: 7 working days after receipt."""
    return add_working_days(application.received_on, COMPLETION_REQUEST_WITHIN)


def third_party_due_on(application) -> datetime.date | None:
    if application.third_party_started_on is None:
        return None
    return add_working_days(application.third_party_started_on, THIRD_PARTY_WORKING_DAYS)


@dataclass(frozen=True)
class Clock:
    """What a list shows: the due date, working days left (negative: overdue by), or why the clock stands."""

    running: bool
    due_on: datetime.date | None = None
    days_left: int | None = None
    overdue: bool = False
    paused: str = ""                      # "completion" | "third_party" | ""
    waiting_until: datetime.date | None = None  # the applicant's or third party's deadline while paused
    error: str = ""                       # the calendar's message when a year has no data

    @property
    def overdue_by(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0


def clock(application, today: datetime.date | None = None) -> Clock:
    today = today or timezone.localdate()
    try:
        if application.state == State.COMPLETION_REQUESTED:
            return Clock(running=False, paused="completion", waiting_until=application.completion_due_on,
                         overdue=bool(application.completion_due_on and today > application.completion_due_on))
        if application.state == State.THIRD_PARTY:
            used = working_days_between(application.clock_started_on, application.third_party_started_on)
            left = (REPLY_WORKING_DAYS + application.extension_days + application.paused_working_days) - used
            return Clock(running=False, paused="third_party", days_left=left,
                         waiting_until=third_party_due_on(application))
        if application.state not in CLOCK_RUNNING_STATES:
            return Clock(running=False)
        due = application.due_on or due_on(application)
        left = working_days_between(today, due)
        return Clock(running=True, due_on=due, days_left=left, overdue=today > due)
    except CalendarYearMissing as missing:
        return Clock(running=application.state in CLOCK_RUNNING_STATES, error=str(missing))
