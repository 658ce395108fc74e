"""Generating a report, writing its draft entry, and its due date (docs/supervision.md «年度报告»)."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import (
    Cadence,
    CatalogueItemPage,
    DisclosurePage,
    Domain,
    OrganisationLevel,
    Topic,
)
from cms.workdays.service import CalendarYearMissing, add_working_days

from . import body, checks, figures
from .models import AnnualReport

ROW_WORD = "年度报告"


class ReportError(Exception):
    """A report that cannot be written (no 年度报告 row, failed checks); ``messages`` says why in Chinese."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("；".join(self.messages))


def annual_rows(organisations) -> dict:
    """Organisation id -> its government catalogue row for the annual report (setting ``ANNUAL_REPORT_ROW_WORD``,
    default 年度报告): a row without sub-rows, not retired; the first in catalogue order. Two queries."""
    from cms.conf import setting

    word = setting("ANNUAL_REPORT_ROW_WORD", ROW_WORD)
    items = CatalogueItemPage.objects.filter(organisation__in=organisations, domain=Domain.GOVERNMENT)
    rows = list(items.filter(title__contains=word, retired_at__isnull=True).order_by("path"))
    steplen = CatalogueItemPage.steplen
    children = items.filter(depth__in={row.depth + 1 for row in rows}).values_list("path", flat=True) if rows else []
    parent_paths = {path[:-steplen] for path in children}
    found = {}
    for row in rows:
        if row.path not in parent_paths:
            found.setdefault(row.organisation_id, row)
    return found


def annual_row(organisation) -> CatalogueItemPage | None:
    """The unit's 年度报告 row (``annual_rows``), or None."""
    return annual_rows([organisation]).get(organisation.pk)


# ---- Due dates (条例 §49) --------------------------------------------------------------------------

def statutory_due(organisation, year: int, row=False) -> datetime.date:
    """The day the report on ``year`` is due, as the rules state it: the 年度报告 row's own terms when it
    has them (a yearly row, e.g. 每年3月31日前 → 3/31), else 条例 §49 — 31 March for a government at
    county level, 31 January for every other body (departments, townships)."""
    row = annual_row(organisation) if row is False else row
    if row is not None and row.cadence == Cadence.YEARLY and row.due_month and row.due_day:
        month, day = row.due_month, row.due_day
    elif organisation.level == OrganisationLevel.COUNTY:
        month, day = 3, 31
    else:
        month, day = 1, 31
    return datetime.date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))


def due_on(organisation, year: int, row=False) -> datetime.date:
    """The last day on the official calendar: the statutory day, or the next working day when it is a rest
    day (a period ending on a holiday ends on the first day after it, 民法典 §203). Raises
    CalendarYearMissing when the calendar lacks that year."""
    return add_working_days(statutory_due(organisation, year, row), 0)


def reporting_units(organisations):
    """The bodies that report (条例 §49, 行政机关): governments at county and township level and the county's
    departments, when they publish government affairs. A township's own offices report within the
    township's report; villages are not 行政机关."""
    from cms.models import Organisation

    candidates = organisations.filter(publishes_government=True).exclude(level=OrganisationLevel.VILLAGE)
    county_paths = set(Organisation.objects.filter(level=OrganisationLevel.COUNTY).values_list("path", flat=True))
    steplen = Organisation.steplen
    keep = [unit.pk for unit in candidates.only("pk", "path", "level")
            if unit.level != OrganisationLevel.DEPARTMENT or unit.path[:-steplen] in county_paths]
    return organisations.filter(pk__in=keep)


