"""Template access to the public view (cms.visibility) for the admin's previews."""

from django import template

from .. import visibility

register = template.Library()


@register.simple_tag
def public_body_of(page):
    """The blocks of ``page`` the public would see: withheld parts and blocks withheld by the secrecy
    review of the revision being previewed are left out (区分处理)."""
    if getattr(page, "preview_revision_id", None) is None:
        page.preview_revision_id = page.latest_revision_id or 0
    return visibility.public_body(page)
