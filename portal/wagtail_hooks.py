"""Wagtail's page URLs render through the portal when it runs in the CMS process (no ``PORTAL_URL``).

The portal decides by what the API gives an anonymous reader (``cms.visibility`` behind it): a page it
does not return — hidden, withdrawn, a draft under a live parent — answers the same 404 as a missing one.
With ``PORTAL_URL`` set, ``cms.serving`` redirects public pages there and answers every other page URL 404."""

from wagtail import hooks

from cms.serving import portal_url

from .views import page as portal_page


@hooks.register("before_serve_page", order=-10)
def render_public_pages(page, request, serve_args, serve_kwargs):
    if portal_url():
        return None
    relative = page.get_url_parts(request)
    return portal_page(request, relative[2] if relative else "/")
