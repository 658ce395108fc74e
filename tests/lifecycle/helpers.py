"""Entries with attachments and photos, and the people who act on them."""

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.models import GroupCollectionPermission

from cms.models import DisclosureDocument, DisclosureImage, DisclosurePage


def collection_of(organisation):
    return GroupCollectionPermission.objects.filter(group=organisation.editors).first().collection


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_document(organisation, name: str) -> DisclosureDocument:
    document = DisclosureDocument(title=name, collection=collection_of(organisation), mime_type="application/pdf")
    document.file.save(f"{name}.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    return document


def make_image(organisation, name: str) -> DisclosureImage:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buffer, "PNG")
    return DisclosureImage.objects.create(title=name, collection=collection_of(organisation),
                                          file=ImageFile(buffer, name=f"{name}.png"))


def body(document=None, image=None, block_id=None):
    """A body with an attachments block and a gallery block (their block ids: "<block_id>-a", "-g")."""
    block_id = block_id or uuid.uuid4().hex[:8]
    stream = DisclosurePage._meta.get_field("body").stream_block
    raw = []
    if document is not None:
        raw.append({"type": "attachments", "id": f"{block_id}-a", "value": [{"document": document.pk, "title": ""}]})
    if image is not None:
        raw.append({"type": "gallery", "id": f"{block_id}-g", "value": [{"image": image.pk, "caption": "会议现场"}]})
    return stream.to_python(raw)
