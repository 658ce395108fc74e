"""Rich text for portals: Wagtail's stored HTML with its links resolved, then sanitised by nh3.

Wagtail's rich-text rewriters turn ``<a linktype="page|document">`` and ``<embed embedtype="image|media">``
into portal URLs (a page link only when this reader may see the page; otherwise the text stays,
unlinked). nh3 (ammonia) then keeps only ``ALLOWED_TAGS`` and ``ALLOWED_ATTRIBUTES``: scripts, styles,
event handlers and unknown markup go. Links and images keep only ``http``, ``https``, ``mailto`` and
``tel`` URLs, root-relative paths and fragments: ``javascript:``/``data:`` URLs, paths relative to
the portal's page and protocol-relative ``//host`` (or ``/\\host``) URLs are removed.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.html import format_html
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "b", "strong", "i", "em", "u", "s", "sub", "sup",
    "blockquote", "code", "hr", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
NUMERIC_ATTRIBUTES = {"colspan", "rowspan", "width", "height"}
DROP_CONTENT = {"script", "style", "iframe", "object", "template", "noscript", "svg", "math"}
IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # browsers delete these anywhere in a URL
TRIMMED_FROM_URLS = "".join(chr(code) for code in range(0x21))  # and trim C0 controls and spaces


@dataclass
class References:
    """Ids referenced by stored rich text, to be loaded in one batch."""

    pages: set = field(default_factory=set)
    documents: set = field(default_factory=set)
    images: set = field(default_factory=set)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _relative_url(url: str) -> str | None:
    """A root-relative path or a fragment, as browsers will read it; anything that could leave the site
    (``//host``, ``/\\host``) or depends on the portal page's own path is dropped."""
    url = IGNORED_IN_URLS.sub("", url).strip(TRIMMED_FROM_URLS)
    if url.startswith("#") or (url.startswith("/") and url[1:2] not in ("/", "\\")):
        return url
    return None


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Sizes and spans are plain numbers; any other value of them is dropped."""
    if name in NUMERIC_ATTRIBUTES and not (value.isascii() and value.isdigit()):
        return None
    return value


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, clean_content_tags=DROP_CONTENT, url_schemes=URL_SCHEMES,
    url_relative=_relative_url, attribute_filter=_attribute, strip_comments=True, link_rel=None,
)
TEXT_ONLY = nh3.Cleaner(tags=set(), attributes={}, clean_content_tags=DROP_CONTENT, link_rel=None)


def _reference(kind: str):
    def extract(attrs: dict):
        pk = _int(attrs.get("id"))
        return [(kind, pk)] if pk is not None else []
    return extract


REFERENCES = MultiRuleRewriter([
    LinkRewriter(reference_extractors={"page": _reference("page"), "document": _reference("document")}),
    EmbedRewriter(reference_extractors={"image": _reference("image")}),
])


def collect_references(source: str, references: References) -> None:
    """Add the pages, documents and images that ``source`` links to or embeds."""
    found = {"page": references.pages, "document": references.documents, "image": references.images}
    for kind, pk in REFERENCES.extract_references(source or ""):
        found[kind].add(pk)


def _rewriter(resolve) -> MultiRuleRewriter:
    def link(kind):
        def opening_tag(attrs):
            url = resolve(kind, _int(attrs.get("id")))
            return format_html('<a href="{}">', url) if url else "<a>"
        return opening_tag

    def image(attrs):
        src = resolve("image", _int(attrs.get("id")))
        return format_html('<img src="{}" alt="{}">', src, attrs.get("alt") or "") if src else ""

    def media(attrs):
        url = (attrs.get("url") or "").strip()
        return format_html('<a href="{}">{}</a>', url, url) if url else ""

    return MultiRuleRewriter([
        LinkRewriter(rules={"page": link("page"), "document": link("document")}),
        EmbedRewriter(rules={"image": image, "media": media}),
    ])


def sanitise(source: str, resolve) -> str:
    """Safe HTML for portals; ``resolve(kind, id)`` gives the URL of a page, document or image (or None)."""
    return CLEANER.clean(_rewriter(resolve)(source or ""))


def plain_text(source: str) -> str:
    """The text of rich text, for summaries and snippets."""
    return re.sub(r"\s+", " ", html.unescape(TEXT_ONLY.clean(source or ""))).strip()
