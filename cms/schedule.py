"""Time limits (公开时限) and notice periods (公示期) of an entry, on the official calendar (docs/lifecycle.md).

* Prompt rows (及时公开): an entry is due ``working_days`` working days (条例 §26: 20 unless the row
  says less) after the information was formed or changed, on the official calendar; the day it was
  formed is not counted. Lateness is recorded once, at the first publication.
* Periodic rows (定期公开): the next entry is due by the end of the period after the period of the
  latest entry's publication (monthly, last published 2026-09-10 → 2026-10-31); without entries, by the
  end of the current period. A row with terms (``due_month``, ``due_day``: 每月10日前, 次年3月31日前)
  reports on a period after it ends: the next entry is due on that day of that month after the end of
  the period in which the latest one was published (annual report, last published 2026-01-20, terms
  3/31 → 2027-03-31); without entries, after the end of the previous period.
* Notice periods: the entry goes live at the start of ``notice_start`` and comes down at the end of
  ``notice_end`` (Beijing time) through Wagtail's scheduled publishing. A row's minimum
  (任前公示 ≥ 5, 低保 ≥ 7 working days) counts the working days from start to end, both included; a
  minimum in calendar days (村务 公示不少于7天, 半个月) counts every day from start to end, both included.

Depends only on the calendar (cms.workdays) and the vocabularies (cms.models.choices), so the entry
model can use it without an import circle.
"""

import calendar
import datetime
import logging
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models.choices import Cadence, TimeLimitKind
from .workdays.service import CalendarYearMissing, add_working_days, working_days_between

logger = logging.getLogger(__name__)

# Notice periods are Beijing days whatever the server's zone.
NOTICE_TIME_ZONE = ZoneInfo("Asia/Shanghai")


def _date(page, name: str) -> datetime.date | None:
    return type(page)._meta.get_field(name).to_python(getattr(page, name))


def _item(page):
    return page.catalogue_item if page.catalogue_item_id else None


def due_date(page) -> datetime.date | None:
    """条例 §26: the last day to publish an entry of a prompt row; None for other rows or without the
    date the information was formed. Raises CalendarYearMissing for a year without calendar data."""
    item, formed = _item(page), _date(page, "information_formed_on")
    if item is None or item.time_limit_kind != TimeLimitKind.PROMPT or formed is None:
        return None
    return add_working_days(formed, item.working_days)


MONTHS_PER_PERIOD = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.HALF_YEARLY: 6, Cadence.YEARLY: 12}


def _month_end(month_index: int, day: int = 31) -> datetime.date:
    """``day`` (at most the month's last) of the month ``month_index`` months after January of year 0."""
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day, calendar.monthrange(year, month + 1)[1]))


def period_end(day: datetime.date, cadence: str, periods_after: int = 0) -> datetime.date:
    """The last day of the period containing ``day``, or of the ``periods_after``-th period after it."""
    months = MONTHS_PER_PERIOD[cadence]
    start_index = day.year * 12 + (day.month - 1) // months * months
    return _month_end(start_index + months * (periods_after + 1) - 1)


def next_due(row, last_published: datetime.date | None, today: datetime.date) -> datetime.date | None:
    """When the next entry of a periodic row is due (module docstring); None for other rows."""
    if row.time_limit_kind != TimeLimitKind.PERIODIC or row.cadence not in MONTHS_PER_PERIOD:
        return None
    if row.due_month is None or row.due_day is None:
        if last_published is None:
            return period_end(today, row.cadence)
        return period_end(last_published, row.cadence, periods_after=1)
    reported = period_end(last_published, row.cadence) if last_published else period_end(
        today, row.cadence, periods_after=-1)
    return _month_end(reported.year * 12 + reported.month - 1 + row.due_month, row.due_day)


def notice_working_days(start: datetime.date, end: datetime.date) -> int:
    """Working days of a notice period, its first and last day included."""
    return working_days_between(start - datetime.timedelta(days=1), end)


