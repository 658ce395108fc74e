"""Upload checks: an attachment's type is decided by its content, never by its name."""

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cms.conf import setting

# Kind of file -> (filetype extension, MIME type).
ATTACHMENT_KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
HEADER_BYTES = 262144


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime_type: str


def sniff(file) -> FileKind | None:
    """Return the kind of an uploaded file judged from its first bytes, or None."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEADER_BYTES)
    file.seek(position)
    guess = filetype.guess(head)
    if guess is None or guess.extension not in ATTACHMENT_KINDS:
        return None
    return FileKind(guess.extension, ATTACHMENT_KINDS[guess.extension])


def validate_attachment(file, max_bytes: int | None = None) -> FileKind:
    """Refuse files that are too large or whose content is not PDF, DOCX, XLSX, JPEG or PNG."""
    max_bytes = max_bytes or setting("MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    kind = sniff(file)
    if kind is None:
        raise ValidationError(
            _("Only PDF, DOCX, XLSX, JPEG and PNG files are accepted; the content of this file is none of them."),
            code="bad_type",
        )
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "jpeg":
        extension = "jpg"
    if extension and extension != kind.extension:
        raise ValidationError(
            _("The file is named .%(named)s but its content is %(actual)s.")
            % {"named": extension, "actual": kind.extension.upper()},
            code="name_mismatch",
        )
    return kind
