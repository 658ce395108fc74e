"""Working days on the official Chinese calendar: statutory holidays and adjusted working weekends (调休).

Time limits in the disclosure rules are counted in working days: 条例 §26 prompt disclosure within
20 working days; §30 补正 within 7 working days; §33 a reply within 20 working days, extended at most
20 more; §32 a third party has 15 working days; 选拔任用条例 公示期 not less than 5 working days.

Counting convention (the one the rules use: 期间开始的当日不计入, the day the period starts is not
counted):

* ``add_working_days(d, n)`` for ``n >= 1`` is the n-th working day strictly after ``d``: the last
  day of an n-working-day period that starts on ``d``. ``n == 0`` gives ``d`` if it is a working
  day, else the next working day. The result is always a working day.
* ``working_days_between(d1, d2)`` counts the working days ``x`` with ``d1 < x <= d2`` (``d1``
  excluded, ``d2`` included); it is negative when ``d2 < d1`` (the same count, negated), so
  ``working_days_between(d, add_working_days(d, n)) == n`` for every ``n >= 1`` and counts add up:
  ``between(a, b) + between(b, c) == between(a, c)``.

Sources, in order of precedence: a :class:`~cms.workdays.models.CalendarDay` row in the admin table;
the `chinesecalendar` library (1.11.0 covers 2004–2026); for a year the library lacks, Monday–Friday
work, but only once an admin has marked that year complete. A computation that needs any other year
raises :class:`CalendarYearMissing`: a deadline is never guessed.

Each year's working days are built once per process and cached. Saving or deleting a table row
clears this process's cache (signals, again after commit); other processes notice a change of the
table within ``WORKDAYS_RECHECK_SECONDS`` (default 60) through a cheap fingerprint query.
"""

from __future__ import annotations

import datetime
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import chinese_calendar
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting

from .models import CalendarDay, CalendarYear, DayKind

__all__ = [
    "CalendarYearMissing",
    "add_working_days",
    "clear_cache",
    "is_working_day",
    "is_year_covered",
    "missing_years_to_enter",
    "working_days_between",
    "year_source",
]

LIBRARY_FIRST_YEAR = min(chinese_calendar.holidays).year
LIBRARY_LAST_YEAR = max(chinese_calendar.holidays).year


