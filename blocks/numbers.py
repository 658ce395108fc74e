"""Amounts and units shared by the financial blocks: parsing what editors type, formatting for messages."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

__all__ = ["AmountBlock", "AmountUnit", "format_number", "parse_decimal"]

# "1234.5", "1,234.50", "-12": thousands separators must sit every three digits.
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


class AmountUnit(models.TextChoices):
    """The unit every amount of a block is given in (金额单位)."""

    YUAN = "yuan", _("yuan")
    TEN_THOUSAND_YUAN = "ten_thousand_yuan", _("ten thousand yuan")


def parse_decimal(text) -> Decimal | None:
    """Read a number as editors type it; blank is None, anything else that is not a number raises ValueError.

    Accepts thousands separators ("1,234.50") and full-width input from Chinese IMEs ("１，２３４．５０").
    """
    if text is None:
        return None
    if isinstance(text, (Decimal, int)):
        return Decimal(text)
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "").replace("\u2212", "-")
    if not cleaned:
        return None
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only valid literals
        raise ValueError(text) from error
    return abs(number) if number == 0 else number


def format_number(number: Decimal | int, places: int | None = None) -> str:
    """Format a number for a message: thousands separators and at least two decimals ("1,234.50")."""
    number = Decimal(number)
    if places is None:
        exponent = number.as_tuple().exponent
        places = max(2, -exponent if isinstance(exponent, int) else 0)
    return f"{number:,.{places}f}"


class AmountBlock(blocks.DecimalBlock):
    """A sum of money (Decimal in Python, a decimal string in JSON so no precision is lost)."""

    def to_python(self, value):
        if value is None or value == "":
            return None
        return Decimal(str(value))

    def get_prep_value(self, value):
        return None if value is None else str(value)

    def get_api_representation(self, value, context=None):
        return self.get_prep_value(value)

    class Meta:
        icon = "decimal"
