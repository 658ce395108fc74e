"""The entry's body from a report: the template's sections as the existing blocks (rich text with the
section headings, financial tables for the tables of 二, 三 and 四), in the stored JSON form."""

import uuid
from decimal import Decimal
from html import escape

from blocks import ColumnKind
from blocks.numbers import AmountUnit

from .checks import count, money
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICATION_COLUMNS,
    COUNT_UNIT,
    MONEY_UNIT,
    PROACTIVE_ITEMS,
    SECTIONS,
)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def rich_text(heading: str, text: str = "") -> dict:
    return {"type": "rich_text", "value": f"<h2>{escape(heading)}</h2>" + _paragraphs(text)}


def table(caption: str, columns: list[tuple[str, str]], rows: list[list], unit: str = AmountUnit.YUAN) -> dict:
    return {"type": "financial_table", "value": {
        "caption": caption, "unit": unit,
        "columns": [{"heading": heading, "kind": kind} for heading, kind in columns],
        "rows": [[str(cell) for cell in row] for row in rows], "totals_row": []}}


def figure(report, key: str, measure: str):
    computed = report.computed.get("proactive", {}).get(key)
    if computed is not None:
        return computed["values"][measure]
    value = (report.entered.get("proactive", {}).get(key) or {}).get(measure)
    if measure == "amount":
        amount = money(value)
        return f"{(amount or Decimal(0)):.2f}"
    return count(value) or 0


def proactive_tables(report) -> list[dict]:
    """Table 二 in the template's three parts: documents (件), decisions (件), fees (万元)."""
    documents = [item for item in PROACTIVE_ITEMS if item[3][0][0] == "issued"]
    decisions = [item for item in PROACTIVE_ITEMS if item[3][0][0] == "decisions"]
    fees = [item for item in PROACTIVE_ITEMS if item[3][0][0] == "amount"]
    section = SECTIONS["proactive"]
    parts = [table(f"{section}：{documents[0][2]}（单位：{COUNT_UNIT}）",
                   [("信息内容", ColumnKind.TEXT)] + [(name, ColumnKind.INTEGER) for _m, name in documents[0][3]],
                   [[label] + [figure(report, key, measure) for measure, _n in measures]
                    for key, label, _a, measures, _w in documents])]
    parts.append(table(f"{section}：第二十条第（五）项、第（六）项（单位：{COUNT_UNIT}）",
                       [("信息内容", ColumnKind.TEXT), ("本年处理决定数量", ColumnKind.INTEGER)],
                       [[label, figure(report, key, "decisions")] for key, label, _a, _m, _w in decisions]))
    parts.append(table(f"{section}：{fees[0][2]}（单位：{MONEY_UNIT}）",
                       [("信息内容", ColumnKind.TEXT), ("本年收费金额", ColumnKind.AMOUNT)],
                       [[label, figure(report, key, "amount")] for key, label, _a, _m, _w in fees],
                       unit=AmountUnit.TEN_THOUSAND_YUAN))
    return parts


def applications_rows(report) -> list[list]:
    return [[name] + [values.get(column, 0) for column, _n in APPLICATION_COLUMNS]
            for _key, name, values in report.computed.get("applications", {}).get("rows", [])]


def appeals_rows(report) -> list[list]:
    entered = report.entered.get("appeals", {})
    return [[name] + [count((entered.get(group) or {}).get(column)) or 0 for column, _n in APPEAL_COLUMNS]
            for group, name in APPEAL_GROUPS]


def stream(report) -> list[dict]:
    """The body as raw StreamField data (every block with an id)."""
    blocks = [rich_text(SECTIONS["overview"], report.overview), rich_text(SECTIONS["proactive"])]
    blocks += proactive_tables(report)
    blocks.append(table(f"{SECTIONS['applications']}（单位：{COUNT_UNIT}）",
                        [("项目", ColumnKind.TEXT)] + [(name, ColumnKind.INTEGER) for _c, name in APPLICATION_COLUMNS],
                        applications_rows(report)))
    blocks.append(table(f"{SECTIONS['appeals']}（单位：{COUNT_UNIT}）",
                        [("项目", ColumnKind.TEXT)] + [(name, ColumnKind.INTEGER) for _c, name in APPEAL_COLUMNS],
                        appeals_rows(report)))
    blocks.append(rich_text(SECTIONS["problems"], report.problems or "无。"))
    blocks.append(rich_text(SECTIONS["other_matters"], report.other_matters or "无。"))
    for block in blocks:
        block["id"] = str(uuid.uuid4())
    return blocks
