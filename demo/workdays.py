"""Working days of the official calendar (statutory holidays and 调休 weekends) for demo dates."""

import datetime

import chinese_calendar

ONE_DAY = datetime.timedelta(days=1)


def on_or_after(day: datetime.date) -> datetime.date:
    """The day itself when it is a working day, else the next working day."""
    while not chinese_calendar.is_workday(day):
        day += ONE_DAY
    return day


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date ``count`` working days after ``day`` (a notice starting on ``day`` and ending then
    spans at least ``count`` working days)."""
    while count:
        day += ONE_DAY
        if chinese_calendar.is_workday(day):
            count -= 1
    return day
