"""Wagtail's page URLs on a headless install: the public reads through portals (docs/architecture.md).

A page URL of a page the public may see redirects to the same path on ``PORTAL_URL`` when that is
set; otherwise, when the reference portal (``portal``, docs/portal.md) is installed, it renders that
path here, reading through the GraphQL API like any portal. Every other page URL — hidden, withdrawn,
draft, missing, or any page while no portal is configured — answers the same 404, so that a stranger
cannot tell a hidden entry from a missing one. Previews (the admin's 预览, view draft, revisions) do not pass here:
they render the ``cms/preview`` templates with the public view of the entry.
"""

from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from wagtail import hooks

from .models import CatalogueItemPage, DisclosurePage
from .visibility import catalogue_item_visible, is_visible


def portal_url() -> str:
    return (getattr(settings, "PORTAL_URL", "") or "").rstrip("/")


def publicly_visible(page) -> bool:
    """Whether an anonymous reader may see this page (the rules of cms.visibility)."""
    if isinstance(page, DisclosurePage):
        return is_visible(page)
    if isinstance(page, CatalogueItemPage):
        return catalogue_item_visible(page)
    return page.live and not page.expired


@hooks.register("before_serve_page")
def send_page_urls_to_the_portal(page, request, serve_args, serve_kwargs):
    base = portal_url()
    if not publicly_visible(page.specific) or not (base or apps.is_installed("portal")):
        raise Http404
    relative = page.get_url_parts(request)
    path = relative[2] if relative else "/"
    if base:
        return HttpResponseRedirect(base + path)
    from portal.views import page as portal_page

    return portal_page(request, path)
