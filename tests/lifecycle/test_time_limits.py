"""Prompt disclosure (及时公开, 条例 §26): due dates on the official calendar, lateness at first publication."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from cms import schedule
from cms.models import DisclosurePage

from .conftest import at

D = datetime.date


# 2026-02-14 (Sat) is worked, 15–23 February is the Spring Festival break, 2026-02-28 (Sat) is worked.
DUE_DATES = [
    (D(2026, 2, 10), "prompt", D(2026, 3, 16)),
    (D(2026, 2, 13), "prompt_1", D(2026, 2, 14)),
    (D(2026, 2, 14), "prompt_1", D(2026, 2, 24)),
    (D(2026, 2, 27), "prompt_1", D(2026, 2, 28)),
    (D(2026, 1, 5), "prompt", D(2026, 2, 2)),
]


def test_due_date_counts_working_days_across_the_spring_festival(tree, rows):
    for formed, row, due in DUE_DATES:
        entry = tree.add_entry(rows[row], "村道硬化工程决定", publish=False, information_formed_on=formed)
        assert entry.due_on == due, formed
        assert DisclosurePage.objects.get(pk=entry.pk).due_on == due


def test_rows_other_than_prompt_have_no_due_date(tree, rows):
    entry = tree.add_entry(rows["public"], "村务工作制度", publish=False, information_formed_on=D(2026, 2, 10))
    assert entry.due_on is None


def test_a_year_without_calendar_data_is_an_error_not_a_guess(tree, rows):
    # 20 working days from early December 2026 (or any later day, dated 31 December 2026) reach 2027
    formed = min(timezone.localdate(), D(2026, 12, 31))
    entry = DisclosurePage(title="跨年事项", slug="next-year", live=False, information_formed_on=formed)
    rows["prompt"].add_child(instance=entry)
    with pytest.raises(ValidationError) as caught:
        entry.save_revision()
    assert "2027" in " ".join(caught.value.message_dict["information_formed_on"])
    assert entry.revisions.count() == 0


def test_the_information_date_cannot_be_in_the_future(tree, rows):
    entry = DisclosurePage(title="未来事项", slug="future", live=False,
                           information_formed_on=timezone.localdate() + datetime.timedelta(days=1))
    rows["prompt"].add_child(instance=entry)
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    assert "information_formed_on" in caught.value.message_dict


LATENESS = [
    (at(D(2026, 3, 16), 17), 0),
    (at(D(2026, 3, 13)), 0),
    (at(D(2026, 3, 18)), 2),
    (at(D(2026, 3, 21)), 4),  # Saturday: counts the working days up to it
]


def test_lateness_is_recorded_at_first_publication(tree, rows, clock):
    for published, late in LATENESS:
        entry = tree.add_entry(rows["prompt"], "村道硬化工程决定", publish=False,
                               information_formed_on=D(2026, 2, 10))
        clock(published)
        entry.get_latest_revision().publish()
        entry.refresh_from_db()
        assert entry.due_on == D(2026, 3, 16)
        assert entry.working_days_late == late, published


def test_lateness_is_not_changed_by_later_publications(tree, rows, clock):
    entry = tree.add_entry(rows["prompt"], "村道硬化工程决定", publish=False, information_formed_on=D(2026, 2, 10))
    clock(at(D(2026, 3, 18)))
    entry.get_latest_revision().publish()
    clock(at(D(2026, 6, 1)))
    entry.refresh_from_db()
    entry.summary = "补充说明"
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.working_days_late == 2


def test_an_entry_without_a_due_date_records_no_lateness(tree, rows):
    entry = tree.add_entry(rows["public"], "村务工作制度")
    assert entry.working_days_late is None


def test_the_status_panel_shows_the_due_date_and_lateness(tree, rows, clock):
    entry = tree.add_entry(rows["prompt"], "村道硬化工程决定", publish=False, information_formed_on=D(2026, 2, 10))
    clock(at(D(2026, 3, 18)))
    entry.get_latest_revision().publish()
    entry.refresh_from_db()

    class Bound:
        instance = entry

    html = render_to_string("cms/lifecycle/schedule_panel.html", {"self": Bound})
    assert "March 16, 2026" in html
    assert "20 working days after Feb. 10, 2026" in html
    assert "2 working days late" in html
    assert schedule.due_date(entry) == D(2026, 3, 16)
