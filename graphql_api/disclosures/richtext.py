"""Rich text for portals: Wagtail's stored HTML rewritten to a small safe subset.

Only the tags and attributes below survive; scripts, styles, event handlers, ``javascript:`` URLs
and unknown markup are dropped (text is kept and escaped). Internal links become portal paths
(only to pages this reader may see; otherwise the link text stays without a link), document
links become download URLs, embedded images ``<img>`` of a rendition.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "b", "strong", "i", "em", "u", "s", "sub", "sup",
    "blockquote", "code", "hr", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "img",
}
VOID_TAGS = {"br", "hr", "img"}
DROP_CONTENT = {"script", "style", "iframe", "object", "template", "noscript", "svg", "math"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|/|#)", re.IGNORECASE)


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


class _Collector(HTMLParser):
    def __init__(self, references: References):
        super().__init__(convert_charrefs=True)
        self.references = references

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        kind = attrs.get("linktype") if tag == "a" else attrs.get("embedtype") if tag == "embed" else None
        target = {"page": self.references.pages, "document": self.references.documents,
                  "image": self.references.images}.get(kind)
        pk = _int(attrs.get("id"))
        if target is not None and pk is not None:
            target.add(pk)


def collect_references(html: str, references: References) -> None:
    collector = _Collector(references)
    collector.feed(html or "")
    collector.close()


class _Sanitiser(HTMLParser):
    def __init__(self, resolve):
        super().__init__(convert_charrefs=True)
        self.resolve = resolve
        self.out: list[str] = []
        self.open: list[str | None] = []  # emitted tag, or None for a dropped one
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping:
            return
        attrs = dict(attrs)
        if tag == "embed":
            self._embed(attrs)
            return
        if tag not in ALLOWED_TAGS:
            if tag not in VOID_TAGS:
                self.open.append(None)
            return
        kept = {}
        if tag == "a":
            href = self._href(attrs)
            if href is None:
                self.open.append(None)
                return
            kept["href"] = href
        else:
            for name in ALLOWED_ATTRIBUTES.get(tag, ()):
                value = attrs.get(name)
                if value is None:
                    continue
                if name == "src" and not SAFE_URL.match(value):
                    continue
                if name in ("colspan", "rowspan", "width", "height") and not str(value).isdigit():
                    continue
                kept[name] = value
        if tag == "img" and "src" not in kept:
            return
        self._emit(tag, kept)
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag != "embed" and not self.dropping and tag not in DROP_CONTENT:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag in VOID_TAGS or tag == "embed" or not self.open:
            return
        emitted = self.open.pop()
        if emitted:
            self.out.append(f"</{emitted}>")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def _emit(self, tag, attrs):
        rendered = "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in attrs.items())
        self.out.append(f"<{tag}{rendered}>")

    def _href(self, attrs):
        kind = attrs.get("linktype")
        if kind in ("page", "document"):
            return self.resolve(kind, _int(attrs.get("id")))
        href = (attrs.get("href") or "").strip()
        return href if href and SAFE_URL.match(href) else None

    def _embed(self, attrs):
        kind = attrs.get("embedtype")
        if kind == "image":
            src = self.resolve("image", _int(attrs.get("id")))
            if src:
                self._emit("img", {"src": src, "alt": attrs.get("alt") or ""})
        elif kind == "media":
            url = (attrs.get("url") or "").strip()
            if SAFE_URL.match(url):
                self._emit("a", {"href": url})
                self.out.append(escape(url, quote=False) + "</a>")

    def result(self) -> str:
        while self.open:
            emitted = self.open.pop()
            if emitted:
                self.out.append(f"</{emitted}>")
        return "".join(self.out)


def sanitise(html: str, resolve) -> str:
    """Safe HTML for portals; ``resolve(kind, id)`` gives the URL of a page, document or image (or None)."""
    sanitiser = _Sanitiser(resolve)
    sanitiser.feed(html or "")
    sanitiser.close()
    return sanitiser.result()


def plain_text(html: str) -> str:
    """The text of rich text, for summaries and snippets."""
    parts: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html or "")
    parser.close()
    return re.sub(r"\s+", " ", "".join(parts)).strip()
