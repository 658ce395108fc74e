"""Financial tables (财务公开表格): typed columns, rows of cells and a totals row (合计) that must add up."""

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


class FinancialTableValue(blocks.StructValue):
    """A financial table as stored; the helpers give typed values for the API and templates."""

    def column_specs(self) -> list[FinancialColumn]:
        return [FinancialColumn(column.get("heading") or "", column.get("kind") or ColumnKind.TEXT)
                for column in self.get("columns") or []]

    @property
    def unit_label(self) -> str:
        """The unit of amount as shown to readers (元 / 万元 once translated)."""
        unit = self.get("unit")
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

        totals_errors, totals_non_block = {}, []
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
                self._check_totals(columns, typed_rows, given, totals_errors)

        errors = {}
        if row_errors or rows_non_block:
            errors["rows"] = ListBlockValidationError(block_errors=row_errors, non_block_errors=rows_non_block)
        if totals_errors or totals_non_block:
            errors["totals_row"] = ListBlockValidationError(block_errors=totals_errors,
                                                            non_block_errors=totals_non_block)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

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
    def _check_totals(columns, typed_rows, given, errors) -> None:
        for index, column in enumerate(columns):
            if not column.is_summed or index in errors:
                continue
            expected = sum((row[index] for row in typed_rows if row[index] is not None),
                           Decimal(0) if column.kind == ColumnKind.AMOUNT else 0)
            places = 0 if column.kind == ColumnKind.INTEGER else _places(expected, given[index] or Decimal(0))
            if given[index] is None:
                errors[index] = ValidationError(
                    MESSAGES["total_missing"], code="total_missing",
                    params={"column": column.heading, "expected": format_number(expected, places)},
                )
            elif given[index] != expected:
                errors[index] = ValidationError(
                    MESSAGES["total_mismatch"], code="total_mismatch",
                    params={"column": column.heading, "expected": format_number(expected, places),
                            "given": format_number(given[index], places)},
                )

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        content = [value.get("caption") or ""]
        content.extend(column.heading for column in value.column_specs())
        for row in value.get("rows") or []:
            content.extend(_stored_text(cell) for cell in row)
        content.extend(_stored_text(cell) for cell in value.get("totals_row") or [])
        return [text.strip() for text in content if text and text.strip()]
