"""The admin table: entering a year the library lacks, correcting the library, and the cache."""

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.workdays.models import CalendarDay, CalendarYear, DayKind
from cms.workdays.service import (
    CalendarYearMissing,
    add_working_days,
    is_working_day,
    missing_years_to_enter,
    working_days_between,
    year_source,
)

pytestmark = pytest.mark.django_db


class TestEnteringANewYear:
    def test_incomplete_year_still_raises(self):
        year = CalendarYear.objects.create(year=2027, complete=False)
        CalendarDay.objects.create(calendar_year=year, date=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
        with pytest.raises(CalendarYearMissing):
            is_working_day(date(2027, 1, 4))

    def test_complete_year_works_and_its_days_count(self, year_2027):
        assert year_source(2027) == "table"
        assert not is_working_day(date(2027, 1, 1))  # a Friday holiday
        assert is_working_day(date(2027, 1, 4))  # an ordinary Monday
        assert not is_working_day(date(2027, 1, 9))  # an ordinary Saturday
        assert is_working_day(date(2027, 2, 20))  # a Saturday worked in lieu
        assert not any(is_working_day(date(2027, 2, day)) for day in range(6, 15))
        assert add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 15)
        assert add_working_days(date(2027, 2, 19), 1) == date(2027, 2, 20)

    def test_counts_across_the_year_end(self, year_2027):
        # Thursday 31 December 2026 → Friday 1 January 2027 is a holiday → Monday 4 January.
        assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
        assert working_days_between(date(2026, 12, 30), date(2027, 1, 4)) == 2
        assert add_working_days(date(2026, 12, 20), 20) == date(2027, 1, 18)

    def test_next_year_after_2027_is_still_missing(self, year_2027):
        with pytest.raises(CalendarYearMissing) as error:
            add_working_days(date(2027, 12, 20), 20)
        assert error.value.year == 2028


class TestCorrectingTheLibrary:
    def test_a_table_day_wins_over_the_library(self):
        assert is_working_day(date(2026, 10, 10))
        year = CalendarYear.objects.create(year=2026, note="correction")  # not complete: the library covers 2026
        CalendarDay.objects.create(calendar_year=year, date=date(2026, 10, 10), kind=DayKind.HOLIDAY)
        CalendarDay.objects.create(calendar_year=year, date=date(2026, 10, 8), kind=DayKind.HOLIDAY)
        CalendarDay.objects.create(calendar_year=year, date=date(2026, 10, 5), kind=DayKind.WORKING_DAY)
        assert year_source(2026) == "library"
        assert not is_working_day(date(2026, 10, 10))
        assert is_working_day(date(2026, 10, 5))
        assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 5)
        assert add_working_days(date(2026, 10, 5), 1) == date(2026, 10, 9)
        assert add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 12)


class TestCache:
    def test_a_warm_cache_does_not_query(self, django_assert_num_queries, year_2027):
        working_days_between(date(2026, 1, 1), date(2027, 12, 31))
        with django_assert_num_queries(0):
            assert working_days_between(date(2026, 1, 1), date(2027, 12, 31)) > 480
            for day in range(1, 32):
                is_working_day(date(2027, 1, day))
                add_working_days(date(2026, 12, day), 20)

    def test_a_cold_year_is_built_from_two_queries(self, django_assert_num_queries):
        with django_assert_num_queries(2):
            working_days_between(date(2004, 1, 1), date(2026, 12, 31))

    def test_saving_a_day_clears_the_cache(self, year_2027):
        assert is_working_day(date(2027, 3, 1))
        day = CalendarDay.objects.create(calendar_year=year_2027, date=date(2027, 3, 1), kind=DayKind.HOLIDAY)
        assert not is_working_day(date(2027, 3, 1))
        day.kind = DayKind.WORKING_DAY
        day.save()
        assert is_working_day(date(2027, 3, 1))
        CalendarDay.objects.get(date=date(2027, 1, 1)).delete()
        assert is_working_day(date(2027, 1, 1))

    def test_unmarking_a_year_clears_the_cache(self, year_2027):
        assert is_working_day(date(2027, 1, 4))
        year_2027.complete = False
        year_2027.save()
        with pytest.raises(CalendarYearMissing):
            is_working_day(date(2027, 1, 4))
        assert missing_years_to_enter(date(2027, 1, 4)) == [2027]

    def test_deleting_a_year_clears_the_cache(self, year_2027):
        assert is_working_day(date(2027, 1, 4))
        year_2027.delete()
        with pytest.raises(CalendarYearMissing):
            is_working_day(date(2027, 1, 4))

    def test_changes_by_another_process_are_noticed_at_the_recheck(self, year_2027):
        assert not is_working_day(date(2027, 1, 1))
        # A queryset update sends no signal: as if another process had saved the row.
        CalendarDay.objects.filter(date=date(2027, 1, 1)).update(
            kind=DayKind.WORKING_DAY, updated_at=timezone.now() + timedelta(seconds=1))
        with override_settings(WORKDAYS_RECHECK_SECONDS=3600):
            assert not is_working_day(date(2027, 1, 1))  # this process has not looked yet
        with override_settings(WORKDAYS_RECHECK_SECONDS=0):
            assert is_working_day(date(2027, 1, 1))
