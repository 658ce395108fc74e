"""Admin wiring: the 年度报告 menu item and pages; the ``supervision_findings`` hook for reports past due;
the demo stage that generates the demo's reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.models import CatalogueItemPage

from . import permissions, views
from .demo import demo_stage
from .services import ROW_WORD, findings

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


class GenerateButton(PageMenuItem):
    """生成年度报告草稿 on the unit's 年度报告 row: the generate form with the row's unit chosen."""

    label = _("Generate annual report draft")
    icon_name = "doc-full"

    def __init__(self, *, row, **kwargs):
        super().__init__(page=row, **kwargs)
        self.row = row

    @property
    def url(self):
        return reverse("annual_reports:index") + f"?organisation={self.row.organisation_id}"

    def is_shown(self, user):
        return ROW_WORD in self.row.title and permissions.units_for(user).filter(pk=self.row.organisation_id).exists()


def _row_buttons(page, priority, next_url=None):
    if page.specific_class is not CatalogueItemPage:
        return
    row = page if isinstance(page, CatalogueItemPage) else page.specific_deferred
    if ROW_WORD in row.title:
        yield GenerateButton(row=row, priority=priority, next_url=next_url)


@hooks.register("register_page_header_buttons")
def generate_header_button(page, user, view_name, next_url=None):
    yield from _row_buttons(page, 64)


@hooks.register("register_page_listing_more_buttons")
def generate_listing_button(page, user, next_url=None):
    yield from _row_buttons(page, 44)


hooks.register("supervision_findings", findings)
hooks.register("load_demo_stage", demo_stage)
