"""The personal-data guard: no path makes an entry live while it has unmasked findings (domain.md §5).

A ``pre_save`` receiver (cms/moderation/signals.py) calls ``assert_may_go_live`` whenever a revision goes live: editor publish, the
last workflow approval, scheduled publishing, programmatic ``revision.publish()``. It scans every text of
the revision (fields, body, attachment text) and raises ``ValidationError`` listing the findings
(location and masked suggestion) unless the secrecy reviewer recorded a privacy exemption with its legal
basis on that very revision. The admin paths call ``check`` first and show the findings instead.

Blocks withheld from the public (区分处理: the entry's withheld parts and the blocks withheld by the secrecy
review governing the revision) never reach the public, so findings in them, or in files only they show, do
not block publishing (docs/privacy.md, "The guard").
"""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.models import DisclosureDocument, Organisation
from cms.privacy import extract_text_isolated, scan_text

from .attachments import file_texts
from .lists import PublicContact, SensitiveWord
from .records import exemption_for, withheld_block_ids
from .texts import Files, Text, entry_texts, referenced_files

MESSAGE_LIMIT = 20


def normalise(value: str) -> str:
    """Compare contacts by what they are: an e-mail address in lower case, a number by its digits."""
    value = value.strip()
    if "@" in value:
        return value.lower()
    return "".join(ch for ch in value if ch.isdigit())


@dataclass(frozen=True)
class Item:
    """A finding of the scanner (cms.privacy.Finding) and whether the entry's masking can fix it."""
    finding: object
    maskable: bool

    @property
    def message(self) -> str:
        return _("%(location)s: %(kind)s, suggested %(mask)s") % {
            "location": self.finding.location, "kind": self.finding.label, "mask": self.finding.mask}


@dataclass
class Report:
    """What the guard found in one revision of an entry, and the exemption that covers it, if any."""

    title: str
    items: list[Item] = field(default_factory=list)
    unchecked: list = field(default_factory=list)
    exemption: object = None

    @property
    def blocking(self) -> bool:
        return bool(self.items) and self.exemption is None

    @property
    def maskable(self) -> list[Item]:
        return [item for item in self.items if item.maskable]

    @property
    def in_files(self) -> list[Item]:
        return [item for item in self.items if not item.maskable]

    @property
    def headline(self) -> str:
        return _("“%(title)s” contains personal data and cannot be published. Mask it, or the secrecy "
                 "reviewer records an exemption with its legal basis.") % {"title": self.title}

    def messages(self, limit: int = MESSAGE_LIMIT) -> list[str]:
        lines = [self.headline] + [item.message for item in self.items[:limit]]
        if len(self.items) > limit:
            lines.append(_("… and %(count)s more.") % {"count": len(self.items) - limit})
        return lines


def sensitive_words() -> tuple[str, ...]:
    return tuple(SensitiveWord.objects.filter(active=True).values_list("word", flat=True))


def public_contacts() -> frozenset[str]:
    values = list(PublicContact.objects.values_list("value", flat=True))
    values += Organisation.objects.exclude(contact_phone="").values_list("contact_phone", flat=True)
    return frozenset(filter(None, map(normalise, values)))


def is_public(finding, allowed: frozenset[str]) -> bool:
    return finding.kind in ("mobile", "landline", "email") and normalise(finding.text) in allowed


@dataclass(frozen=True)
class _AtRevision:
    """An entry as it would be with ``live_revision_id`` live: what records.withheld_block_ids reads."""

    pk: int
    live_revision_id: int


def withheld_blocks(page, revision_id) -> set[str]:
    """Ids of the body blocks that stay withheld (区分处理) when revision ``revision_id`` goes live: the
    entry's own withheld parts and the blocks of the secrecy review governing that revision."""
    own = {part.block_id for part in page.withheld_parts.all() if part.block_id}
    if page.pk and revision_id:
        own |= withheld_block_ids(_AtRevision(page.pk, revision_id))
    return own


def public_part(page, withheld):
    """The entry without the body blocks ``withheld`` (a copy; the entry itself is left as it is)."""
    if not withheld or page.body is None:
        return page
    public = copy.copy(page)
    public.body = [block for block in page.body.raw_data if block.get("id") not in withheld]
    return public


def _has_findings(texts, words, allowed) -> bool:

    return any(not is_public(finding, allowed) for text in texts for finding in scan_text(text.text, "", words))


def located_file_texts(files, words=(), allowed=frozenset()):
    """attachments.file_texts, with the text of an attachment that holds findings read again from its file
    so that each finding names its exact place: page (PDF), paragraph or table cell (DOCX), sheet and cell
    (XLSX), line (plain text), instead of a line of the stored text (docs/privacy.md, "Attachments")."""
    texts, unchecked = file_texts(Files(images=files.images))
    documents = DisclosureDocument.objects.in_bulk(files.documents)
    for pk in files.documents:
        document_texts, document_unchecked = file_texts(Files(documents=[pk]))
        unchecked += document_unchecked
        title, lines = document_texts[:1], document_texts[1:]
        if lines and _has_findings(lines, words, allowed):
            try:
                with documents[pk].file.open("rb") as file:
                    extraction = extract_text_isolated(file)
            except (OSError, ValueError):
                extraction = None
            if extraction is not None and not extraction.error:
                where = _("Attachment “%(title)s”") % {"title": documents[pk].title}
                lines = [Text(_("%(where)s, %(place)s") % {"where": where, "place": part.label}, part.text,
                              maskable=False) for part in extraction.parts]
        texts += title + lines
    return texts, unchecked


def scan(page, withheld=frozenset()) -> Report:
    """Every finding in the entry's texts and files, leaving out the body blocks ``withheld`` and the files
    only they show (no exemption looked up)."""
    page = public_part(page, withheld)
    words, allowed = sensitive_words(), public_contacts()
    texts = list(entry_texts(page))
    more, unchecked = located_file_texts(referenced_files(page), words, allowed)
    report = Report(title=page.title, unchecked=unchecked)
    for text in texts + more:
        for finding in scan_text(text.text, text.location, words):
            if not is_public(finding, allowed):
                report.items.append(Item(finding, text.maskable))
    return report


def check(page, revision_id=None, withheld=None) -> Report:
    """``scan`` of what the public would see of revision ``revision_id`` (the revision going live), plus
    the exemption recorded on it. ``withheld`` replaces the blocks withheld by the governing secrecy review,
    for the secrecy review form, which checks the blocks its reviewer is withholding now."""
    if withheld is None:
        withheld = withheld_blocks(page, revision_id)
    else:
        withheld = set(withheld) | {part.block_id for part in page.withheld_parts.all() if part.block_id}
    report = scan(page, withheld)
    if report.items:
        report.exemption = exemption_for(revision_id)
    return report


def assert_may_go_live(page) -> None:
    """Raise django.core.exceptions.ValidationError listing the findings, unless exempted on that revision."""
    report = check(page, page.live_revision_id)
    if report.blocking:
        raise ValidationError(report.messages(), code="personal_data")
