"""The public side of feedback (docs/interaction.md §5): leave feedback, look it up, rate the reply, read a
unit's published answers.

``submit_online`` checks everything before it saves anything, then saves in one transaction: a refusal
leaves nothing behind. Refusals are ``Refusal``s (shared with applications.public) with a Chinese message,
the field and a code. Limits (settings through ``cms.conf.setting``):

- text sizes (``LIMITS``); a contact that is a phone of 7–20 digits or an e-mail address;
- up to ``FEEDBACK_MAX_FILES`` (3) files, PDF/JPEG/PNG by content, each at most ``FEEDBACK_MAX_FILE_BYTES`` (2 MB);
- the idempotency key (8–64 of ``[A-Za-z0-9_-]``): the same key again returns the first 查询码;
- rate limits: ``FEEDBACK_RATE_PER_ADDRESS`` (5) attempts per hour per address, ``FEEDBACK_RATE_PER_CONTACT``
  (10) accepted per day per contact (a keyed hash), ``FEEDBACK_LOOKUP_RATE_PER_ADDRESS`` (30) look-ups and
  ratings per hour per address;
- words of ``FEEDBACK_BLOCKED_WORDS`` (abuse) are refused; personal data and the sensitive-word list
  (cms.privacy scanner) are recorded and masked wherever the question is published.
"""

import base64
import binascii
import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting
from cms.public_input import FILE_TYPES, IDEMPOTENCY_KEY, Refusal, text
from cms.public_input import client_address as address_of
from cms.public_input import contact as checked_contact
from cms.models import CatalogueItemPage, DisclosurePage, Organisation
from cms.moderation.guard import normalise
from cms.visibility import visible_catalogue_items, visible_entries

from . import clocks, services
from .models import Feedback, FeedbackAttempt, Target
from .workflow import State

