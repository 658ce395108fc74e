"""Masking (去标识化): the standard masks of cms.privacy applied to every text of an entry at once.

The masks are applied to the latest revision and saved as a new revision (logged). Official contacts
(guard.public_contacts) are left as they are. Texts in attachments and in the media library cannot be
masked from the entry; they stay in the findings until the file is replaced or an exemption is recorded.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from cms.privacy import scan_text

from . import guard
from .texts import map_entry_texts


@dataclass
class MaskResult:
    """How many findings were masked, by kind, and the new revision (None when nothing changed)."""

    counts: Counter = field(default_factory=Counter)
    revision: object = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def masker(words, allowed, counts: Counter | None = None):
    """A function masking every finding in a text but official contacts, counting what it masks."""
    def mask(text: str) -> str:
        out, position = [], 0
        for finding in scan_text(text, "", words):
            if guard.is_public(finding, allowed):
                continue
            out += [text[position:finding.start], finding.mask]
            position = finding.end
            if counts is not None:
                counts[str(finding.kind)] += 1
        out.append(text[position:])
        return "".join(out)

    return mask


@transaction.atomic
def apply_masks(page, user) -> MaskResult:
    """Mask the latest revision of ``page`` and save the result as a new revision."""
    page = type(page).objects.get(pk=page.pk)
    revision = page.get_latest_revision()
    entry = revision.as_object() if revision else page.specific
    result = MaskResult()
    if not map_entry_texts(entry, masker(guard.sensitive_words(), guard.public_contacts(), result.counts)):
        return MaskResult()
    if not entry.live:
        entry.save()
    result.revision = entry.save_revision(user=user, log_action=True)
    log(instance=entry, action="moderation.mask", user=user, revision=result.revision,
        data={"counts": dict(result.counts), "total": result.total})
    return result

