"""The admin-editable part of the working-day calendar.

The `chinesecalendar` library carries the State Council's holiday schedules up to the year it was
released; the schedule for the next year is announced each November (国务院办公厅关于××年部分节假日
安排的通知). These tables add the years the library lacks and correct single days: a day listed here
wins over the library, and a year the library lacks counts only once it is marked complete.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (no work)")
    WORKING_DAY = "working_day", _("Working day (adjusted working weekend, 调休上班)")


class CalendarYear(ClusterableModel):
    """One year's schedule as entered by an admin; `complete` makes a year the library lacks usable."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    complete = models.BooleanField(
        _("complete"), default=False,
        help_text=_("Tick once every holiday and adjusted working weekend of the year is entered. "
                    "A year the built-in calendar lacks is used only when complete; "
                    "until then, deadlines that reach into it cannot be computed."),
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True,
        help_text=_("The notice the schedule comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("year"),
        FieldPanel("complete"),
        FieldPanel("source"),
        FieldPanel("note"),
        FieldPanel("bulk_days"),
        InlinePanel("days", heading=_("Days"), label=_("day")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day whose status differs from Monday–Friday work, or corrects the library: this row wins."""

    calendar_year = ParentalKey(CalendarYear, on_delete=models.CASCADE, related_name="days",
                                verbose_name=_("year"))
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("e.g. 春节, 国庆节"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        if self.date and self.calendar_year_id and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": _("This date is not in %(year)s.") % {"year": self.calendar_year.year}})
