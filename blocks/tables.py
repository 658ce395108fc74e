"""Financial tables (财务公开表格): typed columns, rows of cells and a totals row (合计) that must add up."""

import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import ListBlockValidationError, StructBlockValidationError
from wagtail.blocks.list_block import ListValue

from .numbers import AmountUnit, format_number, parse_decimal

__all__ = [
    "ColumnKind",
    "FinancialColumn",
    "FinancialColumnBlock",
    "FinancialTableBlock",
    "FinancialTableValue",
    "TotalProblem",
    "parse_cell",
]


class ColumnKind(models.TextChoices):
    """What a column holds; numbers are stored as decimal strings and read as Decimal or int."""

    TEXT = "text", _("text")
    AMOUNT = "amount", _("amount")
    INTEGER = "integer", _("whole number")
    PERCENT = "percent", _("percentage")


# Columns whose totals cell must equal the sum of the rows. Percentages are ratios (占比, 增长率):
# their totals cell must be a number but is never compared with a sum.
SUMMED_KINDS = frozenset({ColumnKind.AMOUNT, ColumnKind.INTEGER})
NUMERIC_KINDS = SUMMED_KINDS | {ColumnKind.PERCENT}

MESSAGES = {
    "not_a_number": _("Row %(row)s, column “%(column)s”: “%(value)s” is not a number."),
    "not_whole": _("Row %(row)s, column “%(column)s”: “%(value)s” is not a whole number."),
    "cell_count": _("Row %(row)s has %(count)s cells but the table has %(columns)s columns."),
    "total_not_a_number": _("Totals row, column “%(column)s”: “%(value)s” is not a number."),
    "total_not_whole": _("Totals row, column “%(column)s”: “%(value)s” is not a whole number."),
    "total_cell_count": _("The totals row has %(count)s cells but the table has %(columns)s columns."),
    "total_missing": _("Totals row, column “%(column)s”: the total is missing; the rows add up to %(expected)s."),
    "total_mismatch": _("Totals row, column “%(column)s”: should be %(expected)s, but %(given)s was entered."),
    "no_rows": _("The table has no row with content."),
}
ROW_WITH_LABEL = _("%(number)s (%(label)s)")
# One sentence per wrong total that names the table: the warning after a draft is saved, the summary above the
# grid and the refusal on submit say the same (docs/editors.md, 财务表格).
TABLE_MESSAGES = {
    "total_missing": _("Financial table “%(table)s”, column “%(column)s”: the total is missing; "
                       "the rows add up to %(expected)s."),
    "total_mismatch": _("Financial table “%(table)s”, column “%(column)s”: the rows add up to %(expected)s, "
                        "but the totals row says %(given)s."),
}
UNTITLED_TABLE = _("(no caption)")
# The grid editor posts the whole table as one JSON field under the block's prefix (blocks/table_widget.py).
GRID_FIELD = "%s-grid"


@dataclass(frozen=True)
class FinancialColumn:
    """One column of a financial table: its heading and the kind of value its cells hold."""

    heading: str
    kind: str

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_summed(self) -> bool:
        """True when the totals cell of this column must equal the sum of its rows."""
        return self.kind in SUMMED_KINDS


@dataclass(frozen=True)
class TotalProblem:
    """A summed column whose totals cell differs from the sum of its rows (or is blank while others are not)."""

    table: str
    column: str
    code: str  # total_missing | total_mismatch
    expected: str  # formatted as in the messages, e.g. "1,234.50"
    given: str

    @property
    def message(self) -> str:
        return TABLE_MESSAGES[self.code] % {"table": self.table or UNTITLED_TABLE, "column": self.column,
                                            "expected": self.expected, "given": self.given}


