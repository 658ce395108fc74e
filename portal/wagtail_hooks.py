"""Wagtail's page URLs of public pages render through the portal when it runs in the CMS process
(no ``PORTAL_URL``); ``cms.serving`` answers every other page URL (redirect or the same 404)."""

from wagtail import hooks

from cms.serving import portal_url, publicly_visible

from .views import page as portal_page


@hooks.register("before_serve_page", order=-10)
def render_public_pages(page, request, serve_args, serve_kwargs):
    if portal_url() or not publicly_visible(page.specific):
        return None
    relative = page.get_url_parts(request)
    return portal_page(request, relative[2] if relative else "/")
