"""Admin wiring of the working-day calendar: the years (with their days) under Settings, and a
dashboard warning when a year needs entering (domain.md §4: the next year is announced each November)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import service
from .forms import CalendarYearForm
from .models import CalendarYear

SOURCE_LABELS = {
    "library": _("Built-in calendar (table days win)"),
    "table": _("This table"),
    None: _("Not usable: mark the year complete"),
}


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    name = "workdays"
    edit_handler = ObjectList(CalendarYear.panels, base_form_class=CalendarYearForm)
    list_display = [
        "year",
        "complete",
        Column("source_used", label=_("Data used"),
               accessor=lambda year: SOURCE_LABELS[service.year_source(year.year)]),
        "source",
        "updated_at",
    ]


calendar_year_viewset = CalendarYearViewSet()


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return calendar_year_viewset


class MissingCalendarPanel(Component):
    """Dashboard warning naming the years an admin must enter: the current year if it has no data,
    and from 1 November next year until it is covered."""

    name = "workdays_missing_calendar"
    template_name = "workdays/missing_calendar_panel.html"
    order = 50

    def __init__(self, years: list[int]):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"years": self.years, "index_url": reverse(calendar_year_viewset.get_url_name("index"))}


def can_edit_calendar(user) -> bool:
    return user.has_perm("workdays.add_calendaryear") or user.has_perm("workdays.change_calendaryear")


def dashboard_panels(request, panels, today=None):
    """Add the warning for users who can fix it (add or change permission on calendar years)."""
    if not can_edit_calendar(request.user):
        return
    years = service.missing_years_to_enter(today)
    if years:
        panels.append(MissingCalendarPanel(years))


@hooks.register("construct_homepage_panels")
def add_missing_calendar_panel(request, panels):
    dashboard_panels(request, panels)
