"""When the next entry of a catalogue row is due (公开时限).

Rule for periodic rows (定期公开): the next entry is due by the end of the period *after* the
period of the latest visible entry's publication date. Periods are calendar months, quarters,
half-years and years. Example: monthly, last published 2026-09-10 (September) → due 2026-10-31;
quarterly, last 2026-09-10 (Q3) → due 2026-12-31. A periodic row without entries is due by the
end of the current period.

Standing (长期公开) and by-stage (阶段公开) rows have no computable due date (null). Prompt rows
(及时公开) are due per entry: ``working days`` after the information was formed or changed
(条例 §26: 20 working days unless the row says less), on the official calendar — the entry's stored
``due_on`` (cms.schedule.due_date), which the API returns as ``promptDueOn``.
"""

import calendar
import datetime

from cms.models import Cadence, TimeLimitKind

MONTHS_PER_PERIOD = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.HALF_YEARLY: 6, Cadence.YEARLY: 12}


def period_end(day: datetime.date, cadence: str, periods_after: int = 0) -> datetime.date:
    """The last day of the period containing ``day``, or of the ``periods_after``-th period after it."""
    months = MONTHS_PER_PERIOD[cadence]
    start_index = (day.month - 1) // months * months  # months since January of the period's start
    last_month_index = day.year * 12 + start_index + months * (periods_after + 1) - 1
    year, month = divmod(last_month_index, 12)
    month += 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def next_due(time_limit_kind: str, cadence: str, last_published: datetime.date | None,
             today: datetime.date) -> datetime.date | None:
    if time_limit_kind != TimeLimitKind.PERIODIC or cadence not in MONTHS_PER_PERIOD:
        return None
    if last_published is None:
        return period_end(today, cadence)
    return period_end(last_published, cadence, periods_after=1)
