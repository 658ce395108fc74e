"""The checks of a report before its draft is written (docs/supervision.md «年度报告»): every figure of 二
entered where the data does not hold it, counts whole and not negative, fees in 万元 with at most two
decimals, the row identity of table 三 (一 + 二 = 三 + 四, the result rows adding up to 三's 总计, the six
applicant columns adding up to 总计), and in table 四 each 总计 the sum of its four results. Each message
names the table, the row and the column."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICATION_COLUMNS,
    PROACTIVE_ITEMS,
    SECTIONS,
)

OUTCOME_PREFIX = "三、本年度办理结果 （"
RESULTS_TOTAL = "results_total"


def count(value):
    """A whole, non-negative number (an int, or a string of digits), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    text = str(value if value is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def money(value):
    """An amount in 万元 with at most two decimals, not negative, or None."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not amount.is_finite() or amount < 0 or amount >= 10 ** 9 or amount.as_tuple().exponent < -2:
        return None
    return amount


def proactive_errors(report) -> list[str]:
    errors = []
    computed = report.computed.get("proactive", {})
    entered = report.entered.get("proactive", {})
    for key, label, _article, measures, _words in PROACTIVE_ITEMS:
        if key in computed:
            continue
        for measure, measure_label in measures:
            value = (entered.get(key) or {}).get(measure)
            if value in (None, ""):
                errors.append(_("%(section)s, row “%(row)s”, column “%(column)s”: enter the figure.") % {
                    "section": SECTIONS["proactive"], "row": label, "column": measure_label})
            elif measure == "amount" and money(value) is None:
                errors.append(_("%(section)s, row “%(row)s”, column “%(column)s”: “%(value)s” is not an amount "
                                "in ten thousand yuan (not negative, at most two decimals).") % {
                    "section": SECTIONS["proactive"], "row": label, "column": measure_label, "value": value})
            elif measure != "amount" and count(value) is None:
                errors.append(_("%(section)s, row “%(row)s”, column “%(column)s”: “%(value)s” is not a whole "
                                "number of items.") % {
                    "section": SECTIONS["proactive"], "row": label, "column": measure_label, "value": value})
    return errors


def applications_errors(table: dict) -> list[str]:
    """Table 三 as stored in ``computed["applications"]``."""
    section = SECTIONS["applications"]
    rows = {key: (name, values) for key, name, values in table.get("rows", [])}
    errors = []
    columns = [column for column, _name in APPLICATION_COLUMNS if column != "total"]
    for name, values in rows.values():
        parts = sum(values.get(column, 0) for column in columns)
        if parts != values.get("total", 0):
            errors.append(_("%(section)s, row “%(row)s”: the applicant columns add up to %(sum)s, "
                            "but the total is %(total)s.") % {"section": section, "row": name, "sum": parts,
                                                             "total": values.get("total", 0)})
    outcome_keys = [key for key in rows if key not in {"new", "carried_over", RESULTS_TOTAL, "carried_forward"}]
    if not {"new", "carried_over", RESULTS_TOTAL, "carried_forward"} <= set(rows):
        return errors + [_("%(section)s: the table lacks one of the rows 一, 二, 三 (total) and 四.") % {
            "section": section}]
    for column, column_name in APPLICATION_COLUMNS:
        if outcome_keys:
            results = sum(rows[key][1].get(column, 0) for key in outcome_keys)
            if results != rows[RESULTS_TOTAL][1].get(column, 0):
                errors.append(_("%(section)s, row “%(row)s”, column “%(column)s”: the result rows add up to "
                                "%(sum)s, but the total is %(total)s.") % {
                    "section": section, "row": rows[RESULTS_TOTAL][0], "column": column_name, "sum": results,
                    "total": rows[RESULTS_TOTAL][1].get(column, 0)})
        left = rows["new"][1].get(column, 0) + rows["carried_over"][1].get(column, 0)
        right = rows[RESULTS_TOTAL][1].get(column, 0) + rows["carried_forward"][1].get(column, 0)
        if left != right:
            errors.append(_("%(section)s, column “%(column)s”: rows 一 + 二 = %(left)s but rows 三 + 四 = %(right)s "
                            "(new and carried over must equal results and carried forward).") % {
                "section": section, "column": column_name, "left": left, "right": right})
    return errors


def appeals_errors(entered: dict) -> list[str]:
    section = SECTIONS["appeals"]
    errors = []
    for group, group_name in APPEAL_GROUPS:
        values = entered.get(group) or {}
        numbers = {}
        for column, column_name in APPEAL_COLUMNS:
            number = count(values.get(column))
            if number is None:
                errors.append(_("%(section)s, row “%(row)s”, column “%(column)s”: “%(value)s” is not a whole "
                                "number of cases.") % {"section": section, "row": group_name,
                                                      "column": column_name, "value": values.get(column, "")})
            numbers[column] = number
        if None in numbers.values():
            continue
        parts = sum(numbers[column] for column, _name in APPEAL_COLUMNS if column != "total")
        if parts != numbers["total"]:
            errors.append(_("%(section)s, row “%(row)s”: 结果维持, 结果纠正, 其他结果 and 尚未审结 add up to "
                            "%(sum)s, but 总计 is %(total)s.") % {"section": section, "row": group_name,
                                                                  "sum": parts, "total": numbers["total"]})
    return errors


def validate(report) -> list[str]:
    """Every problem of the report, in the template's order; empty when the draft may be written."""
    errors = []
    if not report.overview.strip():
        errors.append(_("%(section)s: write the general situation.") % {"section": SECTIONS["overview"]})
    errors += proactive_errors(report)
    errors += applications_errors(report.computed.get("applications", {}))
    errors += appeals_errors(report.entered.get("appeals", {}))
    return errors
