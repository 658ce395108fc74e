"""Texts of the files an entry shows: attachment text (extracted once, cached on the document) and the
titles and captions of documents and images from the media library. None of them can be masked from the
entry: the file is replaced, or the secrecy reviewer records an exemption."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.models import DisclosureDocument, DisclosureImage
from cms.privacy import Extraction, extract_text_isolated

from .texts import Files, Text

# Extraction results that mean "there is no text" rather than "the file could not be read" (images and
# other unsupported files are listed as not checked: nobody reads them but a person).
NOT_TEXT = {"empty"}
MISSING = "missing"


@dataclass(frozen=True)
class Unchecked:
    """A file whose text could not be read, so it was not checked."""

    location: str
    reason: str


def document_text(document: DisclosureDocument) -> tuple[str, str]:
    """The text of a document and the extraction error code ("" when none); extracted on first use."""
    if document.extracted_text or document.extraction_error:
        return document.extracted_text, document.extraction_error
    try:
        with document.file.open("rb") as file:
            result = extract_text_isolated(file)
        text, error = result.text, result.error or ""
    except (OSError, ValueError):
        text, error = "", MISSING
    DisclosureDocument.objects.filter(pk=document.pk).update(extracted_text=text, extraction_error=error)
    document.extracted_text, document.extraction_error = text, error
    return text, error


def error_message(code: str) -> str:
    """The reader's explanation of an extraction error code."""
    if code == MISSING:
        return _("The file is missing.")
    try:
        return str(Extraction(error=code).error_message)
    except KeyError:
        return code


def _attachment(document) -> str:
    return _("Attachment “%(title)s”") % {"title": document.title}


def file_texts(files: Files) -> tuple[list[Text], list[Unchecked]]:
    """Texts of the referenced files (line by line, located) and the files that could not be read."""
    texts, unchecked = [], []
    documents = DisclosureDocument.objects.in_bulk(files.documents)
    for pk in files.documents:
        document = documents.get(pk)
        if document is None:
            continue
        where = _attachment(document)
        texts.append(Text(_("%(where)s, title") % {"where": where}, document.title, maskable=False))
        text, error = document_text(document)
        if error and error not in NOT_TEXT:
            unchecked.append(Unchecked(where, error_message(error)))
        texts.extend(_lines(where, text))
    images = DisclosureImage.objects.in_bulk(files.images)
    for pk in files.images:
        image = images.get(pk)
        if image is None:
            continue
        where = _("Image “%(title)s”") % {"title": image.title}
        texts.append(Text(_("%(where)s, title") % {"where": where}, image.title, maskable=False))
        if image.caption:
            texts.append(Text(_("%(where)s, caption") % {"where": where}, image.caption, maskable=False))
    return texts, unchecked


def _lines(where: str, text: str) -> Iterator[Text]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield Text(_("%(where)s, line %(number)s") % {"where": where, "number": number}, line, maskable=False)
