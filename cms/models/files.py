"""Documents and images of disclosure entries: content-checked on upload, served through Django."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class DisclosureDocument(AbstractDocument):
    """An attachment (附件): PDF, DOCX, XLSX or an image, its type judged by content."""

    mime_type = models.CharField(_("MIME type"), max_length=120, blank=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_error = models.CharField(_("extraction error"), max_length=255, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class DisclosureImage(AbstractImage):
    """A photo or scan shown in an entry's gallery."""

    caption = models.CharField(_("caption"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("caption",)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class DisclosureRendition(AbstractRendition):
    image = models.ForeignKey(DisclosureImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