class CellError(ValueError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_cell(kind: str, text) -> str | Decimal | int | None:
    """Return the typed value of one cell, None when blank; raise CellError for a non-number in a numeric column.

    text → str; amount and percent → Decimal (percent in percentage points, "12.5%" → 12.5);
    integer → int. Thousands separators and full-width digits are accepted.
    """
    if text is None:
        return None
    if kind not in NUMERIC_KINDS:
        return str(text).strip() or None
    if isinstance(text, (Decimal, int)):
        number = Decimal(text)
    else:
        cleaned = unicodedata.normalize("NFKC", str(text)).strip()
        if kind == ColumnKind.PERCENT and cleaned.endswith("%"):
            cleaned = cleaned[:-1].strip()
            if not cleaned:
                raise CellError("not_a_number")
        try:
            number = parse_decimal(cleaned)
        except ValueError:
            raise CellError("not_a_number") from None
        if number is None:
            return None
    if kind == ColumnKind.INTEGER:
        if number != number.to_integral_value():
            raise CellError("not_whole")
        return int(number)
    return number


def _stored_text(value) -> str:
    return "" if value is None else str(value)


def _typed_or_none(kind: str, text):
    try:
        return parse_cell(kind, text)
    except CellError:
        return None


def _places(*numbers: Decimal) -> int:
    exponents = [n.as_tuple().exponent for n in numbers if isinstance(n, Decimal)]
    return max([2] + [-e for e in exponents if isinstance(e, int)])


def _total_problem(column: FinancialColumn, cells, given):
    """(code, expected, given) formatted for messages when the totals cell of a summed column is wrong, else None."""
    expected = sum((cell for cell in cells if cell is not None), Decimal(0) if column.kind == ColumnKind.AMOUNT else 0)
    places = 0 if column.kind == ColumnKind.INTEGER else _places(expected, given or Decimal(0))
    if given is None:
        return "total_missing", format_number(expected, places), ""
    if given != expected:
        return "total_mismatch", format_number(expected, places), format_number(given, places)
    return None


class FinancialTableValue(blocks.StructValue):
    """A financial table as stored; the helpers give typed values for the API and templates."""

    def column_specs(self) -> list[FinancialColumn]:
        return [FinancialColumn(column.get("heading") or "", column.get("kind") or ColumnKind.TEXT)
                for column in self.get("columns") or []]

    @property
    def unit_label(self) -> str:
        """The unit of amount as shown to readers (元 / 万元 once translated); empty for a table without an
        amount column (counts and percentages have no unit of amount: a count table never reads 单位：元)."""
        unit = self.get("unit")
        if not any(column.kind == ColumnKind.AMOUNT for column in self.column_specs()):
            return ""
        return str(AmountUnit(unit).label) if unit in AmountUnit.values else ""

    def typed_rows(self) -> list[list]:
        """The body rows, each a list aligned with column_specs(): str, Decimal, int or None (blank)."""
        columns = self.column_specs()
        return [
            [_typed_or_none(column.kind, text) for column, text in zip(columns, row)]
            for row in self.get("rows") or []
        ]

    @property
    def has_totals_row(self) -> bool:
        return any(_stored_text(cell).strip() for cell in self.get("totals_row") or [])

    def given_totals(self) -> list | None:
        """The totals row as entered (typed like typed_rows()), or None when the table has no totals row."""
        if not self.has_totals_row:
            return None
        columns = self.column_specs()
        return [_typed_or_none(column.kind, text) for column, text in zip(columns, self["totals_row"])]

    def total_problems(self) -> list[TotalProblem]:
        """The wrong totals of this table as saved (a draft may hold them); empty when every summed column adds
        up, when the table has no totals row, or while a cell of a summed column is not a number (that is
        reported on the cell)."""
        given = self.given_totals()
        if given is None:
            return []
        columns = self.column_specs()
        problems = []
        for index, column in enumerate(columns):
            if not column.is_summed or index >= len(given):
                continue
            try:
                cells = [parse_cell(column.kind, row[index] if index < len(row) else None)
                         for row in self.get("rows") or []]
                if given[index] is None:
                    parse_cell(column.kind, self["totals_row"][index])
            except CellError:
                continue
            problem = _total_problem(column, cells, given[index])
            if problem:
                code, expected, entered = problem
                problems.append(TotalProblem(self.get("caption") or "", column.heading, code, expected, entered))
        return problems

    def totals(self) -> list:
        """Computed totals aligned with column_specs(): the sum of the rows for amount and integer columns,
        None for text and percentage columns. Equal to given_totals() on a validated table."""
        columns = self.column_specs()
        sums = [Decimal(0) if column.kind == ColumnKind.AMOUNT else 0 if column.is_summed else None
                for column in columns]
        for row in self.typed_rows():
            for index, cell in enumerate(row):
                if sums[index] is not None and cell is not None:
                    sums[index] += cell
        return sums


def _text(value, limit=10000) -> str:
    return value[:limit] if isinstance(value, str) else "" if value is None else str(value)[:limit]


def _item(value, item_id):
    return {"type": "item", "value": value, "id": item_id if isinstance(item_id, str) and item_id else None}


def grid_to_raw(posted) -> dict:
    """The table as stored (ListBlock items with their ids) from the grid editor's JSON; anything malformed
    reads as an empty table, which validation then refuses with its own message (never a 500)."""
    try:
        grid = json.loads(posted or "{}")
    except (ValueError, RecursionError):
        grid = {}
    if not isinstance(grid, dict):
        grid = {}

    def listed(name):
        found = grid.get(name)
        return found if isinstance(found, list) else []

    columns = [column if isinstance(column, dict) else {} for column in listed("columns")]
    rows = [row if isinstance(row, dict) else {} for row in listed("rows")]
    unit = grid.get("unit")
    return {
        "caption": _text(grid.get("caption")),
        "unit": unit if unit in AmountUnit.values else AmountUnit.YUAN,
        "columns": [_item({"heading": _text(column.get("heading")),
                           "kind": column.get("kind") if column.get("kind") in ColumnKind.values else ColumnKind.TEXT},
                          column.get("id"))
                    for column in columns],
        "rows": [_item([_text(cell) for cell in (row.get("cells") if isinstance(row.get("cells"), list) else [])],
                       row.get("id"))
                 for row in rows],
        "totals_row": [_text(cell) for cell in listed("totals_row")],
    }


class FinancialColumnBlock(blocks.StructBlock):
    """A column definition: heading (e.g. 支出) and kind."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=100)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=ColumnKind.choices, default=ColumnKind.TEXT)

    class Meta:
        label = _("Column")
        icon = "grip"
        label_format = "{heading}"


class FinancialTableBlock(blocks.StructBlock):
    """A financial table (收支明细, 预决算表, 村级财务月报).

    Rule: for every amount or whole-number column the totals row must equal the exact sum of the rows;
    every cell of a numeric column must be a number. Blank rows are dropped; numbers are stored without
    thousands separators. The totals comparison is deferred when saving a draft (checked on publish).
    """

    caption = blocks.CharBlock(label=_("Caption"), max_length=200,
                               help_text=_("What the table shows, e.g. the account and the period."))
    unit = blocks.ChoiceBlock(label=_("Unit of amount"), choices=AmountUnit.choices, default=AmountUnit.YUAN)
    columns = blocks.ListBlock(
        FinancialColumnBlock(), min_num=1, label=_("Columns"),
        help_text=_("The columns in order. Amount and whole-number columns are added up in the totals row."),
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(required=False, max_length=255, label=_("Cell")), label=_("Row")),
        min_num=1, label=_("Rows"),
        help_text=_("One cell per column, in column order. Amounts may be typed with thousands separators "
                    "(1,234.50); percentages with or without %."),
    )
    totals_row = blocks.ListBlock(
        blocks.CharBlock(required=False, max_length=255, label=_("Cell")), default=[], label=_("Totals row"),
        help_text=_("One cell per column, in column order, e.g. “Total” in the first column. "
                    "Leave empty for a table without totals."),
    )

    class Meta:
        label = _("Financial table")
        icon = "table"
        value_class = FinancialTableValue

    def clean(self, value):
        value = super().clean(value)
        columns = value.column_specs()
        if not columns:
            return value

        row_errors, kept_rows, typed_rows = {}, [], []
        for index, row in enumerate(value["rows"].bound_blocks):
            if not any(_stored_text(cell).strip() for cell in row.value):
                continue
            kept_rows.append(row)
            row_name = self._row_name(index, row.value, columns)
            if len(row.value) != len(columns):
                row_errors[index] = ListBlockValidationError(non_block_errors=[ValidationError(
                    MESSAGES["cell_count"], code="cell_count",
                    params={"row": row_name, "count": len(row.value), "columns": len(columns)},
                )])
                continue
            cell_errors, typed = self._clean_cells(row.value, columns, "", {"row": row_name})
            if cell_errors:
                row_errors[index] = ListBlockValidationError(block_errors=cell_errors)
            typed_rows.append(typed)
        value["rows"] = ListValue(self.child_blocks["rows"], bound_blocks=kept_rows)
        rows_non_block = [] if kept_rows or self.is_deferred_validation else [
            ValidationError(MESSAGES["no_rows"], code="no_rows")]

        totals_errors, totals_non_block, summary = {}, [], []
        totals_row = value["totals_row"]
        if not value.has_totals_row:
            value["totals_row"] = ListValue(self.child_blocks["totals_row"], values=[])
        elif len(totals_row) != len(columns):
            totals_non_block.append(ValidationError(
                MESSAGES["total_cell_count"], code="total_cell_count",
                params={"count": len(totals_row), "columns": len(columns)},
            ))
        else:
            totals_errors, given = self._clean_cells(totals_row, columns, "total_", {})
            if not row_errors and not self.is_deferred_validation:
                summary = self._check_totals(value.get("caption") or "", columns, typed_rows, given, totals_errors)

        errors = {}
        if row_errors or rows_non_block:
            errors["rows"] = ListBlockValidationError(block_errors=row_errors, non_block_errors=rows_non_block)
        if totals_errors or totals_non_block:
            errors["totals_row"] = ListBlockValidationError(block_errors=totals_errors,
                                                            non_block_errors=totals_non_block)
        if errors:
            raise StructBlockValidationError(block_errors=errors, non_block_errors=summary)
        return value

    # The grid editor (blocks/table_widget.py) edits the whole table as one JSON document; the value it
    # posts is read back into the same StructValue, so the stored format does not change.

    def get_form_state(self, value):
        value = self.normalize(value) if value is not None else self.get_default()
        columns = value.get("columns") or []
        return {
            "caption": value.get("caption") or "",
            "unit": value.get("unit") or AmountUnit.YUAN,
            "columns": [{"id": child.id, "heading": child.value.get("heading") or "",
                         "kind": child.value.get("kind") or ColumnKind.TEXT}
                        for child in getattr(columns, "bound_blocks", [])],
            "rows": [{"id": child.id, "cells": [_stored_text(cell) for cell in child.value]}
                     for child in getattr(value.get("rows") or [], "bound_blocks", [])],
            "totals_row": [_stored_text(cell) for cell in value.get("totals_row") or []],
        }

    def value_from_datadict(self, data, files, prefix):
        if (GRID_FIELD % prefix) not in data:  # posted by the plain StructBlock form (no grid)
            return super().value_from_datadict(data, files, prefix)
        return self.to_python(grid_to_raw(data.get(GRID_FIELD % prefix)))

    def value_omitted_from_data(self, data, files, prefix):
        return (GRID_FIELD % prefix) not in data and super().value_omitted_from_data(data, files, prefix)

    @staticmethod
    def _row_name(index: int, cells, columns: list[FinancialColumn]) -> str:
        """The row as editors see it: its number, and its first text cell when there is one ("3 (办公费)")."""
        number = str(index + 1)
        for column, cell in zip(columns, cells):
            if column.kind == ColumnKind.TEXT and _stored_text(cell).strip():
                return ROW_WITH_LABEL % {"number": number, "label": _stored_text(cell).strip()}
        return number

    @staticmethod
    def _clean_cells(cells: ListValue, columns, code_prefix: str, params: dict):
        """Parse one row's cells in place (stored canonically); return (errors by cell index, typed values)."""
        errors, typed = {}, []
        for index, (column, cell) in enumerate(zip(columns, cells.bound_blocks)):
            try:
                parsed = parse_cell(column.kind, cell.value)
            except CellError as error:
                errors[index] = ValidationError(
                    MESSAGES[code_prefix + error.code], code=code_prefix + error.code,
                    params={**params, "column": column.heading, "value": _stored_text(cell.value).strip()},
                )
                typed.append(None)
                continue
            cell.value = _stored_text(parsed)
            typed.append(parsed)
        return errors, typed

    @staticmethod
    def _check_totals(caption, columns, typed_rows, given, errors) -> list:
        """Add an error to each wrong totals cell; return the table-named messages for the summary."""
        summary = []
        for index, column in enumerate(columns):
            if not column.is_summed or index in errors:
                continue
            problem = _total_problem(column, [row[index] for row in typed_rows], given[index])
            if problem is None:
                continue
            code, expected, entered = problem
            errors[index] = ValidationError(
                MESSAGES[code], code=code, params={"column": column.heading, "expected": expected, "given": entered})
            summary.append(ValidationError(TotalProblem(caption, column.heading, code, expected, entered).message,
                                           code=code))
        return summary

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        content = [value.get("caption") or ""]
        content.extend(column.heading for column in value.column_specs())
        for row in value.get("rows") or []:
            content.extend(_stored_text(cell) for cell in row)
        content.extend(_stored_text(cell) for cell in value.get("totals_row") or [])
        return [text.strip() for text in content if text and text.strip()]
