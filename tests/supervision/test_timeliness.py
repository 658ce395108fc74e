"""The timeliness engine: each kind on fixed dates of 2026 across Spring Festival and National Day, the subtree
rule, the hooks, and a number of SQL queries that does not grow with the units, rows and entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import TaskState

from cms.models import DisclosureLink, DisclosurePage
from supervision import timeliness
from supervision.timeliness import findings, subtree
from tests.applications.conftest import new_application

from .conftest import D, published, rows_published_on

pytestmark = pytest.mark.django_db


def kinds(found, organisation=None):
    return sorted((f.kind, f.subject) for f in found if organisation is None or f.organisation == organisation)


def test_prompt_entry_formed_before_spring_festival_is_due_on_16_march(tree, rows):
    entry = tree.add_entry(rows.prompt, "镇区道路塌陷处置情况", publish=False, information_formed_on=D(2026, 2, 10))
    entry.refresh_from_db()
    assert entry.due_on == D(2026, 3, 16)  # 20 working days on the official calendar, not Monday–Friday
    assert not [f for f in findings(subtree(tree.township), D(2026, 3, 16)) if f.kind == "prompt_overdue"]
    late = [f for f in findings(subtree(tree.township), D(2026, 3, 20)) if f.kind == "prompt_overdue"]
    assert [(f.subject, f.due_on, f.days_late) for f in late] == [("镇区道路塌陷处置情况", D(2026, 3, 16), 4)]
    assert late[0].url.endswith(f"/pages/{entry.pk}/edit/")


def test_prompt_lateness_skips_national_day_and_counts_the_working_saturday(tree, rows):
    tree.add_entry(rows.prompt, "国庆前形成的信息", publish=False, information_formed_on=D(2026, 9, 2))
    entry = DisclosurePage.objects.get(title="国庆前形成的信息")
    assert entry.due_on == D(2026, 9, 30)
    # 1–7 October are holidays; 8, 9 and Saturday 10 October are working days: 3 working days late.
    late = [f for f in findings(subtree(tree.township), D(2026, 10, 11)) if f.kind == "prompt_overdue"]
    assert [(f.due_on, f.days_late) for f in late] == [(D(2026, 9, 30), 3)]


def test_published_prompt_entry_is_no_longer_overdue(tree, rows):
    entry = tree.add_entry(rows.prompt, "已公开", information_formed_on=D(2026, 2, 10))
    assert entry.first_published_on is not None
    assert not [f for f in findings(subtree(tree.township), D(2026, 3, 20)) if f.kind == "prompt_overdue"]


def test_periodic_row_overdue_and_not_disclosed(tree, rows):
    published(tree, rows.monthly, "2026年9月财政收支", D(2026, 9, 10))
    found = findings(subtree(tree.township), D(2026, 11, 2))
    overdue = [f for f in found if f.kind == "periodic_overdue"]
    # Published in September: the October entry was due by 31 October (a Saturday); Monday 2 November is 1 day late.
    assert [(f.subject, f.due_on, f.days_late) for f in overdue] == [("财政收支月报", D(2026, 10, 31), 1)]
    assert ("not_disclosed", "财政收支月报") in kinds(found)
    # Before the due date: nothing overdue, but the current period (October) has no entry yet.
    found = findings(subtree(tree.township), D(2026, 10, 20))
    assert not [f for f in found if f.kind == "periodic_overdue"]
    assert ("not_disclosed", "财政收支月报") in kinds(found)


def test_periodic_row_with_an_entry_this_period_is_clean(tree, rows):
    published(tree, rows.monthly, "2026年10月财政收支", D(2026, 10, 9))
    assert not [f for f in findings(subtree(tree.township), D(2026, 10, 20)) if f.subject == "财政收支月报"]


def test_periodic_row_with_terms_is_due_on_the_10th(tree, rows):
    rows.monthly.due_month, rows.monthly.due_day = 1, 10
    rows.monthly.save_revision().publish()
    published(tree, rows.monthly, "2026年9月财政收支", D(2026, 10, 9))
    overdue = [f for f in findings(subtree(tree.township), D(2026, 11, 12)) if f.kind == "periodic_overdue"]
    assert [(f.due_on, f.days_late) for f in overdue] == [(D(2026, 11, 10), 2)]


def test_standing_row_without_entries_and_unreviewed_for_a_year(tree, rows):
    rows_published_on(rows.standing, on=D(2025, 9, 1))
    found = findings(subtree(tree.township), D(2026, 10, 12))
    assert ("not_disclosed", "机构职能") in kinds(found)
    unreviewed = [f for f in found if f.kind == "standing_unreviewed"]
    assert [(f.due_on, f.days_late) for f in unreviewed] == [(D(2026, 9, 1), 25)]
    entry = published(tree, rows.standing, "机构职能（2026年版）", D(2026, 10, 9))
    assert entry.live
    found = findings(subtree(tree.township), D(2026, 10, 12))
    assert not [f for f in found if f.subject == "机构职能"]


def test_policy_without_interpretation_comes_from_the_cms_hook(tree, rows):
    policy = published(tree, rows.policy, "关于加强农村人居环境整治的通知", D(2026, 5, 6), document_number="城政〔2026〕3号")
    found = [f for f in findings(subtree(tree.township), D(2026, 5, 7)) if f.kind == "interpretation_missing"]
    assert [f.subject for f in found] == ["关于加强农村人居环境整治的通知"]
    interpretation = tree.add_entry(rows.prompt, "《关于加强农村人居环境整治的通知》政策解读", publish=False)
    DisclosureLink.objects.create(page=interpretation, kind="interprets", target=policy)
    interpretation.save_revision().publish()
    assert not [f for f in findings(subtree(tree.township), D(2026, 5, 7)) if f.kind == "interpretation_missing"]


def test_entry_stuck_at_review_across_national_day(tree, rows):
    entry = tree.add_entry(rows.prompt, "待审核的信息", publish=False)
    entry.get_workflow().start(entry, tree.users["t_editor"])
    started = datetime.datetime(2026, 9, 25, 9, tzinfo=timezone.get_current_timezone())
    TaskState.objects.filter(status="in_progress").update(started_at=started)
    # 25 September is the Mid-Autumn holiday; 5 working days: 28, 29, 30 September, 8 and 9 October.
    assert not [f for f in findings(subtree(tree.township), D(2026, 10, 9)) if f.kind == "review_stuck"]
    stuck = [f for f in findings(subtree(tree.township), D(2026, 10, 12)) if f.kind == "review_stuck"]
    # Late on Saturday 10 October (a working day) and Monday 12 October.
    assert [(f.due_on, f.days_late) for f in stuck] == [(D(2026, 10, 9), 2)]
    assert stuck[0].subject.startswith("待审核的信息（")
    # The states of every page in review are read; only the unit's own entries are findings.
    assert not [f for f in findings(subtree(tree.village_a), D(2026, 10, 12)) if f.kind == "review_stuck"]


def test_a_unit_sees_only_its_subtree(tree, rows):
    found_a = findings(subtree(tree.village_a), D(2026, 11, 2))
    assert {f.organisation for f in found_a} == {tree.village_a}
    found_township = findings(subtree(tree.township), D(2026, 11, 2))
    assert {f.organisation for f in found_township} == {tree.township, tree.village_a, tree.village_b}
    assert ("not_disclosed", "西河村务收支") not in kinds(found_a)


def test_applications_report_overdue_through_the_hook(tree, rows):
    application = new_application(tree.township, received_on=D(2026, 9, 24))
    found = [f for f in findings(subtree(tree.township), D(2026, 11, 2)) if f.kind == "application_overdue"]
    assert [f.organisation for f in found] == [tree.township]
    assert application.tracking_code in found[0].subject
    assert found[0].days_late and found[0].days_late > 0
    assert not [f for f in findings(subtree(tree.village_a), D(2026, 11, 2)) if f.kind == "application_overdue"]


def _queries(organisations, today):
    with CaptureQueriesContext(connection) as captured:
        timeliness.own_findings(organisations, today)
    return len(captured.captured_queries)


def test_the_engine_runs_a_fixed_number_of_queries(tree, rows):
    entry = tree.add_entry(rows.prompt, "审核中", publish=False)
    entry.get_workflow().start(entry, tree.users["t_editor"])
    today = D(2026, 11, 2)
    _queries(subtree(tree.township), today)  # content types cached once per process
    small = _queries(subtree(tree.township), today)
    for n in range(6):
        row = tree.add_item(tree.village_b, "village", f"村务事项{n}", time_limit_kind="periodic", cadence="monthly",
                            slug=f"extra-{n}")
        published(tree, row, f"村务{n}", D(2026, 9, 10))
        tree.add_entry(rows.prompt, f"逾期{n}", publish=False, information_formed_on=D(2026, 9, 2))
        other = tree.add_entry(rows.prompt, f"审核{n}", publish=False)
        other.get_workflow().start(other, tree.users["t_editor"])
    large = _queries(subtree(tree.county), today)
    assert small == large <= 6


def test_monthly_row_due_at_the_end_of_february_a_working_saturday(tree, rows):
    published(tree, rows.monthly, "2026年1月财政收支", D(2026, 1, 10))
    # The February entry is due by 28 February, a working Saturday after Spring Festival (15–23 February).
    assert not [f for f in findings(subtree(tree.township), D(2026, 2, 28)) if f.kind == "periodic_overdue"]
    overdue = [f for f in findings(subtree(tree.township), D(2026, 3, 2)) if f.kind == "periodic_overdue"]
    assert [(f.due_on, f.days_late) for f in overdue] == [(D(2026, 2, 28), 1)]
