"""Admin forms of our own."""

from wagtail.documents.forms import BaseDocumentForm

from .uploads import validate_attachment


class DisclosureDocumentForm(BaseDocumentForm):
    """Attachment upload: the type is judged by content and the size limited (cms.uploads)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            kind = validate_attachment(file)
            self.instance.mime_type = kind.mime_type
        return file
