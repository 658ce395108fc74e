"""三公经费: amounts, the actual-amount rules, computed totals."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from blocks import ExpenseFigures, PublicExpensesBlock, PublicExpensesTotals, iter_block_errors

pytestmark = pytest.mark.usefixtures("english")  # messages as written (tests/blocks/conftest.py)


@pytest.fixture
def block():
    return PublicExpensesBlock()


def expenses(stage="final_accounts", **actuals):
    lines = {
        "overseas_travel": ("12.00", "8.50"),
        "vehicle_purchase": ("30.00", "28.00"),
        "vehicle_operation": ("15.25", "16.75"),
        "official_reception": ("6.00", "4.10"),
    }
    raw = {"year": 2025, "stage": stage, "unit": "ten_thousand_yuan", "explanation": "公务接待批次减少。"}
    for name, (budget, actual) in lines.items():
        raw[name] = {"budget": budget, "actual": actuals.get(name, actual)}
    return raw


def test_totals_are_computed(block):
    value = block.clean(block.to_python(expenses()))

    assert value.budget_figures() == ExpenseFigures(Decimal("12.00"), Decimal("30.00"), Decimal("15.25"),
                                                    Decimal("6.00"))
    assert value.budget_figures().vehicle == Decimal("45.25")
    assert value.actual_figures().vehicle == Decimal("44.75")
    assert value.totals() == PublicExpensesTotals(
        budget_vehicle=Decimal("45.25"), budget_total=Decimal("63.25"),
        actual_vehicle=Decimal("44.75"), actual_total=Decimal("57.35"),
    )
    assert value.totals().change == Decimal("-5.90")
    assert value.unit_label == "ten thousand yuan"


def test_budget_without_actuals(block):
    raw = expenses(stage="budget", overseas_travel=None, vehicle_purchase=None, vehicle_operation=None,
                   official_reception=None)
    value = block.clean(block.to_python(raw))
    assert value.actual_figures() is None
    assert value.totals().actual_total is None
    assert value.totals().change is None
    assert value.totals().budget_total == Decimal("63.25")


def test_final_accounts_need_every_actual(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(expenses(official_reception=None)))
    assert list(iter_block_errors(excinfo.value)) == [
        (("official_reception", "actual"), "Final accounts give the actual amount of every item."),
    ]


def test_actuals_are_all_or_none(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(expenses(stage="budget", vehicle_purchase=None, vehicle_operation=None)))
    assert [path for path, _ in iter_block_errors(excinfo.value)] == [
        ("vehicle_purchase", "actual"), ("vehicle_operation", "actual"),
    ]


def test_actual_rules_are_deferred_for_drafts(block):
    draft = block.clean_deferred(block.to_python(expenses(official_reception=None)))
    assert draft.actual_figures().official_reception == Decimal(0)


def test_negative_amounts_are_refused(block):
    raw = expenses()
    raw["overseas_travel"]["budget"] = "-1"
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(raw))
    assert [path for path, _ in iter_block_errors(excinfo.value)] == [("overseas_travel", "budget")]


def test_budget_and_year_are_required(block):
    raw = expenses()
    raw["year"] = None
    raw["vehicle_operation"]["budget"] = None
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(raw))
    assert {path for path, _ in iter_block_errors(excinfo.value)} == {("year",), ("vehicle_operation", "budget")}


def test_round_trip_keeps_decimals(block):
    value = block.clean(block.to_python(expenses()))
    prep = block.get_prep_value(value)
    assert prep["vehicle_operation"] == {"budget": "15.25", "actual": "16.75"}
    again = block.to_python(json.loads(json.dumps(prep, cls=DjangoJSONEncoder)))
    assert again.totals() == value.totals()
    assert block.get_prep_value(again) == prep
    assert block.get_api_representation(again)["overseas_travel"] == {"budget": "12.00", "actual": "8.50"}


def test_searchable_content(block):
    content = block.get_searchable_content(block.to_python(expenses()))
    assert "2025" in content
    assert "公务接待批次减少。" in content
    assert "Official reception" in content
