"""三公经费: the three public expenses of a budget unit, budget against actual, with totals computed."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from .numbers import AmountBlock, AmountUnit

__all__ = [
    "EXPENSE_ITEMS",
    "ExpenseFigures",
    "ExpenseLineBlock",
    "ExpenseStage",
    "PublicExpensesBlock",
    "PublicExpensesTotals",
    "PublicExpensesValue",
]


class ExpenseStage(models.TextChoices):
    """Whether the figures are a budget (预算) or final accounts (决算, budget and actual)."""

    BUDGET = "budget", _("budget")
    FINAL_ACCOUNTS = "final_accounts", _("final accounts")


# Child name -> label. 公务用车购置及运行费 is split into purchase (购置) and operation (运行).
EXPENSE_ITEMS = {
    "overseas_travel": _("Official travel abroad (incl. Hong Kong, Macao and Taiwan)"),
    "vehicle_purchase": _("Official vehicle purchase"),
    "vehicle_operation": _("Official vehicle operation"),
    "official_reception": _("Official reception"),
}


@dataclass(frozen=True)
class ExpenseFigures:
    """One column of a 三公经费 table (budget or actual); blanks count as zero."""

    overseas_travel: Decimal
    vehicle_purchase: Decimal
    vehicle_operation: Decimal
    official_reception: Decimal

    @property
    def vehicle(self) -> Decimal:
        """公务用车购置及运行费: purchase plus operation."""
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        """三公经费合计."""
        return self.overseas_travel + self.vehicle + self.official_reception


@dataclass(frozen=True)
class PublicExpensesTotals:
    """The computed totals of a 三公经费 block; actual figures are None for a budget without actuals."""

    budget_vehicle: Decimal
    budget_total: Decimal
    actual_vehicle: Decimal | None
    actual_total: Decimal | None

    @property
    def change(self) -> Decimal | None:
        """Actual minus budget (negative when less was spent than budgeted)."""
        return None if self.actual_total is None else self.actual_total - self.budget_total


class ExpenseLineBlock(blocks.StructBlock):
    """One expense item: budget and actual amount, neither negative."""

    budget = AmountBlock(label=_("Budget"), min_value=0, max_digits=16, decimal_places=4)
    actual = AmountBlock(label=_("Actual"), min_value=0, max_digits=16, decimal_places=4, required=False)

    class Meta:
        icon = "decimal"


class PublicExpensesValue(blocks.StructValue):
    """A 三公经费 disclosure as stored; totals are computed, never typed in."""

    def _figures(self, field: str) -> ExpenseFigures:
        return ExpenseFigures(**{
            name: (self.get(name) or {}).get(field) or Decimal(0) for name in EXPENSE_ITEMS
        })

    @property
    def has_actual(self) -> bool:
        return any((self.get(name) or {}).get("actual") is not None for name in EXPENSE_ITEMS)

    def budget_figures(self) -> ExpenseFigures:
        return self._figures("budget")

    def actual_figures(self) -> ExpenseFigures | None:
        """The actual figures, or None when no actual amount has been given."""
        return self._figures("actual") if self.has_actual else None

    def totals(self) -> PublicExpensesTotals:
        budget, actual = self.budget_figures(), self.actual_figures()
        return PublicExpensesTotals(
            budget_vehicle=budget.vehicle,
            budget_total=budget.total,
            actual_vehicle=None if actual is None else actual.vehicle,
            actual_total=None if actual is None else actual.total,
        )

    @property
    def unit_label(self) -> str:
        unit = self.get("unit")
        return str(AmountUnit(unit).label) if unit in AmountUnit.values else ""


class PublicExpensesBlock(blocks.StructBlock):
    """三公经费 of one budget unit for one year (因公出国(境)费, 公务用车购置及运行费, 公务接待费).

    Rule: amounts are never negative; final accounts (决算) need the actual amount of every item, and a
    budget gives actual amounts for all items or for none. Totals are computed by PublicExpensesValue.
    """

    year = blocks.IntegerBlock(label=_("Year"), min_value=1990, max_value=2100)
    stage = blocks.ChoiceBlock(label=_("Stage"), choices=ExpenseStage.choices, default=ExpenseStage.BUDGET)
    unit = blocks.ChoiceBlock(label=_("Unit of amount"), choices=AmountUnit.choices,
                              default=AmountUnit.TEN_THOUSAND_YUAN)
    overseas_travel = ExpenseLineBlock(label=EXPENSE_ITEMS["overseas_travel"])
    vehicle_purchase = ExpenseLineBlock(label=EXPENSE_ITEMS["vehicle_purchase"])
    vehicle_operation = ExpenseLineBlock(label=EXPENSE_ITEMS["vehicle_operation"])
    official_reception = ExpenseLineBlock(label=EXPENSE_ITEMS["official_reception"])
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False,
        help_text=_("Why the figures changed against the budget or the previous year."),
    )

    class Meta:
        label = _("Three public expenses")
        icon = "clipboard-list"
        value_class = PublicExpensesValue

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        missing = [name for name in EXPENSE_ITEMS if value[name].get("actual") is None]
        if value["stage"] == ExpenseStage.FINAL_ACCOUNTS:
            message, code = _("Final accounts give the actual amount of every item."), "actual_required"
        elif len(missing) < len(EXPENSE_ITEMS):
            message, code = _("Give the actual amount of every item, or of none."), "actual_incomplete"
        else:
            return value
        if missing:
            raise StructBlockValidationError(block_errors={
                name: StructBlockValidationError(block_errors={"actual": ValidationError(message, code=code)})
                for name in missing
            })
        return value

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        content = [str(self.label)]
        if value.get("year"):
            content.append(str(value["year"]))
        content.extend(str(label) for label in EXPENSE_ITEMS.values())
        if value.get("explanation"):
            content.append(value["explanation"])
        return content
