"""Minimum notice periods in calendar days (村务 公示不少于7天, 半个月) beside those in working days (任前公示 ≥ 5
working days), across Spring Festival and National Day 2026 (docs/lifecycle.md "Notice periods")."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import CatalogueItemPage, DisclosurePage

D = datetime.date


def notice(row, start, end):
    entry = DisclosurePage(title="公示", slug=f"n-{start:%m%d}-{end:%m%d}", live=False, notice_start=start, notice_end=end)
    row.add_child(instance=entry)
    return entry


@pytest.fixture
def rows7(tree):
    return {
        "days": tree.add_item(tree.village_a, "village", "村务公示", slug="days7", notice_min_days=7),
        "half_month": tree.add_item(tree.village_a, "party", "党务预公开", slug="days15", notice_min_days=15),
        "working": tree.add_item(tree.village_a, "village", "低保公示", slug="wd4", notice_min_working_days=4),
    }


@pytest.mark.parametrize(("start", "end", "ok"), [
    (D(2026, 2, 15), D(2026, 2, 21), True),    # seven days of the Spring Festival break: calendar days count
    (D(2026, 2, 15), D(2026, 2, 20), False),
    (D(2026, 10, 1), D(2026, 10, 7), True),    # National Day
    (D(2026, 10, 1), D(2026, 10, 6), False),
])
def test_seven_calendar_days(tree, rows7, start, end, ok):
    entry = notice(rows7["days"], start, end)
    if ok:
        entry.full_clean()
    else:
        with pytest.raises(ValidationError) as caught:
            entry.full_clean()
        message = " ".join(caught.value.message_dict["notice_end"])
        assert "at least 7 days" in message and f"{start} to {end} has 6" in message


def test_half_a_month(tree, rows7):
    notice(rows7["half_month"], D(2026, 9, 24), D(2026, 10, 8)).full_clean()  # 15 days, National Day inside
    with pytest.raises(ValidationError, match="at least 15 days"):
        notice(rows7["half_month"], D(2026, 9, 24), D(2026, 10, 7)).full_clean()


@pytest.mark.parametrize(("end", "ok"), [(D(2026, 10, 9), False), (D(2026, 10, 10), True)])
def test_working_days_across_national_day(tree, rows7, end, ok):
    # 30 September, then the break 1–7 October; 8, 9 and the worked Saturday 10 October.
    entry = notice(rows7["working"], D(2026, 9, 30), end)
    if ok:
        entry.full_clean()
    else:
        with pytest.raises(ValidationError, match="at least 4 working days"):
            entry.full_clean()


def test_a_row_takes_at_most_a_year(tree):
    row = CatalogueItemPage(title="过长", slug="too-long", notice_min_days=400)
    with pytest.raises(ValidationError, match="366"):
        tree.catalogue(tree.village_a, "village").add_child(instance=row)
