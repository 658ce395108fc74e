"""Admin wiring: the 督查考核 menu and pages, the unit's findings panel on the dashboard, the indicators'
editing screens, and the demo stage (docs/supervision.md)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views, permissions
from .demo import demo_stage
from .models import Indicator

PANEL_ROWS = 8

urlpatterns = [
    path("", admin_views.dashboard_view, name="index"),
    path("findings/", admin_views.findings_view, name="findings"),
    path("assessment/", admin_views.assessment_view, name="assessment"),
    path("circulars/", admin_views.circulars_view, name="circulars"),
    path("circulars/<int:pk>/", admin_views.circular_view, name="circular"),
    path("circulars/<int:pk>/file.<str:format>", admin_views.circular_file_view, name="circular_file"),
]


class SupervisionMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_enter(request.user)


@hooks.register("register_admin_urls")
def register_supervision_urls():
    return [path("supervision/", include((urlpatterns, "supervision"), namespace="supervision"))]


@hooks.register("register_admin_menu_item")
def register_supervision_menu_item():
    return SupervisionMenuItem(_("Supervision"), reverse("supervision:index"), name="supervision",
                               icon_name="list-ul", order=270)


class IndicatorViewSet(ModelViewSet):
    """考核指标 and their weights: data the supervisors edit (model permissions, given to the 督查 group)."""

    model = Indicator
    icon = "list-ol"
    name = "supervision_indicator"
    add_to_admin_menu = False
    form_fields = ["code", "label", "unit", "weight", "full_at", "zero_at", "active", "sort_order"]
    list_display = ["label", "code", "weight", "full_at", "zero_at", "active"]
    list_export = ["label", "code", "unit", "weight", "full_at", "zero_at", "active"]


@hooks.register("register_admin_viewset")
def register_indicator_viewset():
    return IndicatorViewSet()


class FindingsPanel(Component):
    """Dashboard: the open findings of the user's own units (timeliness now and the latest checks)."""

    name = "supervision_findings"
    template_name = "supervision/findings_panel.html"
    order = 70

    def __init__(self, rows, total):
        self.rows, self.total = rows, total

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows, "more": max(0, self.total - len(self.rows))}


@hooks.register("construct_homepage_panels")
def add_findings_panel(request, panels):
    units = permissions.own_units(request.user)
    if not units.exists():
        return
    rows, total = admin_views.first_open_rows(units, PANEL_ROWS)
    if rows:
        panels.append(FindingsPanel(rows, total))


hooks.register("load_demo_stage", demo_stage)