LIMITS = {"name": 60, "contact": 120, "text": 2000}
CODE_CHARS = frozenset("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

__all__ = ["Receipt", "Refusal", "Status", "lookup", "rate", "submit_online", "target_of", "unit_answers"]


@dataclass(frozen=True)
class Receipt:
    code: str
    received_on: datetime.date
    due_on: datetime.date | None
    findings: int = 0
    repeated: bool = False


@dataclass(frozen=True)
class TargetInfo:
    kind: str
    title: str
    organisation: Organisation
    entry: DisclosurePage | None = None
    catalogue_item: CatalogueItemPage | None = None


def _limited(data, name, required=False) -> str:
    return text(data, name, LIMITS[name], required)


def _id(value, name) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 12:
        number = int(value.strip())
    else:
        raise Refusal(_("This is not a valid id."), name)
    if not 0 < number < 2 ** 62:
        raise Refusal(_("This is not a valid id."), name)
    return number


def _unit(code, name="organisation_code") -> Organisation:
    parts = code.strip().split("-", 1) if isinstance(code, str) and len(code) <= 40 else []
    unit = (Organisation.objects.filter(region_code=parts[0], department_code=parts[1]).first()
            if len(parts) == 2 else None)
    if unit is None:
        raise Refusal(_("There is no such unit."), name)
    return unit


def target_of(entry_id=None, catalogue_item_id=None, organisation_code=None) -> TargetInfo:
    """What feedback is about: a public entry, a public catalogue row, or a unit; raises Refusal."""
    given = [value for value in (entry_id, catalogue_item_id, organisation_code) if value not in (None, "")]
    if len(given) != 1:
        raise Refusal(_("Give exactly one of an entry, a catalogue row and a unit."), "target")
    if entry_id not in (None, ""):
        entry = visible_entries().filter(pk=_id(entry_id, "entry_id")).select_related("organisation").first()
        if entry is None:
            raise Refusal(_("There is no such public entry."), "entry_id")
        return TargetInfo(Target.ENTRY, entry.title, entry.organisation, entry=entry)
    if catalogue_item_id not in (None, ""):
        row = (visible_catalogue_items().filter(pk=_id(catalogue_item_id, "catalogue_item_id"))
               .select_related("organisation").first())
        if row is None:
            raise Refusal(_("There is no such public catalogue row."), "catalogue_item_id")
        return TargetInfo(Target.ROW, row.title, row.organisation, catalogue_item=row)
    unit = _unit(organisation_code)
    return TargetInfo(Target.UNIT, unit.name, unit)


def _contact(data) -> str:
    return checked_contact(_limited(data, "contact", required=True))


def _files(data) -> list[ContentFile]:
    files = data.get("files") or []
    if not isinstance(files, list):
        raise Refusal(_("The files are not valid."), "files")
    most = int(setting("FEEDBACK_MAX_FILES", 3))
    if len(files) > most:
        raise Refusal(_("At most %(max)d files.") % {"max": most}, "files", "too_many")
    limit = int(setting("FEEDBACK_MAX_FILE_BYTES", 2 * 1024 * 1024))
    megabytes = f"{limit / 1024 / 1024:g}"
    out = []
    for item in files:
        if not isinstance(item, dict):
            raise Refusal(_("The files are not valid."), "files")
        name, content = item.get("name") or "", item.get("content_base64") or ""
        if not isinstance(name, str) or not isinstance(content, str) or len(name) > 100:
            raise Refusal(_("The files are not valid."), "files")
        if len(content) > limit * 4 // 3 + 4:
            raise Refusal(_("Each file may be at most %(mb)s MB.") % {"mb": megabytes}, "files", "too_large")
        try:
            raw = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise Refusal(_("A file is not valid base64."), "files") from None
        if not raw:
            raise Refusal(_("A file is empty."), "files")
        if len(raw) > limit:
            raise Refusal(_("Each file may be at most %(mb)s MB.") % {"mb": megabytes}, "files", "too_large")
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        for magic, extensions in FILE_TYPES.items():
            if raw.startswith(magic):
                if extension not in extensions:
                    raise Refusal(_("The file's name does not match its content."), "files", "file_type")
                out.append(ContentFile(raw, name=f"file{len(out) + 1}.{extensions[0]}"))
                break
        else:
            raise Refusal(_("Send files as PDF, JPEG or PNG."), "files", "file_type")
    return out


def _contact_hash(contact: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|feedback|{normalise(contact)}".encode()).hexdigest()


def _check_rates(address, contact_hash):
    now = timezone.now()
    if address and FeedbackAttempt.objects.filter(
            client_address=address, at__gte=now - datetime.timedelta(hours=1)).count() \
            >= int(setting("FEEDBACK_RATE_PER_ADDRESS", 5)):
        raise Refusal(_("Too much feedback from this address; please try again in an hour."), "", "rate_limited")
    if FeedbackAttempt.objects.filter(contact_hash=contact_hash, accepted=True,
                                      at__gte=now - datetime.timedelta(days=1)).count() \
            >= int(setting("FEEDBACK_RATE_PER_CONTACT", 10)):
        raise Refusal(_("Too much feedback with this contact today; please try again tomorrow."), "",
                      "rate_limited")


def _blocked(text: str) -> bool:
    words = [word for word in setting("FEEDBACK_BLOCKED_WORDS", ()) if word]
    lowered = text.lower()
    return any(word.lower() in lowered for word in words)


def submit_online(data: dict, client_address: str | None = None) -> Receipt:
    """Check and save one feedback; raises Refusal. ``data``: ``idempotency_key``, one of ``entry_id``,
    ``catalogue_item_id``, ``organisation_code``; ``name``, ``contact``, ``text``, ``keep_private``, ``files``."""
    if not isinstance(data, dict):
        raise Refusal(_("Send the feedback's fields."))
    address = address_of(client_address)
    key = data.get("idempotency_key")
    if not isinstance(key, str) or not IDEMPOTENCY_KEY.match(key):
        raise Refusal(_("Send an idempotency key of 8 to 64 letters, digits, - or _."), "idempotency_key")
    contact = _contact(data)
    text = _limited(data, "text", required=True)
    existing = Feedback.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if normalise(existing.contact) != normalise(contact) or existing.text != text:
            raise Refusal(_("This idempotency key was already used for another feedback."), "idempotency_key",
                          "key_reused")
        return Receipt(existing.code, existing.received_on, existing.due_on, len(existing.findings), repeated=True)
    target = target_of(data.get("entry_id"), data.get("catalogue_item_id"), data.get("organisation_code"))
    name = _limited(data, "name")
    keep_private = data.get("keep_private") or False
    if not isinstance(keep_private, bool):
        raise Refusal(_("Choose yes or no."), "keep_private")
    if _blocked(text) or _blocked(name):
        raise Refusal(_("The text contains words that are not allowed."), "text", "blocked")
    files = _files(data)
    contact_hash = _contact_hash(contact)
    _check_rates(address, contact_hash)
    attempt = FeedbackAttempt.objects.create(client_address=address, contact_hash=contact_hash)
    feedback = Feedback(organisation=target.organisation, target=target.kind, entry=target.entry,
                        catalogue_item=target.catalogue_item, target_title=target.title[:255], name=name,
                        contact=contact, text=text, keep_private=keep_private, idempotency_key=key,
                        client_address=address, received_on=timezone.localdate())
    try:
        with transaction.atomic():
            services.receive(feedback, files=files)
    except ValidationError as invalid:
        field, messages = next(iter(getattr(invalid, "message_dict", {"": invalid.messages}).items()))
        raise Refusal(messages[0], "" if field == "__all__" else field) from None
    except IntegrityError:  # the same key sent twice at once: the other request saved it
        return submit_online(data, client_address)
    attempt.accepted = True
    attempt.save(update_fields=["accepted"])
    return Receipt(feedback.code, feedback.received_on, feedback.due_on, len(feedback.findings))


def _check_lookup_rate(address):
    """At most ``FEEDBACK_LOOKUP_RATE_PER_ADDRESS`` (default 30) look-ups and ratings per hour per address."""
    if not address:
        return
    limit = int(setting("FEEDBACK_LOOKUP_RATE_PER_ADDRESS", 30))
    key = f"interaction:lookup:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise Refusal(_("Too many look-ups from this address; please try again in an hour."), "", "rate_limited")


def _find(code, contact) -> Feedback | None:
    if not isinstance(code, str) or not isinstance(contact, str) or len(code) > 32 or len(contact) > 120:
        return None
    code = code.strip().upper()
    if len(code) != 12 or not set(code) <= CODE_CHARS or not normalise(contact):
        return None
    feedback = Feedback.objects.filter(code=code).select_related("other").first()
    if feedback is None or normalise(feedback.contact) != normalise(contact):
        return None
    return feedback


class PublicState:
    PENDING, ANSWERED, DUPLICATE, CLOSED = "pending", "answered", "duplicate", "closed"
    LABELS = {"pending": "办理中", "answered": "已答复", "duplicate": "重复留言，不再单独答复", "closed": "已办结（不予答复）"}


@dataclass(frozen=True)
class Status:
    """What the asker sees: their question masked, the state, the dates, the approved reply."""

    code: str
    state: str
    received_on: datetime.date
    due_on: datetime.date | None
    question: str
    reply: str | None
    replied_on: datetime.date | None
    published: bool
    satisfaction: str
    can_rate: bool


def status_of(feedback: Feedback) -> Status:
    answer = services.answer_of(feedback)
    if answer is not None:
        state = PublicState.ANSWERED
    elif feedback.state == State.DUPLICATE:
        state = PublicState.DUPLICATE
    elif feedback.state == State.HIDDEN:
        state = PublicState.CLOSED
    else:
        state = PublicState.PENDING
    due = clocks.clock(feedback).due_on if feedback.is_open else None
    return Status(feedback.code, state, feedback.received_on, due, services.mask_text(feedback.text,
                  services.sensitive_words()), answer.reply if answer else None,
                  answer.replied_on if answer else None, bool(answer and answer.is_published),
                  feedback.satisfaction, bool(answer and not feedback.satisfaction))


def lookup(code, contact, client_address=None) -> Status | None:
    """The asker's view of their feedback, for its 查询码 and the contact given with it; None otherwise."""
    _check_lookup_rate(address_of(client_address))
    feedback = _find(code, contact)
    return status_of(feedback) if feedback else None


def rate(code, contact, satisfaction, client_address=None) -> Status:
    """Record the asker's satisfaction with the reply, once; raises Refusal."""
    _check_lookup_rate(address_of(client_address))
    feedback = _find(code, contact)
    if feedback is None:
        raise Refusal(_("No feedback with this tracking code and contact."), "code", "not_found")
    try:
        feedback = services.rate(feedback, satisfaction)
    except ValidationError as invalid:
        raise Refusal(invalid.messages[0], "satisfaction") from None
    return status_of(feedback)


def published_feedback():
    """Answered, reviewed, not kept private, not hidden: the only feedback the public ever sees."""
    return Feedback.objects.filter(state=State.ANSWERED, keep_private=False)


def unit_answers(organisation_code, limit=20, offset=0):
    """A unit's published feedback with replies, newest reply first; raises Refusal for an unknown unit."""
    unit = _unit(organisation_code, "organisation_code")
    rows = published_feedback().filter(organisation=unit).order_by("-replied_on", "-pk")
    return unit, rows.count(), list(rows[offset:offset + limit])
