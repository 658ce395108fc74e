"""Admin wiring of catalogue import, export and templates: URLs, the menu item and page-listing buttons."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CataloguePage
from .views import catalogue as views

urlpatterns = [
    path("", views.index_view, name="index"),
    path("import/", views.import_view, name="import"),
    path("<int:pk>/export/<str:format>/", views.export_view, name="export"),
    path("<int:pk>/template/", views.template_view, name="template"),
]


@hooks.register("register_admin_urls")
def register_catalogue_urls():
    return [path("catalogues/", include((urlpatterns, "catalogue_io"), namespace="catalogue_io"))]


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return views.exportable_catalogues(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_catalogue_menu_item():
    return CatalogueMenuItem(_("Catalogues"), reverse("catalogue_io:index"), name="catalogues",
                             icon_name="list-ul", order=250)


@hooks.register("register_page_listing_more_buttons")
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
