"""The demo's annual reports (annual_reports/demo.py): generated from the demo's data, passing their checks."""

import datetime

import pytest

from annual_reports import checks, services
from annual_reports.demo import ensure_demo_reports
from annual_reports.models import AnnualReport
from demo.loader import load_demo
from demo.annual import annual_report
from demo.entries import EntryWriter
from demo.plan import Planner
from cms.models import DisclosurePage, Organisation


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        report = load_demo(size="small")
        yield report
        transaction.set_rollback(True)


def test_prepared_reports_on_2026_are_computed_from_the_demo_applications(db, demo):
    stage = next(stage for stage in demo.stages if stage.name == "annual reports")
    assert stage.created == 2
    for report in AnnualReport.objects.filter(year=2026).select_related("organisation"):
        assert checks.validate(report) == [], report
        new = next(values for key, _n, values in report.computed["applications"]["rows"] if key == "new")
        assert new["total"] > 0 and report.page is None
    again = load_demo(size="small")
    assert next(stage for stage in again.stages if stage.name == "annual reports").created == 0


def test_a_planned_report_entry_gets_the_generated_content_and_keeps_its_date(db, demo):
    """What the full demo does for every report: the planned entry becomes the generated report."""
    county = Organisation.objects.get(region_code="330199", level="county")
    planner = Planner(7)
    annual_report(planner, "county", 2025, due_month=3)
    spec = planner.specs[0]
    from demo.accounts import demo_user

    writer = EntryWriter({"county": county}, {}, demo_user(), 7)
    planned = writer.create(spec)
    first = DisclosurePage.objects.get(pk=planned.pk)
    assert ensure_demo_reports({"county": county}) == 1
    page = DisclosurePage.objects.get(pk=planned.pk)
    report = AnnualReport.objects.get(organisation=county, year=2025)
    assert report.page_id == page.pk and checks.validate(report) == []
    assert page.live and not page.has_unpublished_changes
    assert (page.first_published_on, page.published_on, page.first_published_at) == (
        first.first_published_on, first.published_on, first.first_published_at)
    assert first.first_published_on <= services.due_on(county, 2025) == datetime.date(2026, 3, 31)
    body = page.body
    kinds = [block.block_type for block in body]
    assert kinds.count("financial_table") == 5
    money = [block.value for block in body if block.block_type == "financial_table"
             and block.value["unit"] == "ten_thousand_yuan"]
    assert len(money) == 1 and money[0]["rows"][0][0] == "行政事业性收费"
    assert ensure_demo_reports({"county": county}) == 0