def findings(organisations, today: datetime.date):
    """The ``supervision_findings`` hook: each reporting unit whose report on last year is past due and not
    published. ``days_late`` counts calendar days after the due day. Four queries whatever the number of units."""
    year = today.year - 1
    units = list(reporting_units(organisations).order_by("path"))
    if not units:
        return []
    rows = annual_rows(units)
    published = set(DisclosurePage.objects.filter(
        catalogue_item__in=list(rows.values()), live=True, withdrawn_at__isnull=True,
        first_published_on__gt=datetime.date(year, 12, 31)).values_list("organisation_id", flat=True))
    reports = dict(AnnualReport.objects.filter(organisation__in=units, year=year)
                   .values_list("organisation_id", "pk"))
    found = []
    for organisation in units:
        if organisation.pk in published:
            continue
        row = rows.get(organisation.pk)
        stated = statutory_due(organisation, year, row)
        note = ""
        try:
            due = due_on(organisation, year, row)
        except CalendarYearMissing:
            due, note = stated, f"（工作日历缺少{stated.year}年，按规定日期计）"
        if today <= due:
            continue
        found.append({
            "kind": "annual_report_missing", "kind_label": "年度报告未按时公开",
            "organisation": organisation,
            "subject": f"{organisation.name}{year}年政府信息公开工作年度报告应于{due.year}年{due.month}月{due.day}日前"
                       f"公开，尚未公开{note}",
            "due_on": due, "days_late": (today - due).days,
            "url": _edit_url(reports.get(organisation.pk)),
        })
    return found


def _edit_url(report_id):
    if report_id is None:
        return None
    from django.urls import reverse

    return reverse("annual_reports:edit", args=[report_id])


# ---- Generating and writing --------------------------------------------------------------------------

def default_overview(organisation, year: int, computed: dict) -> str:
    total = next((values.get("total", 0) for key, _name, values in computed["applications"]["rows"]
                  if key == "new"), 0)
    return (f"{year}年，{organisation.name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
            f"不公开为例外。全年主动公开政府信息{computed['published']}条，"
            f"新收政府信息公开申请{total}件。")


@transaction.atomic
def generate(organisation, year: int, user=None) -> AnnualReport:
    """Create the unit's report on ``year`` or refresh what the data holds in it; what editors entered and
    wrote is kept (an empty 一 gets a first sentence from the figures)."""
    if not organisation.publishes_government:
        raise ReportError([_("%(unit)s does not publish government affairs: it makes no annual report.")
                           % {"unit": organisation.name}])
    report, _created = AnnualReport.objects.select_for_update().get_or_create(organisation=organisation, year=year)
    report.computed = figures.compute(organisation, year)
    if not report.overview.strip():
        report.overview = default_overview(organisation, year, report.computed)
    report.generated_at, report.generated_by = timezone.now(), user
    report.save()
    return report


def title(report) -> str:
    return f"{report.organisation.name}{report.year}年政府信息公开工作年度报告"


def _clean_body(raw):
    stream_block = DisclosurePage._meta.get_field("body").stream_block
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        raise ReportError([str(message) for message in error.messages]) from error


@transaction.atomic
def write_draft(report: AnnualReport, user) -> DisclosurePage:
    """Check the report and write it as a new draft revision of its entry under the unit's 年度报告 row
    (created the first time). Never publishes: the entry goes through the unit's procedure."""
    problems = checks.validate(report)
    row = annual_row(report.organisation)
    if row is None:
        problems.insert(0, _("%(unit)s has no 年度报告 row in its government catalogue: add the row first.")
                        % {"unit": report.organisation.name})
    if problems:
        raise ReportError(problems)
    fields = {
        "title": title(report), "period_covered": f"{report.year}年", "topic": Topic.OTHER,
        "keywords": "年度报告,政府信息公开", "publishing_body": report.organisation.name,
        "summary": f"{report.organisation.name}{report.year}年政府信息公开工作情况：主动公开政府信息"
                   f"{report.computed.get('published', 0)}条。",
        "body": _clean_body(body.stream(report)),
    }
    page = DisclosurePage.objects.filter(pk=report.page_id).first() if report.page_id else None
    if page is None:
        page = DisclosurePage.objects.filter(catalogue_item=row, slug=f"annual-report-{report.year}").first()
    if page is None:
        page = DisclosurePage(slug=f"annual-report-{report.year}", live=False, owner=user, **fields)
        row.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision(user=user, log_action=True)
    report.page = page
    report.save(update_fields=["page"])
    return DisclosurePage.objects.get(pk=page.pk)
