"""The counting rules on the library's data (2026), and bad input."""

import datetime
from datetime import date

import pytest

from cms.workdays.service import (
    CalendarYearMissing,
    add_working_days,
    is_working_day,
    is_year_covered,
    working_days_between,
    year_source,
)

pytestmark = pytest.mark.django_db


class TestSpringFestival2026:
    def test_working_saturdays_and_holidays(self):
        assert is_working_day(date(2026, 2, 14))  # Saturday worked in lieu
        assert is_working_day(date(2026, 2, 28))  # Saturday worked in lieu
        assert not any(is_working_day(date(2026, 2, day)) for day in range(15, 24))
        assert is_working_day(date(2026, 2, 24))

    def test_add_across_the_holiday(self):
        assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
        assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
        assert add_working_days(date(2026, 2, 15), 1) == date(2026, 2, 24)

    def test_reply_within_20_working_days(self):
        # 条例 §33: received Tuesday 10 February; Monday–Friday counting would say 10 March.
        assert add_working_days(date(2026, 2, 10), 20) == date(2026, 3, 16)

    def test_between_across_the_holiday(self):
        assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2  # 14th and 24th
        assert working_days_between(date(2026, 2, 14), date(2026, 2, 24)) == 1
        assert working_days_between(date(2026, 2, 14), date(2026, 2, 23)) == 0
        assert working_days_between(date(2026, 2, 10), date(2026, 3, 16)) == 20


class TestNationalDay2026:
    def test_days(self):
        assert is_working_day(date(2026, 9, 20))  # Sunday worked in lieu
        assert not is_working_day(date(2026, 9, 25))  # Mid-autumn, a Friday
        assert not any(is_working_day(date(2026, 10, day)) for day in range(1, 8))
        assert is_working_day(date(2026, 10, 10))  # Saturday worked in lieu
        assert not is_working_day(date(2026, 10, 11))

    def test_add_and_between(self):
        assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
        assert add_working_days(date(2026, 9, 28), 5) == date(2026, 10, 10)
        assert working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3
        # 干部任前公示 not less than 5 working days, starting Monday 28 September.
        assert working_days_between(date(2026, 9, 28), date(2026, 10, 9)) == 4


class TestConvention:
    def test_zero_days(self):
        assert add_working_days(date(2026, 2, 13), 0) == date(2026, 2, 13)
        assert add_working_days(date(2026, 2, 15), 0) == date(2026, 2, 24)  # next working day

    def test_add_and_between_agree(self):
        start = date(2026, 1, 1)
        for offset in range(0, 330, 7):
            day = start + datetime.timedelta(days=offset)
            for n in (1, 5, 7, 15, 20):
                due = add_working_days(day, n)
                assert is_working_day(due)
                assert working_days_between(day, due) == n

    def test_between_is_antisymmetric_and_additive(self):
        a, b, c = date(2026, 1, 20), date(2026, 2, 25), date(2026, 10, 12)
        assert working_days_between(a, a) == 0
        assert working_days_between(b, a) == -working_days_between(a, b)
        assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)

    def test_across_years_in_the_library(self):
        # 1–3 January 2026 New Year's Day holiday, Sunday the 4th worked in lieu.
        assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
        assert working_days_between(date(2025, 12, 31), date(2026, 1, 5)) == 2


class TestMissingYear:
    def test_2027_raises(self):
        assert year_source(2027) is None and not is_year_covered(2027)
        with pytest.raises(CalendarYearMissing) as error:
            is_working_day(date(2027, 1, 4))
        assert error.value.year == 2027
        assert "2027" in str(error.value) and "Working-day calendar" in str(error.value)
        assert isinstance(error.value, ValueError)

    def test_a_count_that_reaches_2027_raises(self):
        assert add_working_days(date(2026, 12, 1), 5) == date(2026, 12, 8)
        with pytest.raises(CalendarYearMissing):
            add_working_days(date(2026, 12, 20), 20)
        with pytest.raises(CalendarYearMissing):
            working_days_between(date(2026, 12, 20), date(2027, 1, 5))
        with pytest.raises(CalendarYearMissing):
            working_days_between(date(2027, 1, 5), date(2026, 12, 20))

    def test_a_year_before_the_library_raises(self):
        with pytest.raises(CalendarYearMissing):
            is_working_day(date(2003, 6, 2))


class TestBadInput:
    def test_negative_n(self):
        with pytest.raises(ValueError, match="0 or more"):
            add_working_days(date(2026, 2, 13), -1)

    @pytest.mark.parametrize("n", [1.0, "3", True, None])
    def test_n_not_an_int(self, n):
        with pytest.raises(TypeError, match="n must be an int"):
            add_working_days(date(2026, 2, 13), n)

    @pytest.mark.parametrize("value", ["2026-02-13", None, 20260213])
    def test_not_a_date(self, value):
        with pytest.raises(TypeError, match="must be a datetime.date"):
            add_working_days(value, 1)
        with pytest.raises(TypeError, match="must be a datetime.date"):
            is_working_day(value)
        with pytest.raises(TypeError, match="must be a datetime.date"):
            working_days_between(date(2026, 2, 13), value)

    def test_datetime_is_refused(self):
        with pytest.raises(TypeError, match="localdate"):
            is_working_day(datetime.datetime(2026, 2, 13, 9, 0))
