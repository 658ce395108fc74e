"""The public body of entries, built for a whole batch of entries at once.

Withheld blocks (区分处理) are dropped first, by the public view (``cms.visibility``), for published
entries and previews alike. The remaining raw blocks of every entry in the batch
go into one lazy ``StreamValue``, so that Wagtail's ``bulk_to_python`` fetches the documents and
images of all entries with one query per model; rich-text links are resolved in one query per kind.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.conf import setting
from cms.models import DisclosureDocument, DisclosurePage
from cms.visibility import public_raw_bodies

from ..core.context import api_context
from ..core.dataloaders import DataLoader
from ..core.urls import file_url, portal_path
from .richtext import References, collect_references, sanitise

RENDITION_SIZES = {"thumbnail": "fill-320x240", "medium": "max-800x800", "large": "max-1600x1600"}
RICH_TEXT_IMAGE_SIZE = "medium"


def rendition_specs() -> dict[str, str]:
    return {**RENDITION_SIZES, **setting("GRAPHQL_IMAGE_RENDITIONS", {})}


@dataclass
class Block:
    """One public body block: ``value`` is Wagtail's Python value (StructValue, RichText, …)."""

    id: str
    type: str
    value: object
    entry: DisclosurePage
    links: dict = field(default_factory=dict)  # (kind, id) -> URL, for rich text


def entry_key(info, entry) -> tuple:
    """The loader key of an entry object; preview objects (draft revisions) get their own."""
    revision_id = getattr(entry, "preview_revision_id", None)
    key = (entry.pk, revision_id)
    api_context(info).memo.setdefault("entries", {})[key] = entry
    return key


class BodyByEntryLoader(DataLoader):
    default = ()

    def batch_load(self, keys):
        registry = self.context.memo["entries"]
        batch = [registry[key] for key in keys]
        raw_bodies = public_raw_bodies(batch)
        bodies = DisclosurePage.bind_bodies(raw_bodies)
        links = self._rich_text_links([child for body in bodies for child in body])
        return [[Block(child.id, child.block_type, child.value, entry, links) for child in body]
                for entry, body in zip(batch, bodies)]

    def _rich_text_links(self, bound) -> dict:
        references = References()
        for child in bound:
            for source in rich_text_sources(child.value):
                collect_references(source, references)
        links = {}
        if references.pages:
            from .dataloaders import VisibleEntryByIdLoader

            visible = VisibleEntryByIdLoader.get(self.request).load_now(references.pages)
            found = {pk: entry.url_path for pk, entry in visible.items() if entry is not None}
            rest = references.pages - set(found)
            if rest:
                found.update(Page.objects.live().public().filter(pk__in=rest).not_type(DisclosurePage)
                             .values_list("pk", "url_path"))
            for pk, url_path in found.items():
                links[("page", pk)] = portal_path(url_path)
        if references.documents:
            known = {document.pk: document for document in attached_documents(bound)}
            missing = references.documents - set(known)
            if missing:
                known.update(DisclosureDocument.objects.in_bulk(missing))
            for pk in references.documents:
                if pk in known:
                    links[("document", pk)] = file_url(self.request, known[pk].url, known[pk])
        if references.images:
            images = list(get_image_model().objects.filter(pk__in=references.images))
            renditions = RenditionLoader.get(self.request)
            renditions.remember(images)
            for (pk, _size), rendition in renditions.load_now([(image.pk, RICH_TEXT_IMAGE_SIZE)
                                                                for image in images]).items():
                if rendition is not None:
                    links[("image", pk)] = rendition["url"]
        return links


def attached_documents(bound) -> list:
    """Documents already loaded by the attachment blocks of a batch."""
    documents = []
    for child in bound:
        if child.block_type == "attachments":
            documents.extend(item.get("document") for item in child.value if item.get("document") is not None)
    return documents


def rich_text_sources(value) -> list[str]:
    """Stored HTML of the rich text in a block value (top level or inside a struct)."""
    from wagtail.rich_text import RichText

    if isinstance(value, RichText):
        return [value.source]
    if hasattr(value, "items") and not isinstance(value, str):
        return [item.source for _name, item in value.items() if isinstance(item, RichText)]
    return []


def render_rich_text(block: Block, value) -> str:
    return sanitise(value.source, lambda kind, pk: block.links.get((kind, pk)))


class RenditionLoader(DataLoader):
    """Renditions of images by (image id, size name): existing ones in one query, missing ones made."""

    def __init__(self, info_or_request):
        super().__init__(info_or_request)
        self.images = {}

    def remember(self, images) -> None:
        for image in images:
            if image is not None:
                self.images.setdefault(image.pk, image)

    def batch_load(self, keys):
        specs = rendition_specs()
        images = [self.images[pk] for pk in {pk for pk, _size in keys} if pk in self.images]
        rendition_model = get_image_model().get_rendition_model()
        # Django fetches only the images whose renditions are not prefetched yet (no query if none).
        prefetch_related_objects(images, Prefetch(
            "renditions", queryset=rendition_model.objects.filter(filter_spec__in=set(specs.values()))))
        found = {}
        for pk, size in keys:
            image = self.images.get(pk)
            if image is None or size not in specs:
                continue
            try:
                rendition = image.get_rendition(specs[size])
            except Exception:  # noqa: BLE001 - a missing or broken source file shows no picture
                continue
            found[(pk, size)] = {"url": file_url(self.request, rendition.url, image), "width": rendition.width,
                                 "height": rendition.height}
        return found
