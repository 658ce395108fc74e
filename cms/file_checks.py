"""Files after publication: a document or image that live entries show cannot change around the
personal-data guard (去标识化, domain.md §5).

* **Reading.** A document's text is extracted when its file is uploaded or replaced, by the
  :func:`extract_document_text` task (django-tasks, enqueued after commit); search re-indexes the
  entries that attach it.
* **Replacing.** When live entries (:func:`cms.visibility.live_entries`) refer to the file in their
  live content (Wagtail's reference index), a new file, title or caption is checked at once with the
  scanner and the guard's word list and public contacts. Findings refuse the change, naming those
  entries; so does a new file that cannot be read (a new picture, an encrypted or damaged document),
  since no reviewer sees it. The old file stays. A secrecy exemption recorded for an entry's revision
  covered the file the reviewer saw, never a later one: new content goes through a new revision.
  :class:`DocumentForm` and :class:`ImageForm` show the refusal in the admin; the ``pre_save``
  receivers refuse the same change made in code (``ValidationError``).

The receivers (``check_file_change``, ``file_saved``) are connected by ``CmsConfig.ready()``.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.images.forms import BaseImageForm
from wagtail.models import ReferenceIndex
from wagtail.utils.file import hash_filelike

from .forms import DisclosureDocumentForm
from .models import DisclosureDocument, DisclosureImage, DisclosurePage
from .moderation import guard
from .moderation.attachments import MISSING, NOT_TEXT, error_message
from .privacy import extract_text_isolated, scan_text
from .visibility import live_entries

LISTED_ENTRIES = 5
LISTED_FINDINGS = 5
CHECKED_FIELDS = {"file", "file_hash", "title", "caption"}


@dataclass(frozen=True)
class Reading:
    """The text read from one file (``error``: an extraction error code, "" when read)."""

    file_hash: str
    text: str
    error: str


def read_file(file) -> Reading:
    """Extract the text of an open file, or of a stored field file, in a child process (cms.privacy)."""
    try:
        if hasattr(file, "open") and getattr(file, "closed", False):
            file.open("rb")
        file.seek(0)
        file_hash = hash_filelike(file)
        file.seek(0)
        result = extract_text_isolated(file)
    except (OSError, ValueError):
        return Reading("", "", MISSING)
    return Reading(file_hash, result.text, result.error or "")


# Which entries show a file ------------------------------------------------------------------------


def entry_ids_using(obj) -> set[int]:
    """Ids of entries whose saved content refers to ``obj`` (live or not), by the reference index."""
    references = ReferenceIndex.get_references_to(obj).filter(
        content_type=ContentType.objects.get_for_model(DisclosurePage))
    return {int(pk) for pk in references.values_list("object_id", flat=True) if str(pk).isdigit()}


def live_entries_using(obj) -> list[DisclosurePage]:
    """Live entries that show ``obj`` (a document or an image) anywhere in their live content."""
    ids = entry_ids_using(obj)
    if not ids:
        return []
    return list(live_entries().filter(pk__in=ids).order_by("pk"))


# The check ----------------------------------------------------------------------------------------


def _entry_list(entries) -> str:
    names = [_("“%(title)s” (%(index)s)") % {"title": entry.title, "index": entry.index_number or entry.pk}
             for entry in entries[:LISTED_ENTRIES]]
    if len(entries) > LISTED_ENTRIES:
        names.append(_("and %(count)s more") % {"count": len(entries) - LISTED_ENTRIES})
    return ", ".join(names)


def findings_in(texts: list[tuple[str, str]]) -> list[guard.Item]:
    """Findings the guard would block in these ``(location, text)`` pairs (public contacts allowed)."""
    words, allowed = guard.sensitive_words(), guard.public_contacts()
    items = []
    for location, text in texts:
        for finding in scan_text(text, location, words):
            if not guard.is_public(finding, allowed):
                items.append(guard.Item(finding, maskable=False))
    return items


def check_change(obj, *, title: str | None = None, caption: str | None = None, new_file=None) -> Reading | None:
    """Refuse (``ValidationError``) a new title, caption or file of ``obj`` (as stored) that live entries
    would show with personal data, or a new file they would show unchecked. Returns the new file's
    reading when it was read here (only while live entries show the file; otherwise the
    :func:`extract_document_text` job reads it after the save)."""
    entries = live_entries_using(obj)
    if not entries:
        return None
    reading = read_file(new_file) if new_file is not None and isinstance(obj, DisclosureDocument) else None
    where = (_("Attachment “%(title)s”") if isinstance(obj, DisclosureDocument) else _("Image “%(title)s”")) % {
        "title": obj.title}
    if new_file is not None and isinstance(obj, DisclosureImage):
        raise ValidationError(
            _("Not saved: published entries show this image (%(entries)s), and nobody can check a new picture "
              "for personal data before it is shown. Choose it in a new revision of those entries, so that "
              "it is reviewed."), code="unchecked_file", params={"entries": _entry_list(entries)})
    if reading is not None and reading.error and reading.error not in NOT_TEXT:
        raise ValidationError(
            _("Not saved: published entries show this file (%(entries)s), and the new file cannot be checked "
              "for personal data: %(reason)s Attach it in a new revision of those entries, so that it is "
              "reviewed."), code="unchecked_file",
            params={"entries": _entry_list(entries), "reason": error_message(reading.error)})
    texts = []
    if title is not None and title != obj.title:
        texts.append((_("%(where)s, title") % {"where": where}, title))
    if caption is not None and caption != getattr(obj, "caption", caption):
        texts.append((_("%(where)s, caption") % {"where": where}, caption))
    if reading is not None:
        texts += [(_("%(where)s, line %(number)s") % {"where": where, "number": number}, line)
                  for number, line in enumerate(reading.text.splitlines(), 1) if line.strip()]
    items = findings_in(texts)
    if items:
        shown = "; ".join(item.message for item in items[:LISTED_FINDINGS])
        if len(items) > LISTED_FINDINGS:
            shown += " " + _("… and %(count)s more.") % {"count": len(items) - LISTED_FINDINGS}
        raise ValidationError(
            _("Not saved: published entries show this file (%(entries)s), and the change would publish "
              "personal data: %(findings)s. Mask it in the file, or attach the file in a new revision of "
              "those entries, so that it is reviewed."),
            code="personal_data", params={"entries": _entry_list(entries), "findings": shown})
    return reading


# Admin forms --------------------------------------------------------------------------------------


class FileCheckFormMixin:
    """Runs :func:`check_change` in ``clean()``; a refusal is shown on the file field (or the form)."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk or self.errors:
            return cleaned
        new_file = cleaned.get("file") if "file" in self.changed_data else None
        title = cleaned.get("title") if "title" in self.changed_data else None
        caption = cleaned.get("caption") if "caption" in self.changed_data else None
        if new_file is None and title is None and caption is None:
            return cleaned
        try:
            reading = check_change(instance, title=title, caption=caption, new_file=new_file)
        except ValidationError as error:
            self.add_error("file" if new_file is not None else None, error)
            return cleaned
        instance._file_check = (reading.file_hash if reading else None, title, caption, reading)
        return cleaned

    def original_file_help(self):
        name = getattr(self.instance, "original_filename", "")
        if name and "file" in self.fields:
            self.fields["file"].help_text = _("Uploaded as “%(name)s”.") % {"name": name}


