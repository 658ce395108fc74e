"""What the data holds for an annual report (docs/supervision.md «年度报告»).

* 二 documents and decisions: the entries of the unit's government catalogue rows named for the item
  (``ANNUAL_REPORT_ROW_WORDS``; a row named for two items, e.g. 行政许可和行政处罚, cannot be split and
  counts for neither). An entry counts once it was published and is not withdrawn:
  制发 = dated (成文日期, else first publication) in the year; 废止 = repealed by an entry first published
  in the year (有效性 已废止, marked through the repealing entry's link); 现行有效 = dated by 31 December
  and neither expired (已失效) nor repealed by then (an amended document stays in force as amended).
  Decisions = entries first published in the year (one published decision per entry, 双公示).
  An item without such a row is entered by the editor; fees (行政事业性收费, 万元) are always entered.
* 三: ``applications.annual_report.table_three`` (the applications app, when it is installed).
* The general situation's count of entries published proactively in the year.
"""

import datetime

from django.apps import apps
from django.db.models.functions import Coalesce

from cms.conf import setting
from cms.models import CatalogueItemPage, DisclosurePage, Domain, Validity

from .template import APPLICATION_COLUMNS, PROACTIVE_ITEMS

EVIDENCE_TITLES = 5


def row_words() -> dict:
    """Item key -> words of row titles (setting ``ANNUAL_REPORT_ROW_WORDS`` overrides per key)."""
    words = {key: words for key, _label, _article, _measures, words in PROACTIVE_ITEMS}
    words.update(setting("ANNUAL_REPORT_ROW_WORDS", {}) or {})
    return words


def item_rows(organisation) -> dict[str, list]:
    """Item key -> the unit's government rows (with their sub-rows) whose entries the item counts."""
    words = row_words()
    rows = list(CatalogueItemPage.objects.filter(organisation=organisation, domain=Domain.GOVERNMENT))
    found = {}
    for key, keys_words in words.items():
        if not keys_words:
            continue
        mine = [row for row in rows if any(word in row.title for word in keys_words)
                and not any(word in row.title for other, others in words.items() if other != key
                            for word in others if word not in keys_words)]
        if mine:
            paths = [row.path for row in mine]
            found[key] = [row for row in rows if any(row.path.startswith(path) for path in paths)]
    return found


def _entries(organisation, rows):
    return (DisclosurePage.objects.filter(organisation=organisation, catalogue_item__in=rows,
                                          first_published_on__isnull=False, withdrawn_at__isnull=True)
            .annotate(dated=Coalesce("written_on", "first_published_on")))


def _evidence(rows, queryset) -> str:
    titles = list(queryset.order_by("dated", "pk").values_list("title", flat=True)[:EVIDENCE_TITLES + 1])
    names = "、".join(sorted({row.title for row in rows}))
    listed = "；".join(f"《{title}》" for title in titles[:EVIDENCE_TITLES])
    more = "等" if len(titles) > EVIDENCE_TITLES else ""
    return f"目录“{names}”下的条目" + (f"：{listed}{more}" if listed else "：无")


def document_figures(organisation, rows, year: int) -> dict:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    entries = _entries(organisation, rows)
    issued = entries.filter(dated__range=(first, last))
    repealed = entries.filter(validity=Validity.REPEALED, superseded_by__first_published_on__range=(first, last))
    in_force = entries.filter(dated__lte=last).exclude(validity=Validity.EXPIRED).exclude(
        validity=Validity.REPEALED, superseded_by__first_published_on__lte=last)
    return {"values": {"issued": issued.count(), "repealed": repealed.count(), "in_force": in_force.count()},
            "evidence": _evidence(rows, issued)}


def decision_figures(organisation, rows, year: int) -> dict:
    decisions = _entries(organisation, rows).filter(first_published_on__year=year)
    return {"values": {"decisions": decisions.count()}, "evidence": _evidence(rows, decisions)}


def proactive(organisation, year: int) -> dict:
    """Item key -> {"values": {measure: int}, "evidence": str} for what the rows hold."""
    computed = {}
    for key, rows in item_rows(organisation).items():
        measures = next(item[3] for item in PROACTIVE_ITEMS if item[0] == key)
        compute = document_figures if measures[0][0] == "issued" else decision_figures
        computed[key] = compute(organisation, rows, year)
    return computed


def published_count(organisation, year: int) -> int:
    """Entries of the unit's government catalogue first published in the year, proactively, not withdrawn."""
    return DisclosurePage.objects.filter(
        organisation=organisation, domain=Domain.GOVERNMENT, first_published_on__year=year,
        withdrawn_at__isnull=True, disclosure_attribute="proactive").count()


def applications_table(organisation, year: int) -> dict:
    """Table 三 as {"rows": [[key, name, {column: n}]], "source": str}; zeros when the applications app is
    not installed."""
    if not apps.is_installed("applications"):
        names = [("new", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
                 ("results_total", "三、本年度办理结果 （七）总计"), ("carried_forward", "四、结转下年度继续办理")]
        zeros = {column: 0 for column, _name in APPLICATION_COLUMNS}
        return {"rows": [[key, name, dict(zeros)] for key, name in names], "source": "依申请公开模块未安装"}
    from applications.annual_report import table_three

    table = table_three(organisation, year, check=False)
    return {"rows": [[key, name, dict(table.rows[key])] for key, name in table.row_names()],
            "source": f"依申请公开登记的申请（{organisation.name}，{year}年）"}


def compute(organisation, year: int) -> dict:
    """Everything of the report the data holds, as stored in ``AnnualReport.computed``."""
    return {"proactive": proactive(organisation, year), "applications": applications_table(organisation, year),
            "published": published_count(organisation, year)}