class CalendarYearMissing(ValueError):
    """The calendar has no data for ``year``: neither the library nor a complete year in the admin table."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _(
                "No working-day calendar for %(year)s: the built-in calendar covers %(first)s–%(last)s. "
                "An administrator must enter the State Council's holiday schedule for %(year)s under "
                "Settings → Working-day calendar and mark the year complete."
            ) % {"year": year, "first": LIBRARY_FIRST_YEAR, "last": LIBRARY_LAST_YEAR}
        )


@dataclass(frozen=True)
class _Table:
    complete_years: frozenset[int]
    days: dict[int, dict[datetime.date, str]]  # year -> {date: kind}
    fingerprint: tuple


class _Cache:
    lock = threading.Lock()
    table: _Table | None = None
    generation = 0  # bumped by every clear, so that a table loaded before a clear is not stored after it
    checked_at = 0.0
    years: dict[int, tuple[int, ...]] = {}  # year -> sorted ordinals of its working days


def clear_cache() -> None:
    """Forget the table and every year built from it (this process only)."""
    with _Cache.lock:
        _Cache.table = None
        _Cache.years = {}
        _Cache.generation += 1


def table_changed(sender=None, **kwargs) -> None:
    """Signal receiver for saves and deletions of calendar rows: clear now, and again once committed
    (a reload inside the transaction may have seen half of an admin's edit)."""
    clear_cache()
    transaction.on_commit(clear_cache)


def _fingerprint() -> tuple:
    years = CalendarYear.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    days = CalendarDay.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    return years["n"], years["at"], days["n"], days["at"]


def _load_table() -> _Table:
    years = list(CalendarYear.objects.values_list("year", "complete", "updated_at"))
    rows = list(CalendarDay.objects.values_list("date", "kind", "updated_at"))
    days: dict[int, dict[datetime.date, str]] = {}
    for date, kind, _updated in rows:
        days.setdefault(date.year, {})[date] = kind
    fingerprint = (len(years), max((y[2] for y in years), default=None),
                   len(rows), max((r[2] for r in rows), default=None))
    return _Table(frozenset(y[0] for y in years if y[1]), days, fingerprint)


def _table() -> _Table:
    now = time.monotonic()
    table = _Cache.table
    if table is not None and now - _Cache.checked_at >= setting("WORKDAYS_RECHECK_SECONDS", 60):
        _Cache.checked_at = now
        if _fingerprint() != table.fingerprint:
            clear_cache()
            table = None
    if table is None:
        generation = _Cache.generation
        table = _load_table()
        with _Cache.lock:
            if _Cache.generation == generation:
                _Cache.table, _Cache.checked_at = table, now
    return table


def _source(year: int, table: _Table) -> str | None:
    if LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR:
        return "library"
    if year in table.complete_years:
        return "table"
    return None


def year_source(year: int) -> str | None:
    """Where ``year``'s data comes from: "library", "table" (an admin marked it complete) or None."""
    return _source(year, _table())


def is_year_covered(year: int) -> bool:
    """Whether working days can be computed in ``year``."""
    return year_source(year) is not None


def _library_works(day: datetime.date) -> bool:
    # chinese_calendar.is_workday() without its per-call range check.
    return day in chinese_calendar.workdays or (day.weekday() < 5 and day not in chinese_calendar.holidays)


def _working_ordinals(year: int) -> tuple[int, ...]:
    """Sorted ordinals of ``year``'s working days; raises CalendarYearMissing for a year with no data."""
    table = _table()
    cached = _Cache.years.get(year)
    if cached is not None:
        return cached
    source = _source(year, table)
    if source is None:
        raise CalendarYearMissing(year)
    overrides = table.days.get(year, {})
    default = _library_works if source == "library" else (lambda day: day.weekday() < 5)
    working = []
    for ordinal in range(datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal() + 1):
        day = datetime.date.fromordinal(ordinal)
        kind = overrides.get(day)
        if default(day) if kind is None else kind == DayKind.WORKING_DAY:
            working.append(ordinal)
    result = tuple(working)
    with _Cache.lock:
        if _Cache.table is table:
            _Cache.years[year] = result
    return result


def _check_date(value, name: str) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(
            f"{name} must be a datetime.date, not {type(value).__name__}"
            + (" (use django.utils.timezone.localdate() to take the local day of a datetime)"
               if isinstance(value, datetime.datetime) else "")
        )
    return value


def is_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is a working day on the official calendar (holidays and 调休 applied)."""
    day = _check_date(day, "day")
    ordinals = _working_ordinals(day.year)
    ordinal = day.toordinal()
    index = bisect_left(ordinals, ordinal)
    return index < len(ordinals) and ordinals[index] == ordinal


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after ``start``, ``start`` not counted: the last day of a period of n
    working days beginning on ``start`` (条例 §33: reply within 20 working days of receipt →
    ``add_working_days(received, 20)``). ``n == 0`` gives ``start`` if it is a working day, else the
    next working day. Raises CalendarYearMissing when the count reaches a year without data."""
    start = _check_date(start, "start")
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    if n == 0:
        if is_working_day(start):
            return start
        n = 1
    year, after = start.year, start.toordinal()
    while True:
        ordinals = _working_ordinals(year)
        index = bisect_right(ordinals, after)
        available = len(ordinals) - index
        if n <= available:
            return datetime.date.fromordinal(ordinals[index + n - 1])
        n -= available
        year += 1


def working_days_between(d1: datetime.date, d2: datetime.date) -> int:
    """The number of working days ``x`` with ``d1 < x <= d2``; negative (the same count) when
    ``d2 < d1``. How many working days of a time limit have run from ``d1`` (not counted) to ``d2``.
    Raises CalendarYearMissing when the span touches a year without data."""
    d1, d2 = _check_date(d1, "d1"), _check_date(d2, "d2")
    if d2 < d1:
        return -working_days_between(d2, d1)
    if d1 == d2:
        return 0
    low, high = d1.toordinal(), d2.toordinal()
    first_year = datetime.date.fromordinal(low + 1).year
    total = 0
    for year in range(first_year, d2.year + 1):
        ordinals = _working_ordinals(year)
        total += bisect_right(ordinals, high) - bisect_right(ordinals, low)
    return total


def missing_years_to_enter(today: datetime.date | None = None) -> list[int]:
    """Years an admin must enter now: the current year if it has no data, and from 1 November the
    next year (the State Council announces it each November)."""
    today = today or timezone.localdate()
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [year for year in years if not is_year_covered(year)]
