"""Attachments (附件) and photo galleries (会议照片) of a disclosure entry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

__all__ = [
    "AttachmentBlock",
    "AttachmentValue",
    "GalleryImageBlock",
    "GalleryImageValue",
    "check_document_file",
]


def check_document_file(document) -> None:
    """Apply the document model's upload rule to a chosen document (``check_file()``, which raises
    ValidationError); the rule belongs to the document model, so blocks need not know it."""
    check = getattr(document, "check_file", None)
    if check is not None:
        check()


class AttachmentValue(blocks.StructValue):
    """One attachment; the document is a cms.DisclosureDocument (or None if it was deleted)."""

    @property
    def display_title(self) -> str:
        """The title given in the block, else the document's title."""
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    @property
    def url(self) -> str | None:
        document = self.get("document")
        return document.url if document else None

    @property
    def mime_type(self) -> str:
        document = self.get("document")
        return getattr(document, "mime_type", "") if document else ""

    @property
    def file_extension(self) -> str:
        document = self.get("document")
        return document.file_extension.lower() if document else ""

    @property
    def file_size(self) -> int | None:
        document = self.get("document")
        return document.get_file_size() if document else None


class AttachmentBlock(blocks.StructBlock):
    """A document attached to an entry.

    Rule: the chosen document's file must pass the upload check (type judged by content: PDF, DOCX,
    XLSX, JPEG or PNG; size under DISCLOSURE_MAX_ATTACHMENT_BYTES), even if it entered the library
    another way. Never deferred: a draft cannot hold a refused file either.
    """

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=255, required=False,
                             help_text=_("Leave blank to use the document's title."))

    class Meta:
        label = _("Attachment")
        icon = "doc-full"
        value_class = AttachmentValue
        label_format = "{title}"

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None:
            try:
                check_document_file(document)
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"document": ValidationError(
                    _("“%(title)s” cannot be attached: %(reason)s"), code=error.code or "invalid",
                    params={"title": document.title, "reason": " ".join(error.messages)},
                )}) from error
        return value

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        return [value.display_title] if value.display_title else []


class GalleryImageValue(blocks.StructValue):
    """One photo of a gallery; the image is a cms.DisclosureImage (or None if it was deleted)."""

    @property
    def display_caption(self) -> str:
        """The caption given in the block, else the image's own caption."""
        image = self.get("image")
        return self.get("caption") or (getattr(image, "caption", "") if image else "")

    @property
    def alt_text(self) -> str:
        """Text for readers who cannot see the photo: the caption, else the image title."""
        image = self.get("image")
        return self.display_caption or (image.title if image else "")


class GalleryImageBlock(blocks.StructBlock):
    """A photo with its caption (e.g. a meeting photo)."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False,
                               help_text=_("Leave blank to use the image's caption."))

    class Meta:
        label = _("Photo")
        icon = "image"
        value_class = GalleryImageValue
        label_format = "{caption}"

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        return [value.display_caption] if value.display_caption else []
