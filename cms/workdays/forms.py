"""Entering a year's schedule: the admin form and the line format shared with `calendar_import_year`.

One day or range per line, as the State Council's notice lists them::

    2027-01-01 holiday 元旦
    2027-02-06..2027-02-12 holiday 春节
    2027-02-14 working_day 春节调休

Kinds: ``holiday`` (also 休, 假) and ``working_day`` (also workday, 班). Blank lines and lines
starting with ``#`` are ignored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CalendarDay, DayKind

KIND_ALIASES = {
    "holiday": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "假": DayKind.HOLIDAY,
    "working_day": DayKind.WORKING_DAY, "workday": DayKind.WORKING_DAY, "班": DayKind.WORKING_DAY,
}
MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class DayLine:
    date: datetime.date
    kind: str
    name: str


def _parse_date(text: str, number: int) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("Line %(n)s: “%(text)s” is not a date like 2027-01-01."),
                              params={"n": number, "text": text}) from None


def parse_day_lines(text: str, year: int | None = None) -> list[DayLine]:
    """Parse the line format above; every date must fall in ``year`` when given. Raises ValidationError
    listing every bad line."""
    result: dict[datetime.date, DayLine] = {}
    errors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 2:
            errors.append(ValidationError(_("Line %(n)s: expected “date kind [name]”."), params={"n": number}))
            continue
        kind = KIND_ALIASES.get(parts[1].lower())
        if kind is None:
            errors.append(ValidationError(_("Line %(n)s: unknown kind “%(kind)s”; use holiday or working_day."),
                                          params={"n": number, "kind": parts[1]}))
            continue
        try:
            first, _sep, last = parts[0].partition("..")
            start = _parse_date(first, number)
            end = _parse_date(last, number) if last else start
        except ValidationError as error:
            errors.append(error)
            continue
        if end < start or (end - start).days >= MAX_RANGE_DAYS:
            errors.append(ValidationError(_("Line %(n)s: the range must run forwards and span at most %(max)s days."),
                                          params={"n": number, "max": MAX_RANGE_DAYS}))
            continue
        if year is not None and (start.year != year or end.year != year):
            errors.append(ValidationError(_("Line %(n)s: the date is not in %(year)s."),
                                          params={"n": number, "year": year}))
            continue
        name = parts[2].strip() if len(parts) > 2 else ""
        for offset in range((end - start).days + 1):
            day = start + datetime.timedelta(days=offset)
            if day in result:
                errors.append(ValidationError(_("Line %(n)s: %(date)s is listed twice."),
                                              params={"n": number, "date": day.isoformat()}))
            result[day] = DayLine(day, kind, name)
    if errors:
        raise ValidationError(errors)
    return sorted(result.values(), key=lambda line: line.date)


def save_day_lines(calendar_year, lines: list[DayLine]) -> int:
    """Create or update the year's days from parsed lines (a line replaces a row for the same date)."""
    with transaction.atomic():
        for line in lines:
            CalendarDay.objects.update_or_create(
                date=line.date, defaults={"calendar_year": calendar_year, "kind": line.kind, "name": line.name},
            )
    return len(lines)


class CalendarYearForm(WagtailAdminModelForm):
    """The year form: the inline days, plus a box to paste the notice's days as lines."""

    bulk_days = forms.CharField(
        label=_("Paste days"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Optional. One day or range per line, e.g. “2027-01-01 holiday 元旦”, "
                    "“2027-02-06..2027-02-12 holiday 春节”, “2027-02-14 working_day 春节调休”. "
                    "A pasted line replaces a day below with the same date."),
    )

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if not year:
            return cleaned
        try:
            cleaned["bulk_lines"] = parse_day_lines(cleaned.get("bulk_days", ""), year)
        except ValidationError as error:
            self.add_error("bulk_days", error)
        seen = set()
        formset = self.formsets["days"]
        formset.is_valid()
        for form in formset.forms:
            day = getattr(form, "cleaned_data", {}).get("date")
            if day is None or form.cleaned_data.get("DELETE"):
                continue
            if day.year != year:
                form.add_error("date", _("This date is not in %(year)s.") % {"year": year})
            elif day in seen:
                form.add_error("date", _("This date is listed twice."))
            seen.add(day)
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        lines = self.cleaned_data.get("bulk_lines")
        if commit and lines:
            save_day_lines(instance, lines)
        return instance
