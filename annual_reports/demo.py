"""The demo's annual reports, generated (not hand-built). The demo plan (demo/annual.py) creates each
report's entry under the unit's 年度报告 row, published on its planned day; this stage generates the report on
that year from the demo's data, completes it with entered figures (复议/诉讼, fees, what no row holds), checks it
and writes it as a new revision of the same entry, published as the unit's approver with the planned date
kept. The two units with demo applications (东山乡人民政府, 示范县民政局) also get their report on 2026 prepared
in the admin (figures computed, nothing drafted yet: the year is not over). Safe to run again: a report
already written is left alone."""

import random
import re
import time

from django.db import transaction
from wagtail.models import PageLogEntry, Revision

from demo.loader import Stage
from cms.models import DisclosurePage

from . import services
from .models import AnnualReport
from .template import APPEAL_COLUMNS, APPEAL_GROUPS

PREPARED_YEAR, PREPARED_UNITS = 2026, ("dongshan", "civil_affairs")
SLUG = re.compile(r"^annual-report-(\d{4})$")
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


def _complete(organisation, year: int, key: str, editor) -> AnnualReport:
    rng = random.Random(f"annual-report:{key}:{year}")
    report = services.generate(organisation, year, editor)
    report.entered = _entered(rng, report)
    report.problems = PROBLEMS[rng.randint(0, 1)]
    report.other_matters = "本年度未收取信息处理费。"
    report.save()
    return report


def _publish_keeping_dates(page: DisclosurePage, approver) -> None:
    """Publish the latest revision as ``approver``; the entry keeps its planned publication date."""
    kept = DisclosurePage.objects.filter(pk=page.pk).values(
        "first_published_at", "last_published_at", "first_published_on", "published_on").get()
    revision = page.get_latest_revision()
    revision.publish(user=approver)
    moment = kept["last_published_at"]
    DisclosurePage.objects.filter(pk=page.pk).update(latest_revision_created_at=moment, **kept)
    Revision.page_revisions.filter(pk=revision.pk).update(created_at=moment)
    PageLogEntry.objects.filter(page=page, timestamp__gt=moment).update(timestamp=moment)


@transaction.atomic
def ensure_demo_reports(units: dict) -> int:
    from demo.accounts import demo_user

    admin = demo_user()
    created = 0
    for key, organisation in units.items():
        row = services.annual_row(organisation)
        if row is None:
            continue
        editor = organisation.editors.user_set.first() or admin
        approver = organisation.approvers.user_set.first() or admin
        for page in DisclosurePage.objects.filter(catalogue_item=row, organisation=organisation, live=True):
            match = SLUG.match(page.slug)
            if not match or AnnualReport.objects.filter(organisation=organisation, page=page).exists():
                continue
            report = _complete(organisation, int(match[1]), key, editor)
            _publish_keeping_dates(services.write_draft(report, editor), approver)
            created += 1
        if key in PREPARED_UNITS and not AnnualReport.objects.filter(organisation=organisation,
                                                                     year=PREPARED_YEAR).exists():
            _complete(organisation, PREPARED_YEAR, key, editor)
            created += 1
    return created
