"""Every text of an entry with a readable location: its fields, every string in its body's blocks (rich
text, table cells, person lists, key facts, legal-basis quotes…), and the files the body points to.

The body is walked as stored (JSON) alongside its block definitions, so that one walk both reads every
text and writes masked text back without touching anything else.
"""

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Text fields of a DisclosurePage that readers see (page title, meta description, metadata).
ENTRY_FIELDS = ("title", "seo_title", "search_description", "document_number", "publishing_body", "summary",
                "keywords", "period_covered")
SEPARATOR = " › "

_TAG = re.compile(r"(<[^>]*>)")
_BLOCK_TAG = re.compile(r"^</?(p|h[1-6]|li|ul|ol|br|div|blockquote|tr|td|th)\b", re.IGNORECASE)
_HREF = re.compile(r'(\bhref=")([^"]*)(")', re.IGNORECASE)
_DOCUMENT_LINK = re.compile(r'<a\b[^>]*\blinktype="document"[^>]*>', re.IGNORECASE)
_ID_ATTR = re.compile(r'\bid="(\d+)"')


@dataclass(frozen=True)
class Text:
    """One text and where it is; ``maskable`` is False for texts in files and the media library."""

    location: str
    text: str
    maskable: bool = True


@dataclass
class Files:
    """The documents and images an entry's body points to, by id."""

    documents: list[int] = field(default_factory=list)
    images: list[int] = field(default_factory=list)


def rich_text_to_plain(source: str) -> str:
    """What a reader sees of stored rich text: block tags become line breaks, link targets are kept."""
    out = []
    for part in _TAG.split(source or ""):
        if part.startswith("<"):
            if _BLOCK_TAG.match(part):
                out.append("\n")
            for match in _HREF.finditer(part):
                out.append(f" {html.unescape(match.group(2))} ")
        else:
            out.append(html.unescape(part))
    return "".join(out).strip()


def map_rich_text(source: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the text and link targets of stored rich text, leaving the markup as it is."""
    def plain(part: str) -> str:
        text = html.unescape(part)
        changed = fn(text)
        return part if changed == text else html.escape(changed, quote=False)

    def href(match) -> str:
        target = html.unescape(match.group(2))
        changed = fn(target)
        return match.group(0) if changed == target else match.group(1) + html.escape(changed) + match.group(3)

    return "".join(_HREF.sub(href, part) if part.startswith("<") else plain(part)
                   for part in _TAG.split(source or ""))


def _is_text_block(block) -> bool:
    if isinstance(block, blocks.RichTextBlock):
        return True
    return isinstance(block, blocks.FieldBlock) and isinstance(getattr(block, "field", None), forms.CharField)


def _is_list_item(item) -> bool:
    return isinstance(item, dict) and "id" in item and "value" in item and item.get("type") == "item"


def walk(block, raw, path: tuple, visit: Callable):
    """Walk stored block data; ``visit(block, raw, path)`` returns the value to keep for each leaf."""
    if isinstance(block, blocks.StreamBlock):
        out = []
        for index, item in enumerate(raw or []):
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is None:
                out.append(item)
                continue
            label = _("%(label)s (block %(number)s)") % {"label": capfirst(str(child.label)), "number": index + 1}
            out.append({**item, "value": walk(child, item.get("value"), (*path, label), visit)})
        return out
    if isinstance(block, blocks.ListBlock):
        out = []
        child = block.child_block
        for index, item in enumerate(raw or []):
            step = (*path, f"{capfirst(str(child.label))} {index + 1}")
            if _is_list_item(item):
                out.append({**item, "value": walk(child, item["value"], step, visit)})
            else:
                out.append(walk(child, item, step, visit))
        return out
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        out = dict(raw)
        for name, child in block.child_blocks.items():
            if name in raw:
                out[name] = walk(child, raw[name], (*path, capfirst(str(child.label))), visit)
        return out
    return visit(block, raw, path)


def _body(page):
    stream_block = type(page)._meta.get_field("body").stream_block
    return stream_block, list(page.body.raw_data) if page.body is not None else []


def entry_texts(page) -> Iterator[Text]:
    """The entry's own texts: its fields and every string in its body."""
    for name in ENTRY_FIELDS:
        value = getattr(page, name, "")
        if value:
            yield Text(capfirst(str(type(page)._meta.get_field(name).verbose_name)), str(value))
    found = []

    def visit(block, raw, path):
        if isinstance(raw, str) and raw and _is_text_block(block):
            text = rich_text_to_plain(raw) if isinstance(block, blocks.RichTextBlock) else raw
            found.append(Text(SEPARATOR.join(path), text))
        return raw

    stream_block, raw = _body(page)
    walk(stream_block, raw, (capfirst(str(type(page)._meta.get_field("body").verbose_name)),), visit)
    yield from found


def map_entry_texts(page, fn: Callable[[str], str]) -> int:
    """Apply ``fn`` to every text of the entry in place (fields and body); return how many changed."""
    changed = 0
    for name in ENTRY_FIELDS:
        value = getattr(page, name, "")
        new = fn(value) if value else value
        if new != value:
            setattr(page, name, new)
            changed += 1

    def visit(block, raw, path):
        nonlocal changed
        if not (isinstance(raw, str) and raw and _is_text_block(block)):
            return raw
        new = map_rich_text(raw, fn) if isinstance(block, blocks.RichTextBlock) else fn(raw)
        changed += new != raw
        return new

    stream_block, raw = _body(page)
    before = changed
    new_raw = walk(stream_block, raw, (), visit)
    if changed != before:
        page.body = new_raw
    return changed


def referenced_files(page) -> Files:
    """Documents (attachments and rich-text document links) and gallery images of the body, in order."""
    files = Files()

    def visit(block, raw, path):
        if isinstance(block, DocumentChooserBlock) and raw:
            files.documents.append(int(raw))
        elif isinstance(block, ImageChooserBlock) and raw:
            files.images.append(int(raw))
        elif isinstance(block, blocks.RichTextBlock) and isinstance(raw, str):
            for tag in _DOCUMENT_LINK.findall(raw):
                match = _ID_ATTR.search(tag)
                if match:
                    files.documents.append(int(match.group(1)))
        return raw

    stream_block, raw = _body(page)
    walk(stream_block, raw, (), visit)
    files.documents = list(dict.fromkeys(files.documents))
    files.images = list(dict.fromkeys(files.images))
    return files
