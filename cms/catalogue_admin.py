"""Admin wiring of catalogues: import, export and templates (URLs, the menu item, page-listing buttons),
who keeps rows (approvers and administrators: ``cms.models.pages.may_keep_rows``), the entry-only choice
under a row, and retiring a row (停用)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.create import AddSubpageView
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CatalogueItemPage, CataloguePage
from .models.pages import may_keep_rows
from .views import catalogue as views


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return views.exportable_catalogues(request.user).exists()


def register_catalogue_menu_item():
    return CatalogueMenuItem(_("Catalogues"), reverse("catalogue_io:index"), name="catalogues",
                             icon_name="list-ul", order=250)


def catalogue_listing_buttons(page, user, next_url=None):
    """Import, export and template actions in the ⋯ menu of a catalogue in the page explorer."""
    if page.specific_class is not CataloguePage:
        return
    policy = PagePermissionPolicy()
    if not policy.user_has_any_permission_for_instance(user, views.EXPORT_ACTIONS, page):
        return
    for format in ("xlsx", "csv"):
        yield Button(_("Export (%(format)s)") % {"format": format.upper()},
                     reverse("catalogue_io:export", args=[page.pk, format]), icon_name="download", priority=70)
    if all(policy.user_has_permission_for_instance(user, action, page) for action in views.IMPORT_ACTIONS):
        yield Button(_("Import rows"), reverse("catalogue_io:import") + f"?catalogue={page.pk}",
                     icon_name="upload", priority=71)
        yield Button(_("Start from a standard catalogue"), reverse("catalogue_io:template", args=[page.pk]),
                     icon_name="list-ul", priority=72)


# Catalogue rows are kept by approvers and administrators (cms.models.pages.may_keep_rows) ---------


def rows_only_by_keepers(request, parent_page, page_class):
    """Adding a row (一级 under a catalogue, 二级 under a row) is for those who keep rows."""
    if issubclass(page_class, CatalogueItemPage) and not may_keep_rows(request.user, parent_page):
        raise PermissionDenied
    return None


class RowAddSubpageView(AddSubpageView):
    """Under a row, those who do not keep rows add entries only: straight to the entry form, no choice."""

    def dispatch(self, request, parent_page_id, *args, **kwargs):
        parent = get_object_or_404(Page, id=parent_page_id).specific
        if isinstance(parent, CatalogueItemPage) and not may_keep_rows(request.user, parent) \
                and parent.permissions_for_user(request.user).can_add_subpage():
            url = reverse("wagtailadmin_pages:add", args=("cms", "disclosurepage", parent.pk))
            next_url = get_valid_next_url_from_request(request)
            return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
        return super().dispatch(request, parent_page_id, *args, **kwargs)


# Retiring a row (停用): it keeps its entries and history and takes no new entries ----------------


RETIRE = "cms.row_retired"


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Kept with the row and in its history, e.g. 事项已并入“村级财务收支”."))


class RetireRowView(WagtailAdminTemplateMixin, FormView):
    template_name = "cms/lifecycle/confirm.html"
    form_class = RetireForm
    page_title = _("Retire catalogue item")
    header_icon = "lock"
    breadcrumbs_items = []

    def dispatch(self, request, page_id):
        self.row = get_object_or_404(CatalogueItemPage, pk=page_id)
        if not may_keep_rows(request.user, self.row):
            raise PermissionDenied
        if self.row.is_retired:
            messages.error(request, _("“%(title)s” is already retired.") % {"title": self.row.title})
            return redirect(self.get_next_url())
        return super().dispatch(request, page_id)

    def get_next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_explore", args=[self.row.pk])

    def get_page_subtitle(self):
        return self.row.get_admin_display_title()

    def get_context_data(self, **kwargs):
        explanation = _("The row stays in the catalogue with its entries and history, and the portal still shows "
                        "them; it takes no new entries and is left out of exports. Retiring cannot be undone "
                        "here.")
        return super().get_context_data(page=self.row, explanation=explanation, submit_label=_("Retire"),
                                        next_url=self.get_next_url(), **kwargs)

    def form_valid(self, form):
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            self.row.retire(reason)
            log(instance=self.row, action=RETIRE, user=self.request.user, data={"reason": reason})
        messages.success(self.request, _("“%(title)s” was retired: it takes no new entries; its entries stay "
                                         "published.") % {"title": self.row.get_admin_display_title()})
        return redirect(self.get_next_url())


def register_row_urls():
    return [path("catalogue-items/<int:page_id>/retire/", RetireRowView.as_view(), name="cms_row_retire")]


def _may_retire(user, page) -> bool:
    if page is None or page.specific_class is not CatalogueItemPage:
        return False
    row = page if isinstance(page, CatalogueItemPage) else page.specific_deferred
    return not row.is_retired and may_keep_rows(user, row)


class RetireButton(PageMenuItem):
    label = _("Retire…")
    icon_name = "lock"
    url_name = "cms_row_retire"

    def is_shown(self, user):
        return _may_retire(user, self.page)


def retire_header_button(page, user, view_name, next_url=None):
    yield RetireButton(page=page, next_url=next_url, priority=63)


def retire_listing_button(page, user, next_url=None):
    yield RetireButton(page=page, next_url=next_url, priority=43)


def say_the_row_is_retired(request, page):
    if request.method == "GET" and isinstance(page, CatalogueItemPage) and page.is_retired:
        messages.warning(request, _("Retired on %(date)s: %(reason)s. It takes no new entries.") % {
            "date": formats.date_format(timezone.localtime(page.retired_at), "DATE_FORMAT"),
            "reason": page.retirement_reason or "—"})
    return None


class RetireLog(LogFormatter):
    label = _("Retire catalogue item")

    def format_message(self, log_entry):
        return _("Retired: takes no new entries")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


def register_row_log_actions(actions):
    actions.register_action(RETIRE)(RetireLog)


urlpatterns = [
    path("", views.index_view, name="index"),
    path("import/", views.import_view, name="import"),
    path("import/<int:pk>/", views.job_view, name="job"),
    path("import/<int:pk>/status/", views.job_status_view, name="job_status"),
    path("<int:pk>/export/<str:format>/", views.export_view, name="export"),
    path("<int:pk>/template/", views.template_view, name="template"),
]


def register_catalogue_urls():
    return [path("catalogues/", include((urlpatterns, "catalogue_io"), namespace="catalogue_io"))]
