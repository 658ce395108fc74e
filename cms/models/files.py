"""Documents and images of disclosure entries: content-checked on upload, stored under random names,
served through Django (cms.file_access)."""

import os
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from ..uploads import validate_attachment

ORIGINAL_NAME_LENGTH = 255


def random_file_name(instance, folder: str, filename: str) -> str:
    """``<folder>/<32 random hex digits>.<extension>``: the uploader's file name never reaches storage
    or a URL (it may name a person, and a stored name must not be guessable). The name as uploaded is
    kept on the instance (``original_filename``) for the admin."""
    base = os.path.basename(filename)
    instance.original_filename = base[:ORIGINAL_NAME_LENGTH]
    extension = os.path.splitext(base)[1].lower().lstrip(".")
    extension = "".join(ch for ch in extension if ch.isascii() and ch.isalnum())[:8]
    token = secrets.token_hex(16)
    return f"{folder}/{token}.{extension}" if extension else f"{folder}/{token}"


def document_upload_to(instance, filename: str) -> str:
    return random_file_name(instance, "documents", filename)


class DisclosureDocument(AbstractDocument):
    """An attachment (附件): PDF, DOCX, XLSX or an image, its type judged by content.

    Downloads are named after the title (``filename``), not after the stored file or the uploader's file.
    """

    file = models.FileField(upload_to=document_upload_to, verbose_name=_("file"))
    original_filename = models.CharField(_("file name as uploaded"), max_length=ORIGINAL_NAME_LENGTH, blank=True,
                                         editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=120, blank=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_error = models.CharField(_("extraction error"), max_length=255, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def filename(self) -> str:
        """The download name: the title (checked by the personal-data guard) with the stored extension."""
        stored = os.path.basename(self.file.name or "")
        extension = os.path.splitext(stored)[1]
        title = "".join(ch for ch in (self.title or "") if ch.isprintable() and ch not in '/\\"').strip(" .")
        return f"{title[:100]}{extension}" if title else stored

    def check_file(self) -> None:
        """The upload rule for a document chosen in an entry (cms.uploads): the stored file must exist
        and be a PDF, DOCX, XLSX, JPEG or PNG by content, under DISCLOSURE_MAX_ATTACHMENT_BYTES."""
        try:
            with self.file.open("rb") as file:
                validate_attachment(file)
        except (OSError, ValueError) as error:
            raise ValidationError(_("The file of this document is missing."), code="missing") from error


class DisclosureImage(AbstractImage):
    """A photo or scan shown in an entry's gallery."""

    caption = models.CharField(_("caption"), max_length=255, blank=True)
    original_filename = models.CharField(_("file name as uploaded"), max_length=ORIGINAL_NAME_LENGTH, blank=True,
                                         editable=False)

    admin_form_fields = Image.admin_form_fields + ("caption",)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename: str) -> str:
        return random_file_name(self, "original_images", filename)


class DisclosureRendition(AbstractRendition):
    image = models.ForeignKey(DisclosureImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
