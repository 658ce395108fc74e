"""Wagtail's page URLs on a headless install: the public reads through portals (docs/architecture.md).

A page URL of a page the public may see redirects to the same path on ``PORTAL_URL`` when that is
set; otherwise an installed portal app may render it first with a hook of its own (the reference
portal does: ``portal/wagtail_hooks.py``, docs/portal.md). Every other page URL of the disclosure tree —
hidden, withdrawn, draft, missing, or any page while no portal is configured — answers the same 404, so
that a stranger cannot tell a hidden entry from a missing one. A host site's own pages (docs/install.md)
are not disclosure pages: Wagtail serves them as usual. Previews (the admin's 预览, view draft, revisions) do not pass here:
they render the ``cms/preview`` templates, which hand over to the reference portal's entry page
(``portal/preview.py``) with the public view of the revision shown.
"""

from django.http import Http404, HttpResponseRedirect

from cms.conf import setting

from .models import CatalogueItemPage, DisclosurePage
from .visibility import catalogue_item_visible, is_visible


def portal_url() -> str:
    return (setting("PORTAL_URL", "") or "").rstrip("/")


def publicly_visible(page) -> bool:
    """Whether an anonymous reader may see this page (the rules of cms.visibility)."""
    if isinstance(page, DisclosurePage):
        return is_visible(page)
    if isinstance(page, CatalogueItemPage):
        return catalogue_item_visible(page)
    return page.live and not page.expired


def is_disclosure_page(page) -> bool:
    """A page of the disclosure tree (portal home, unit, catalogue, row, entry): one of this app's page
    types. A host site's own pages are served by Wagtail as usual (docs/install.md)."""
    specific_class = page.specific_class
    return specific_class is not None and specific_class._meta.app_label == "cms"


def send_page_urls_to_the_portal(page, request, serve_args, serve_kwargs):
    if not is_disclosure_page(page):
        return None
    base = portal_url()
    if not base or not publicly_visible(page.specific):
        raise Http404
    relative = page.get_url_parts(request)
    return HttpResponseRedirect(base + (relative[2] if relative else "/"))
