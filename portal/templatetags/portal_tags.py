"""Filters of the portal's templates."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_NOT_EM = re.compile(r"<(?!/?em>)")


@register.filter
def marked(value) -> str:
    """The API's highlighted text (HTML-escaped, with ``<em>`` marks) as HTML: any other ``<`` is escaped
    again, so that only the marks can ever become markup."""
    return mark_safe(_NOT_EM.sub("&lt;", str(value or "")))


@register.filter
def amount(value) -> str:
    """A number with thousands separators and two decimals (or the empty string)."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def cell(value, numeric=False) -> str:
    """A financial table cell: its text as entered, else its number."""
    if not value:
        return ""
    if value.get("text") not in (None, ""):
        return value["text"]
    number = value.get("number")
    if number is None:
        return ""
    return f"{number:,.2f}" if numeric and number != int(number) else f"{number:,.0f}" if numeric else str(number)


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.filter
def filesize_cn(value) -> str:
    """Bytes as 字节 / KB / MB."""
    if not isinstance(value, int) or value < 0:
        return "大小未知"
    if value < 1024:
        return f"{value} 字节"
    if value < 1024 * 1024:
        return f"{value / 1024:.1f} KB"
    return f"{value / 1024 / 1024:.1f} MB"


@register.simple_tag(takes_context=True)
def text_size_url(context, size: str) -> str:
    """The link that switches to ``size`` (large / normal) and comes back to this page."""
    from urllib.parse import urlencode

    request = context.get("request")
    here = "/"
    if request is not None:
        here = request.path + (f"?{request.GET.urlencode()}" if request.GET else "")
    return "/text-size/?" + urlencode({"size": size, "next": here})
