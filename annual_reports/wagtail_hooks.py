"""Admin wiring: the 年度报告 menu item and pages; the ``supervision_findings`` hook for reports past due;
the demo stage that generates the demo's reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions, views
from .demo import demo_stage
from .services import findings

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<int:pk>/", views.EditView.as_view(), name="edit"),
    path("<int:pk>/report.<str:format>", views.export_view, name="export"),
]


class AnnualReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.units_for(request.user).exists()


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [path("annual-reports/", include((urlpatterns, "annual_reports"), namespace="annual_reports"))]


@hooks.register("register_admin_menu_item")
def register_annual_reports_menu_item():
    return AnnualReportsMenuItem(_("Annual reports"), reverse("annual_reports:index"), name="annual-reports",
                                 icon_name="doc-full", order=270)


hooks.register("supervision_findings", findings)
hooks.register("load_demo_stage", demo_stage)
