"""The yearly disclosures every government body makes: the 政府信息公开工作年度报告 and the budget and
final accounts (部门预算, 部门决算) with their 三公经费."""

import datetime

from blocks import ColumnKind, ExpenseStage
from cms.models import Domain, Topic

from cms.demo.body import (
    FileSpec,
    amount,
    attachments,
    financial_table,
    money,
    public_expenses,
    rich_text,
)
from cms.demo.files import Sheet
from .organisations import UNITS
from .plan import EntrySpec, Planner, government_name

TOWNSHIPS = tuple(s.key for s in UNITS if s.level == "township")


def annual_report(planner: Planner, key: str, year: int, due_month: int) -> None:
    """政府信息公开工作年度报告 for ``year``: departments by 31 January, governments by 31 March (条例 §49).

    Only the entry is planned here (its row, title and date); its content is generated from the demo's data by
    the annual reports app (annual_reports/demo.py, a ``load_demo_stage`` hook), which writes the template's
    sections and tables as a new revision of this entry."""
    name = government_name(key)
    published = planner.day(year + 1, due_month, planner.rng.randint(15, 27))
    planner.add(EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"annual-report-{year}", row=("年度报告", "年报"),
        title=f"{name}{year}年政府信息公开工作年度报告",
        summary=f"{name}{year}年政府信息公开工作情况。",
        planned_on=published, topic=Topic.OTHER, keywords="年度报告,政府信息公开", period_covered=f"{year}年",
        written_on=published - datetime.timedelta(days=3),
        body=[rich_text("本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室有关格式要求编制。",
                        heading="一、总体情况")],
    ))


def _budget_tables(planner: Planner, scale: int) -> tuple[list[list], list[list]]:
    general = planner.amount(scale, scale * 3) / 100
    other = planner.amount(0, scale // 5 + 1) / 100
    basic = round(general * planner.rng.uniform(0.55, 0.75), 2)
    income = [["一般公共预算拨款收入", general], ["其他收入", other]]
    spending = [["基本支出", basic], ["项目支出", round(general + other - basic, 2)]]
    return income, spending


def _expense_figures(planner: Planner, scale: float) -> dict:
    return {
        "overseas_travel": 0,
        "vehicle_purchase": 0 if planner.rng.random() < 0.8 else round(planner.rng.uniform(10, 25) * scale, 2),
        "vehicle_operation": round(planner.rng.uniform(3, 12) * scale, 2),
        "official_reception": round(planner.rng.uniform(0.5, 4) * scale, 2),
    }


def budget(planner: Planner, key: str, year: int, always: bool = False) -> None:
    name = government_name(key)
    published = planner.day(year, 2, planner.rng.randint(16, 27))
    income, spending = _budget_tables(planner, 150000 if key in TOWNSHIPS else 60000)
    budget = _expense_figures(planner, 1.5 if key in TOWNSHIPS else 1)
    total = sum(budget.values())
    title = f"{name}{year}年部门预算公开"
    sheet = Sheet(("项目", "预算数（万元）"), tuple((label, amount(value)) for label, value in income + spending))
    planner.add(EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"budget-{year}", row=("部门预决算", "预算"),
        title=title, always=always,
        summary=f"{name}{year}年收支预算{money(sum(v for _l, v in income))}万元，"
                f"“三公”经费预算{money(total)}万元。",
        planned_on=published, topic=Topic.FINANCE, keywords="部门预算,三公经费,预算公开", period_covered=f"{year}年",
        written_on=published - datetime.timedelta(days=5),
        body=[
            rich_text(f"根据预算公开有关规定，现将{name}{year}年部门预算公开如下。", heading="部门预算说明"),
            financial_table(f"{year}年收入预算", [("项目", ColumnKind.TEXT), ("预算数", ColumnKind.AMOUNT)], income,
                            unit="ten_thousand_yuan"),
            financial_table(f"{year}年支出预算", [("项目", ColumnKind.TEXT), ("预算数", ColumnKind.AMOUNT)], spending,
                            unit="ten_thousand_yuan"),
            public_expenses(year, ExpenseStage.BUDGET, budget,
                            explanation="严格执行中央八项规定精神，“三公”经费预算与上年持平或下降；"
                                        "本年度无因公出国（境）计划。"),
            attachments(FileSpec(f"{title}表格", "xlsx", sheet=sheet),
                        FileSpec(f"{title}说明", "pdf", lines=(title, "一、部门基本情况", "二、收支预算情况",
                                                              f"三、“三公”经费预算{money(total)}万元"))),
        ],
    ))


def final_accounts(planner: Planner, key: str, year: int, always: bool = False) -> None:
    name = government_name(key)
    published = planner.day(year + 1, 9, planner.rng.randint(1, 20))
    budget = _expense_figures(planner, 1.5 if key in TOWNSHIPS else 1)
    actual = {item: round(value * planner.rng.uniform(0.7, 1.0), 2) for item, value in budget.items()}
    income, spending = _budget_tables(planner, 150000 if key in TOWNSHIPS else 60000)
    title = f"{name}{year}年度部门决算公开"
    planner.add(EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"final-accounts-{year}", row=("部门预决算", "决算"),
        title=title, always=always,
        summary=f"{name}{year}年度收支决算及“三公”经费支出情况，“三公”经费实际支出{money(sum(actual.values()))}万元。",
        planned_on=published, topic=Topic.FINANCE, keywords="部门决算,三公经费,决算公开", period_covered=f"{year}年度",
        written_on=published - datetime.timedelta(days=6),
        body=[
            rich_text(f"现将{name}{year}年度部门决算公开如下。", heading="部门决算说明"),
            financial_table(f"{year}年度收入支出决算总表",
                            [("项目", ColumnKind.TEXT), ("决算数", ColumnKind.AMOUNT)], income + spending,
                            unit="ten_thousand_yuan", totals=False),
            public_expenses(year, ExpenseStage.FINAL_ACCOUNTS, budget, actual,
                            explanation="“三公”经费支出低于预算，主要是压减公务接待和公务用车运行支出。"),
        ],
    ))