class DocumentForm(FileCheckFormMixin, DisclosureDocumentForm):
    """The attachment form: content-checked uploads (cms.forms) and the replacement check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_file_help()


class ImageForm(FileCheckFormMixin, BaseImageForm):
    """The image form with the replacement check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_file_help()


# Receivers ----------------------------------------------------------------------------------------


def _before(sender, instance) -> dict | None:
    fields = ["file", "file_hash", "title"] + (["caption"] if sender is DisclosureImage else [])
    return sender.objects.filter(pk=instance.pk).values(*fields).first()


def check_file_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """The replacement check for every save that changes the file, title or caption of a stored file
    (skipped when the admin form has just checked the same change)."""
    instance._file_changed = instance._file_touched = not raw and instance.pk is None
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & CHECKED_FIELDS):
        return
    stored = sender.objects.filter(pk=instance.pk).first()
    if stored is None:
        return
    file_changed = stored.file.name != instance.file.name or stored.file_hash != instance.file_hash
    title = instance.title if stored.title != instance.title else None
    caption = getattr(instance, "caption", None)
    caption = caption if caption != getattr(stored, "caption", None) else None
    instance._file_changed = file_changed
    instance._file_touched = file_changed or title is not None or caption is not None
    if not instance._file_touched:
        return
    checked, instance._file_check = getattr(instance, "_file_check", None), None
    if checked is not None and checked[1:3] == (title, caption) and (
            not file_changed or checked[0] in (None, instance.file_hash)):
        instance._file_reading = checked[3]
        return
    instance._file_reading = check_change(stored, title=title, caption=caption,
                                          new_file=instance.file if file_changed else None)


def file_saved(sender, instance, raw=False, **kwargs):
    """Store or queue the new file's text (unless it was created with its text). The search layer
    re-indexes the entries on the document's own save (search.signals)."""
    reading, instance._file_reading = getattr(instance, "_file_reading", None), None
    if raw or not getattr(instance, "_file_touched", False):
        return
    if sender is DisclosureDocument and instance._file_changed and not (
            kwargs.get("created") and (instance.extracted_text or instance.extraction_error)):
        if reading is not None and reading.file_hash and reading.file_hash == instance.file_hash:
            DisclosureDocument.objects.filter(pk=instance.pk).update(
                extracted_text=reading.text, extraction_error=reading.error)
            instance.extracted_text, instance.extraction_error = reading.text, reading.error
        else:
            pk, name = instance.pk, instance.file.name
            transaction.on_commit(lambda: extract_document_text.enqueue(pk, name), robust=True)


# Sent when a document's extracted text is stored by a bulk update (which sends no post_save), so that
# the search layer re-indexes the entries that attach it.
document_text_changed = Signal()


@task()
def extract_document_text(document_id: int, file_name: str) -> str:
    """Read the text of a document's file (skipped if the file was replaced meanwhile), store it, and
    queue the entries that attach it for re-indexing. Returns the extraction error code, "" if read."""
    document = DisclosureDocument.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        return "stale"
    reading = read_file(document.file)
    with transaction.atomic():
        updated = DisclosureDocument.objects.filter(pk=document_id, file=file_name).update(
            extracted_text=reading.text, extraction_error=reading.error)
        if updated:
            document_text_changed.send(sender=DisclosureDocument, document=document)
    return reading.error
