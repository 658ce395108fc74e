"""The demo's annual reports, generated (not hand-built): for every reporting unit of the demo the reports on
2024 and 2025, completed with entered figures and published as the unit's approver shortly before the due
day; for the two units with demo applications (东山乡人民政府, 示范县民政局) also a draft on 2026 whose table 三
is computed from those applications. Safe to run again: a year already published is left alone."""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cms.demo.loader import Stage
from cms.models import DisclosurePage, Organisation

from . import services
from .models import AnnualReport
from .template import APPEAL_COLUMNS, APPEAL_GROUPS

PUBLISHED_YEARS = (2024, 2025)
DRAFT_YEAR, DRAFT_UNITS = 2026, ("dongshan", "civil_affairs")
PROBLEMS = ("部分栏目更新不够及时，政策解读形式较为单一。下一步将加强栏目日常巡查，丰富图表图解等解读形式。",
            "依申请公开答复文书格式不够统一。下一步将统一答复文书模板，加强经办人员业务培训。")


def demo_stage(units: dict, password: str):
    """The demo loader's stage (the ``load_demo_stage`` hook) that generates the annual reports."""
    started = time.perf_counter()
    created = ensure_demo_reports(units)
    return Stage("annual reports", created, time.perf_counter() - started)


def _entered(rng: random.Random, report) -> dict:
    appeals = {group: dict.fromkeys((column for column, _l in APPEAL_COLUMNS), 0) for group, _l in APPEAL_GROUPS}
    if rng.random() < 0.3:
        appeals["review"].update(upheld=1, total=1)
    proactive = {key: {"issued": 0, "repealed": 0, "in_force": 0} for key in ("rules", "normative")}
    proactive.update({key: {"decisions": rng.randint(0, 40)} for key in ("licences", "penalties")})
    proactive["enforcement"] = {"decisions": rng.randint(0, 3)}
    proactive["fees"] = {"amount": f"{rng.randint(0, 1500) / 100:.2f}"}
    for key in report.computed.get("proactive", {}):
        proactive.pop(key, None)
    return {"proactive": proactive, "appeals": appeals}


def _approver(organisation, fallback):
    return (organisation.approvers.user_set.first() if organisation.approvers_id else None) or fallback


def _date_publication(page: DisclosurePage, day: datetime.date, rng: random.Random) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9 + rng.randint(0, 7),
                                                                              rng.randint(0, 59))))
    DisclosurePage.objects.filter(pk=page.pk).update(
        first_published_at=moment, last_published_at=moment, latest_revision_created_at=moment,
        first_published_on=day, published_on=day, written_on=day - datetime.timedelta(days=2))
    Revision.page_revisions.filter(object_id=str(page.pk)).update(created_at=moment)
    PageLogEntry.objects.filter(page=page).update(timestamp=moment)


@transaction.atomic
def ensure_demo_reports(units: dict) -> int:
    from cms.demo.accounts import demo_user
    from cms.demo.workdays import on_or_after

    admin = demo_user()
    chosen = services.reporting_units(Organisation.objects.filter(pk__in=[unit.pk for unit in units.values()]))
    keys = {unit.pk: key for key, unit in units.items()}
    created = 0
    for organisation in chosen.order_by("path"):
        if services.annual_row(organisation) is None:
            continue
        key = keys[organisation.pk]
        approver = _approver(organisation, admin)
        editor = organisation.editors.user_set.first() or admin
        years = PUBLISHED_YEARS + ((DRAFT_YEAR,) if key in DRAFT_UNITS else ())
        for year in years:
            existing = AnnualReport.objects.filter(organisation=organisation, year=year, page__isnull=False).first()
            if existing is not None and (existing.page.live or year == DRAFT_YEAR):
                continue
            rng = random.Random(f"annual-report:{key}:{year}")
            report = services.generate(organisation, year, editor)
            report.entered = _entered(rng, report)
            report.problems = PROBLEMS[rng.randint(0, 1)]
            report.other_matters = "本年度未收取信息处理费。" if year < DRAFT_YEAR else ""
            report.save()
            page = services.write_draft(report, editor)
            created += 1
            if year == DRAFT_YEAR:
                continue
            page.get_latest_revision().publish(user=approver)
            due = services.statutory_due(organisation, year)
            _date_publication(page, on_or_after(due - datetime.timedelta(days=rng.randint(6, 16))), rng)
    return created
