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


def annual_row(organisation) -> CatalogueItemPage | None:
    """The unit's government catalogue row for the annual report (setting ``ANNUAL_REPORT_ROW_WORD``, default
    年度报告): a row without sub-rows, not retired; the first in catalogue order."""
    from cms.conf import setting

    word = setting("ANNUAL_REPORT_ROW_WORD", ROW_WORD)
    rows = list(CatalogueItemPage.objects.filter(organisation=organisation, domain=Domain.GOVERNMENT,
                                                 title__contains=word).order_by("path"))
    for row in rows:
        if not row.is_retired and not CatalogueItemPage.objects.child_of(row).exists():
            return row
    return None


# ---- Due dates (条例 §49) --------------------------------------------------------------------------

def statutory_due(organisation, year: int) -> datetime.date:
    """The day the report on ``year`` is due, as the rules state it: the 年度报告 row's own terms when it
    has them (a yearly row, e.g. 每年3月31日前 → 3/31), else 条例 §49 — 31 March for a government at
    county level, 31 January for every other body (departments, townships)."""
    row = annual_row(organisation)
    if row is not None and row.cadence == Cadence.YEARLY and row.due_month and row.due_day:
        month, day = row.due_month, row.due_day
    elif organisation.level == OrganisationLevel.COUNTY:
        month, day = 3, 31
    else:
        month, day = 1, 31
    return datetime.date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))


def due_on(organisation, year: int) -> datetime.date:
    """The last day on the official calendar: the statutory day, or the next working day when it is a rest
    day (a period ending on a holiday ends on the first day after it, 民法典 §203). Raises
    CalendarYearMissing when the calendar lacks that year."""
    return add_working_days(statutory_due(organisation, year), 0)


def published_report(organisation, year: int) -> DisclosurePage | None:
    """The live report on ``year``: an entry of the 年度报告 row first published after the year ended."""
    row = annual_row(organisation)
    rows = [row] if row is not None else list(CatalogueItemPage.objects.filter(
        organisation=organisation, domain=Domain.GOVERNMENT, title__contains=ROW_WORD))
    return (DisclosurePage.objects.filter(catalogue_item__in=rows, live=True, withdrawn_at__isnull=True,
                                          first_published_on__gt=datetime.date(year, 12, 31))
            .order_by("first_published_on").first())


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
    published. ``days_late`` counts calendar days after the due day."""
    year = today.year - 1
    for organisation in reporting_units(organisations).order_by("path"):
        stated = statutory_due(organisation, year)
        note = ""
        try:
            due = due_on(organisation, year)
        except CalendarYearMissing:
            due, note = stated, f"（工作日历缺少{stated.year}年，按规定日期计）"
        if today <= due or published_report(organisation, year) is not None:
            continue
        report = AnnualReport.objects.filter(organisation=organisation, year=year).first()
        yield {
            "kind": "annual_report_missing", "kind_label": "年度报告未按时公开",
            "organisation": organisation,
            "subject": f"{organisation.name}{year}年政府信息公开工作年度报告应于{due.year}年{due.month}月{due.day}日前"
                       f"公开，尚未公开{note}",
            "due_on": due, "days_late": (today - due).days,
            "url": _edit_url(report),
        }


def _edit_url(report):
    if report is None:
        return None
    from django.urls import reverse

    return reverse("annual_reports:edit", args=[report.pk])


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
