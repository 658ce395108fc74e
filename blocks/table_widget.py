"""The grid editor of financial tables in the page editor: a telepath adapter for FinancialTableBlock.

Modelled on ``wagtail.contrib.typed_table_block`` (a block definition of its own in JS that renders a
<table>, keeps its state and posts it), but the block stays a StructBlock: the grid posts the table as
one JSON field (``<prefix>-grid``) that ``FinancialTableBlock.value_from_datadict`` reads back into the
same StructValue, so the stored value, the API and search are unchanged (docs/editors.md, 财务表格).
The JS and CSS are served from cms/static/blocks/ (``blocks`` is not an installed app).
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import Adapter, register
from wagtail.blocks.base import get_help_icon

from .numbers import AmountUnit
from .tables import SUMMED_KINDS, ColumnKind, FinancialTableBlock

__all__ = ["FinancialTableBlockAdapter"]


def grid_strings() -> dict:
    """Every text the grid shows, translated when the editor loads (zh-hans)."""
    return {
        "CAPTION": pgettext("financial table", "Caption"),
        "CAPTION_HELP": _("What the table shows, e.g. the account and the period."),
        "UNIT": _("Unit of amount"),
        "GRID": _("Table"),
        "GRID_HELP": _("Copy cells in Excel or WPS and paste them into any cell: the grid grows to fit. "
                       "Amount and whole-number columns are added up below the totals row."),
        "ROW_NUMBER": _("Row"),
        "COLUMN_HEADING": _("Heading of column %(number)s"),
        "COLUMN_KIND": _("Kind of column %(number)s"),
        "CELL": _("Row %(row)s, column %(column)s"),
        "TOTAL_CELL": _("Totals row, column %(column)s"),
        "TOTALS_ROW": _("Totals row"),
        "COMPUTED": _("Sum of the rows"),
        "COMPUTED_VALUE": _("Sum: %(sum)s"),
        "MATCHES": _("Adds up"),
        "DIFFERS": _("Differs from the sum %(sum)s"),
        "MISSING": _("No total entered; the sum is %(sum)s"),
        "USE_COMPUTED": _("Use the sum"),
        "USE_COMPUTED_LABEL": _("Use the sum %(sum)s in column %(column)s"),
        "NOT_SUMMED": _("Not added up"),
        "ADD_ROW": _("Add row"),
        "ADD_COLUMN": _("Add column"),
        "INSERT_ROW_BELOW": _("Insert a row below row %(number)s"),
        "DELETE_ROW": _("Delete row %(number)s"),
        "DELETE_COLUMN": _("Delete column %(number)s"),
        "MOVE_LEFT": _("Move column %(number)s left"),
        "MOVE_RIGHT": _("Move column %(number)s right"),
        "NEW_COLUMN": _("Column %(number)s"),
        "TOTAL_LABEL": _("Total"),
        "PASTED": _("Pasted %(rows)s rows × %(columns)s columns."),
        "LAST_COLUMN": _("A table needs at least one column."),
        "NOT_A_NUMBER": _("Not a number"),
    }


def new_table_state() -> dict:
    """What a table added to a page starts as: an item column, an amount column and three blank rows."""
    return {
        "caption": "",
        "unit": AmountUnit.YUAN,
        "columns": [{"id": None, "heading": "", "kind": ColumnKind.TEXT},
                    {"id": None, "heading": "", "kind": ColumnKind.AMOUNT}],
        "rows": [{"id": None, "cells": ["", ""]} for _ in range(3)],
        "totals_row": [],
    }


class FinancialTableBlockAdapter(Adapter):
    js_constructor = "blocks.tables.FinancialTableBlock"

    def js_args(self, block):
        meta = {
            "label": block.label,
            "description": block.get_description(),
            "required": block.required,
            "icon": block.meta.icon,
            "blockDefId": block.definition_prefix,
            "isPreviewable": block.is_previewable,
            "classname": block.meta.form_classname,
            "attrs": block.meta.form_attrs or {},
            "strings": grid_strings(),
            "kinds": [[value, str(label)] for value, label in ColumnKind.choices],
            "summedKinds": sorted(SUMMED_KINDS),
            "numericKinds": [ColumnKind.AMOUNT, ColumnKind.INTEGER, ColumnKind.PERCENT],
            "units": [[value, str(label)] for value, label in AmountUnit.choices],
        }
        help_text = getattr(block.meta, "help_text", None)
        if help_text:
            meta["helpText"] = help_text
            meta["helpIcon"] = get_help_icon()
        return [block.name, new_table_state(), meta]

    @cached_property
    def media(self):
        return forms.Media(js=[versioned_static("blocks/financial_table.js")],
                           css={"all": [versioned_static("blocks/financial_table.css")]})


register(FinancialTableBlockAdapter(), FinancialTableBlock)
