"""Raw StreamField values for every block of an entry body (blocks.DisclosureBodyBlock).

Values are built in the stored JSON form; attachments and photos are described by FileSpec and
PhotoSpec and become documents and images when the entry is created. Totals of financial tables
are computed here, so every table passes the block's "totals add up" rule.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from blocks import EXPENSE_ITEMS, ColumnKind, ExpenseStage

from .files import Sheet

TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class FileSpec:
    """An attachment to make: a PDF of lines, a DOCX of paragraphs (and a table) or an XLSX of a sheet."""

    title: str
    kind: str  # pdf, docx, xlsx
    lines: tuple[str, ...] = ()
    sheet: Sheet | None = None


@dataclass(frozen=True)
class PhotoSpec:
    title: str
    caption: str
    seed: int


@dataclass
class BlockSpec:
    """One body block: its stream name and raw value (FileSpec / PhotoSpec lists for files)."""

    type: str
    value: object
    files: list = field(default_factory=list)


CENT = Decimal("0.01")


def amount(value) -> str:
    """An amount as the financial blocks store it: a plain decimal string with two places."""
    return str(Decimal(str(value)).quantize(CENT))


def money(value) -> str:
    """An amount as readers see it in running text: thousands separators, two places (1,234.50)."""
    return f"{Decimal(str(value)):,.2f}"


def rich_text(*paragraphs: str, heading: str = "") -> BlockSpec:
    html = f"<h2>{escape(heading)}</h2>" if heading else ""
    html += "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return BlockSpec("rich_text", html)


def rich_text_list(intro: str, items: list[str]) -> BlockSpec:
    html = f"<p>{escape(intro)}</p><ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"
    return BlockSpec("rich_text", html)


def financial_table(caption: str, columns: list[tuple[str, str]], rows: list[list], unit: str = "yuan",
                    totals: bool = True) -> BlockSpec:
    """A table whose totals row ("合计") is the exact sum of every amount and integer column."""
    cells = [[_cell(kind, value) for (_heading, kind), value in zip(columns, row)] for row in rows]
    totals_row = []
    if totals:
        for index, (_heading, kind) in enumerate(columns):
            given = [row[index] for row in cells if row[index]]
            if kind == ColumnKind.AMOUNT:
                totals_row.append(amount(sum((Decimal(value) for value in given), Decimal(0))))
            elif kind == ColumnKind.INTEGER:
                totals_row.append(str(sum(int(value) for value in given)))
            else:
                totals_row.append(TOTAL_LABEL if index == 0 else "")
    return BlockSpec("financial_table", {
        "caption": caption,
        "unit": unit,
        "columns": [{"heading": heading, "kind": kind} for heading, kind in columns],
        "rows": cells,
        "totals_row": totals_row,
    })


def _cell(kind: str, value) -> str:
    if value is None or value == "":
        return ""
    if kind == ColumnKind.AMOUNT:
        return amount(value)
    return str(value)


def public_expenses(year: int, stage: str, budget: dict, actual: dict | None = None,
                    explanation: str = "") -> BlockSpec:
    """三公经费 in 万元; final accounts give every actual amount, a budget gives none."""
    if stage == ExpenseStage.FINAL_ACCOUNTS and not actual:
        raise ValueError("Final accounts need actual amounts.")
    value = {"year": year, "stage": stage, "unit": "ten_thousand_yuan", "explanation": explanation}
    for name in EXPENSE_ITEMS:
        value[name] = {
            "budget": amount(budget[name]),
            "actual": amount(actual[name]) if actual else None,
        }
    return BlockSpec("public_expenses", value)


def person_list(title: str, explanation: str, people: list[dict]) -> BlockSpec:
    """People of a notice: name, gender (male/female), birth_month (YYYY-MM), education, posts."""
    return BlockSpec("person_list", {"title": title, "explanation": explanation, "people": people})


def key_facts(*facts: tuple[str, str]) -> BlockSpec:
    return BlockSpec("key_facts", [{"label": label, "value": value} for label, value in facts])


def legal_basis(source: str, article: str, quote: str) -> BlockSpec:
    return BlockSpec("legal_basis", {"source": source, "article": article, "quote": quote})


def attachments(*files: FileSpec) -> BlockSpec:
    return BlockSpec("attachments", None, list(files))


def gallery(*photos: PhotoSpec) -> BlockSpec:
    return BlockSpec("gallery", None, list(photos))