def notice_days(start: datetime.date, end: datetime.date) -> int:
    """Calendar days of a notice period, its first and last day included (公示不少于7天: 1–7 March is 7)."""
    return (end - start).days + 1


def notice_period(page) -> tuple[datetime.date, datetime.date] | None:
    start, end = _date(page, "notice_start"), _date(page, "notice_end")
    if start is None or end is None or end < start:
        return None
    return start, end


def notice_go_live_at(start: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(start, datetime.time.min, tzinfo=NOTICE_TIME_ZONE)


def notice_expire_at(end: datetime.date) -> datetime.datetime:
    """The end of the last day: midnight after it, Beijing time."""
    return notice_go_live_at(end + datetime.timedelta(days=1))


def apply_notice_schedule(page) -> None:
    """A notice period sets the entry's go-live and expiry times; without one they are left as set."""
    period = notice_period(page)
    if period is not None:
        page.go_live_at, page.expire_at = notice_go_live_at(period[0]), notice_expire_at(period[1])


def _unchanged_since_last_revision(page, *names) -> bool:
    """Whether these fields hold what the latest revision holds: that revision passed the same checks,
    so a later publication (or scheduled publication) is not refused by a changed calendar or row."""
    if not page.pk or not page.latest_revision_id:
        return False
    content = page.latest_revision.content
    for name in names:
        value = _date(page, name)
        if content.get(name) != (value.isoformat() if value else None):
            return False
    return True


def clean_schedule(page) -> None:
    """Validate the time limit and the notice period; set go-live and expiry from the notice period.

    Raises ValidationError naming the field: a notice period shorter than the catalogue row's minimum
    (with the minimum and the actual working days), a year without calendar data, a future date.
    Checked when the dates are entered or changed, not again when an approved revision is published.
    """
    errors = {}
    formed = _date(page, "information_formed_on")
    if formed and formed > timezone.localdate():
        errors["information_formed_on"] = _("The date the information was formed cannot be in the future.")
    elif formed and not _unchanged_since_last_revision(page, "information_formed_on"):
        try:
            due_date(page)
        except CalendarYearMissing as error:
            errors["information_formed_on"] = str(error)
    period, item = notice_period(page), _item(page)
    minimum = item.notice_min_working_days if item is not None else None
    minimum_days = item.notice_min_days if item is not None else None
    changed = period and not _unchanged_since_last_revision(page, "notice_start", "notice_end")
    if changed and minimum_days and notice_days(*period) < minimum_days:
        errors["notice_end"] = _(
            "The notice period must last at least %(minimum)s days; %(start)s to %(end)s has %(actual)s."
        ) % {"minimum": minimum_days, "start": period[0], "end": period[1], "actual": notice_days(*period)}
    elif changed and minimum:
        try:
            actual = notice_working_days(*period)
        except CalendarYearMissing as error:
            errors["notice_end"] = str(error)
        else:
            if actual < minimum:
                errors["notice_end"] = _(
                    "The notice period must last at least %(minimum)s working days; "
                    "%(start)s to %(end)s has %(actual)s."
                ) % {"minimum": minimum, "start": period[0], "end": period[1], "actual": actual}
    if errors:
        raise ValidationError(errors)
    apply_notice_schedule(page)


def before_save(page) -> None:
    """Derive the due date and the notice schedule. Never raises: a save by the scheduler must not
    fail because a calendar year is missing (clean_schedule reports that when the date is entered)."""
    apply_notice_schedule(page)
    try:
        page.due_on = due_date(page)
    except CalendarYearMissing as error:
        logger.warning("No due date for entry %s: %s", page.pk, error)
        page.due_on = None


def working_days_late(page) -> int | None:
    """Working days between the due date and the first publication; 0 when on time."""
    if not page.due_on or not page.first_published_at:
        return None
    return max(0, working_days_between(page.due_on, timezone.localdate(page.first_published_at)))
