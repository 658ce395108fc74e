"""The admin's previews in the portal's look: ``{% portal_entry_preview page %}`` (portal.preview)."""

from django import template
from django.utils.safestring import mark_safe

from ..preview import preview_entry

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_entry_preview(context, page):
    """The whole HTML page of an entry's preview, as the portal would show this revision to the public."""
    return mark_safe(preview_entry(context["request"], page))
