"""The calendar cache is per process and test transactions roll back without signals: start and end
every test with an empty cache."""

import datetime

import pytest

from cms.workdays import service
from cms.workdays.models import CalendarDay, CalendarYear, DayKind


@pytest.fixture(autouse=True)
def empty_calendar_cache():
    service.clear_cache()
    yield
    service.clear_cache()


@pytest.fixture
def year_2027(db) -> CalendarYear:
    """An illustrative 2027 schedule (test data, not the real notice): New Year's Day on Friday 1 January,
    a Spring Festival break 6–14 February, and Saturday 20 February worked in lieu."""
    year = CalendarYear.objects.create(year=2027, complete=True, source="test schedule")
    CalendarDay.objects.create(calendar_year=year, date=datetime.date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    for day in range(6, 15):
        CalendarDay.objects.create(calendar_year=year, date=datetime.date(2027, 2, day), kind=DayKind.HOLIDAY,
                                   name="春节")
    CalendarDay.objects.create(calendar_year=year, date=datetime.date(2027, 2, 20), kind=DayKind.WORKING_DAY,
                               name="春节调休")
    return year
