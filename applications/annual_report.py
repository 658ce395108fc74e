"""Table 三 of the annual report (国办公开办函〔2021〕30号): 收到和处理政府信息公开申请情况, for a unit and a year
(docs/applications.md §7). Rows: 一 new this year, 二 carried over, 三 every result row and 总计, 四 carried
into next year; columns: 自然人, the five kinds of legal persons, 总计. Checked: 一 + 二 = 三 + 四.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from .choices import OUTCOME_ROW_NAMES, ApplicantType, OrganisationKind, Outcome
from .models import Application

COLUMNS = ["natural_person", *OrganisationKind.values, "total"]
COLUMN_NAMES = {"natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
                "public_interest": "社会公益组织", "legal_services": "法律服务机构", "other": "其他", "total": "总计"}


class TableCheckFailed(AssertionError):
    pass


@dataclass
class TableThree:
    organisation: object
    year: int
    rows: dict = field(default_factory=dict)  # key -> {column: count}; keys: new, carried_over, outcome values, results_total, carried_forward

    def row_names(self) -> list[tuple[str, str]]:
        """(key, the template's wording) in the template's order."""
        return ([("new", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]
                + [(value, "三、本年度办理结果 " + OUTCOME_ROW_NAMES[value]) for value in Outcome.values]
                + [("results_total", "三、本年度办理结果 （七）总计"), ("carried_forward", "四、结转下年度继续办理")])

    def check(self) -> None:
        """一 + 二 = 三 + 四 in every column; raises TableCheckFailed naming the column otherwise."""
        for column in COLUMNS:
            left = self.rows["new"][column] + self.rows["carried_over"][column]
            right = self.rows["results_total"][column] + self.rows["carried_forward"][column]
            if left != right:
                raise TableCheckFailed(f"{COLUMN_NAMES[column]}: 一+二={left} ≠ 三+四={right}")


def _column(application) -> str:
    if application.applicant_type == ApplicantType.NATURAL_PERSON:
        return "natural_person"
    return application.organisation_kind or OrganisationKind.OTHER


def _count(applications) -> dict:
    counts = dict.fromkeys(COLUMNS, 0)
    for application in applications:
        counts[_column(application)] += 1
        counts["total"] += 1
    return counts


def table_three(organisation, year: int, check: bool = True) -> TableThree:
    """The table for ``organisation``'s own applications in ``year``: an application counts as concluded on
    the day it got its outcome (reply, transfer, withdrawal, deemed withdrawal)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    mine = Application.objects.filter(organisation=organisation).only(
        "applicant_type", "organisation_kind", "received_on", "concluded_on", "outcome")
    not_concluded_before = Q(concluded_on__isnull=True) | Q(concluded_on__gte=first)
    table = TableThree(organisation, year)
    table.rows["new"] = _count(mine.filter(received_on__range=(first, last)))
    table.rows["carried_over"] = _count(mine.filter(not_concluded_before, received_on__lt=first))
    concluded = list(mine.filter(concluded_on__range=(first, last)))
    for outcome in Outcome.values:
        table.rows[outcome] = _count(a for a in concluded if a.outcome == outcome)
    table.rows["results_total"] = _count(concluded)
    table.rows["carried_forward"] = _count(
        mine.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=last), received_on__lte=last))
    if check:
        table.check()
    return table
