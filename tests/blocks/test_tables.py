"""Financial tables: typed cells, the checked totals row, value helpers, search text."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from blocks import ColumnKind, FinancialColumn, FinancialTableBlock, iter_block_errors, parse_cell
from blocks.tables import CellError

pytestmark = pytest.mark.usefixtures("english")  # messages as written (tests/blocks/conftest.py)


@pytest.fixture
def block():
    return FinancialTableBlock()


def table(rows, totals=None, columns=None, unit="yuan"):
    return {
        "caption": "2026年第三季度村级财务收支明细",
        "unit": unit,
        "columns": columns or [
            {"heading": "项目", "kind": "text"},
            {"heading": "收入", "kind": "amount"},
            {"heading": "支出", "kind": "amount"},
            {"heading": "笔数", "kind": "integer"},
            {"heading": "占比", "kind": "percent"},
        ],
        "rows": rows,
        "totals_row": totals if totals is not None else [],
    }


ROWS = [
    ["办公费", "0", "1,000.25", "3", "81%"],
    ["会议费", "500", "234.25", "2", "19"],
]
TOTALS = ["合计", "500.00", "1234.50", "5", "100%"]


def errors_of(excinfo):
    return list(iter_block_errors(excinfo.value))


def test_correct_totals_are_accepted_and_numbers_stored_canonically(block):
    value = block.clean(block.to_python(table(ROWS, TOTALS)))

    assert [list(row) for row in value["rows"]] == [
        ["办公费", "0", "1000.25", "3", "81"],
        ["会议费", "500", "234.25", "2", "19"],
    ]
    assert list(value["totals_row"]) == ["合计", "500.00", "1234.50", "5", "100"]


def test_wrong_total_is_refused_naming_the_cell(block):
    totals = ["合计", "500.00", "1,200.00", "5", ""]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(ROWS, totals)))

    assert errors_of(excinfo) == [
        ((), "Financial table “2026年第三季度村级财务收支明细”, column “支出”: the rows add up to 1,234.50, "
             "but the totals row says 1,200.00."),
        (("totals_row", 2), "Totals row, column “支出”: should be 1,234.50, but 1,200.00 was entered."),
    ]
    error = excinfo.value.block_errors["totals_row"].block_errors[2]
    assert error.code == "total_mismatch"
    assert error.params["expected"] == "1,234.50"


def test_total_must_be_exact(block):
    totals = ["合计", "500.00", "1234.51", "5", ""]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(ROWS, totals)))
    assert [path for path, _ in errors_of(excinfo)] == [(), ("totals_row", 2)]


def test_missing_total_of_a_summed_column_is_refused(block):
    totals = ["合计", "500", "1234.50", "", ""]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(ROWS, totals)))
    assert errors_of(excinfo) == [
        ((), "Financial table “2026年第三季度村级财务收支明细”, column “笔数”: the total is missing; "
             "the rows add up to 5."),
        (("totals_row", 3), "Totals row, column “笔数”: the total is missing; the rows add up to 5."),
    ]


def test_non_numeric_cell_is_refused_naming_row_and_column(block):
    rows = [ROWS[0], ["会议费", "五百", "234.25", "2", ""]]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(rows, TOTALS)))
    assert errors_of(excinfo) == [
        (("rows", 1, 1), "Row 2 (会议费), column “收入”: “五百” is not a number."),
    ]


def test_row_without_text_is_named_by_number(block):
    columns = [{"heading": "金额", "kind": "amount"}]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table([["1"], ["1.2.3"]], columns=columns)))
    assert errors_of(excinfo) == [(("rows", 1, 0), "Row 2, column “金额”: “1.2.3” is not a number.")]


def test_fraction_in_whole_number_column_is_refused(block):
    rows = [["办公费", "0", "1000.25", "2.5", ""], ROWS[1]]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(rows)))
    assert errors_of(excinfo) == [
        (("rows", 0, 3), "Row 1 (办公费), column “笔数”: “2.5” is not a whole number."),
    ]


def test_non_numeric_total_is_refused(block):
    totals = ["合计", "500", "1234.50", "5", "about half"]
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(ROWS, totals)))
    assert errors_of(excinfo) == [
        (("totals_row", 4), "Totals row, column “占比”: “about half” is not a number."),
    ]


def test_rows_and_totals_must_have_one_cell_per_column(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table([ROWS[0], ["会议费", "500"]], ["合计", "500"])))
    assert errors_of(excinfo) == [
        (("rows", 1), "Row 2 (会议费) has 2 cells but the table has 5 columns."),
        (("totals_row",), "The totals row has 2 cells but the table has 5 columns."),
    ]


def test_percentage_columns_are_not_summed(block):
    totals = ["合计", "500", "1234.50", "5", "-3.5%"]
    value = block.clean(block.to_python(table(ROWS, totals)))
    assert value.given_totals()[4] == Decimal("-3.5")
    assert value.totals()[4] is None


def test_blank_rows_are_dropped_and_a_blank_totals_row_means_none(block):
    value = block.clean(block.to_python(table([ROWS[0], ["", "", "", "", ""], [""], ROWS[1]], ["", "", ""])))
    assert len(value["rows"]) == 2
    assert list(value["totals_row"]) == []
    assert value.has_totals_row is False
    assert value.given_totals() is None


def test_separators_and_full_width_digits_are_accepted(block):
    rows = [["办公费", "１，０００．２５", "1,000.25", "3", "50％"]]
    totals = ["合计", "1000.25", "１０００．２５", "3", ""]
    value = block.clean(block.to_python(table(rows, totals)))
    assert list(value["rows"][0]) == ["办公费", "1000.25", "1000.25", "3", "50"]


def test_totals_check_is_deferred_for_drafts_but_cells_are_not(block):
    wrong_total = ["合计", "1", "1", "1", ""]
    draft = block.clean_deferred(block.to_python(table(ROWS, wrong_total)))
    assert list(draft["totals_row"])[1] == "1"

    with pytest.raises(ValidationError):
        block.clean_deferred(block.to_python(table([["办公费", "x", "1", "1", ""]])))
    with pytest.raises(ValidationError):
        block.clean(block.to_python(table(ROWS, wrong_total)))


def test_a_table_needs_columns_and_rows(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"caption": "空表", "unit": "yuan", "columns": [], "rows": [],
                                     "totals_row": []}))
    assert {path for path, _ in errors_of(excinfo)} == {("columns",), ("rows",)}


def test_a_table_of_blank_rows_is_refused(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table([["", "", "", "", ""]])))
    assert errors_of(excinfo) == [(("rows",), "The table has no row with content.")]
    assert len(block.clean_deferred(block.to_python(table([["", "", "", "", ""]])))["rows"]) == 0


def test_value_helpers_give_typed_rows_and_computed_totals(block):
    value = block.clean(block.to_python(table(ROWS, TOTALS, unit="ten_thousand_yuan")))

    assert value.column_specs() == [
        FinancialColumn("项目", ColumnKind.TEXT), FinancialColumn("收入", ColumnKind.AMOUNT),
        FinancialColumn("支出", ColumnKind.AMOUNT), FinancialColumn("笔数", ColumnKind.INTEGER),
        FinancialColumn("占比", ColumnKind.PERCENT),
    ]
    assert [column.is_summed for column in value.column_specs()] == [False, True, True, True, False]
    assert value.typed_rows() == [
        ["办公费", Decimal("0"), Decimal("1000.25"), 3, Decimal("81")],
        ["会议费", Decimal("500"), Decimal("234.25"), 2, Decimal("19")],
    ]
    assert value.totals() == [None, Decimal("500"), Decimal("1234.50"), 5, None]
    assert value.given_totals() == ["合计", Decimal("500.00"), Decimal("1234.50"), 5, Decimal("100")]
    assert value.unit_label == "ten thousand yuan"


def test_a_table_of_counts_has_no_unit_of_amount(block):
    counts = block.to_python({"caption": "申请情况", "unit": "yuan",
                              "columns": [{"heading": "项目", "kind": "text"}, {"heading": "件数", "kind": "integer"}],
                              "rows": [["新收", "3"]], "totals_row": []})
    assert counts.unit_label == ""


def test_round_trip_through_json(block):
    value = block.clean(block.to_python(table(ROWS, TOTALS)))
    stored = json.loads(json.dumps(block.get_prep_value(value), cls=DjangoJSONEncoder))
    again = block.to_python(stored)

    assert block.get_prep_value(again) == block.get_prep_value(value)
    assert again.typed_rows() == value.typed_rows()
    assert again.totals() == value.totals()
    assert block.get_api_representation(again)["rows"][0] == ["办公费", "0", "1000.25", "3", "81"]


def test_searchable_content_has_caption_headings_and_cells(block):
    value = block.clean(block.to_python(table(ROWS, TOTALS)))
    content = block.get_searchable_content(value)
    for text in ("2026年第三季度村级财务收支明细", "项目", "支出", "办公费", "会议费", "1000.25", "合计"):
        assert text in content
    assert "" not in content


def test_errors_serialise_for_the_admin(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(table(ROWS, ["合计", "1", "1234.50", "5", ""])))
    data = excinfo.value.as_json_data()
    assert data["blockErrors"]["totals_row"]["blockErrors"][1]["messages"] == [
        "Totals row, column “收入”: should be 500.00, but 1.00 was entered."
    ]


@pytest.mark.parametrize(("kind", "text", "expected"), [
    (ColumnKind.TEXT, "  办公费 ", "办公费"),
    (ColumnKind.TEXT, "", None),
    (ColumnKind.AMOUNT, "1,234,567.8", Decimal("1234567.8")),
    (ColumnKind.AMOUNT, "-12", Decimal("-12")),
    (ColumnKind.AMOUNT, " ", None),
    (ColumnKind.INTEGER, "1,000", 1000),
    (ColumnKind.INTEGER, "7.0", 7),
    (ColumnKind.PERCENT, "12.5 %", Decimal("12.5")),
])
def test_parse_cell(kind, text, expected):
    assert parse_cell(kind, text) == expected


@pytest.mark.parametrize(("kind", "text"), [
    (ColumnKind.AMOUNT, "12,34"),
    (ColumnKind.AMOUNT, "1e3"),
    (ColumnKind.AMOUNT, "¥12"),
    (ColumnKind.AMOUNT, "—"),
    (ColumnKind.INTEGER, "1.5"),
    (ColumnKind.PERCENT, "%"),
])
def test_parse_cell_refuses(kind, text):
    with pytest.raises(CellError):
        parse_cell(kind, text)
