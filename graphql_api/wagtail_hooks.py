"""Admin wiring of the portal API: API tokens (settings menu) and "Preview on portal"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from cms.conf import setting

from . import preview_views
from .admin_views import api_token_viewset


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return api_token_viewset


@hooks.register("register_admin_urls")
def register_preview_urls():
    return [path("portal-preview/<int:page_id>/", preview_views.portal_preview, name="graphql_api_portal_preview")]


class PortalPreviewMenuItem(ActionMenuItem):
    """Opens the latest saved revision on the portal (needs PORTAL_PREVIEW_URL)."""

    label = _("Preview on portal")
    name = "action-portal-preview"
    icon_name = "view"

    def is_shown(self, context):
        page = context.get("page")
        return bool(setting("PORTAL_PREVIEW_URL", "")) and page is not None and page.pk is not None and \
            context.get("view") == "edit" and page.specific_class.__name__ == "DisclosurePage"

    def get_url(self, context):
        return reverse("graphql_api_portal_preview", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_portal_preview_menu_item():
    return PortalPreviewMenuItem(order=15)
