"""The public side (docs/interaction.md «征求意见»): what anyone may read of consultations, and opinions sent
through the portal.

``submit_opinion`` checks everything before it saves anything; refusals are ``Refusal``s with a Chinese message
(in the request's language), the field and a code. Limits:

- only while the consultation is open (its period, Beijing days), online opinions accepted, and its entry
  visible to the public (cms.visibility) — otherwise a clear refusal;
- text sizes (``LIMITS``); a contact (telephone of 7–20 digits or an e-mail address) is required and never public;
- the idempotency key: 8–64 characters of ``[A-Za-z0-9_-]``; sending the same key again returns the first
  answer and creates nothing;
- rate limits: ``CONSULTATIONS_RATE_PER_ADDRESS`` (10) opinions per hour per client address and
  ``CONSULTATIONS_RATE_PER_CONTACT`` (5) per day per contact;
- the personal-data scanner with the sensitive-word list (cms.privacy) runs on the text: what it finds is
  counted and masked wherever the opinion is shown (the adoption report), and the sender is told so.

``open_consultations`` / ``closed_consultations`` start from the entries the reader may see, so nothing of a
non-live or non-public entry is listed.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting
from cms.public_input import IDEMPOTENCY_KEY, Refusal
from cms.public_input import client_address as address_of
from cms.public_input import contact as checked_contact
from cms.public_input import text as checked_text
from cms.visibility import Reader, visible_entries

from .choices import Channel
from .models import Consultation, Opinion, OpinionAttempt
from .services import scan

LIMITS = {"author_name": 60, "contact": 120, "text": 2000}


@dataclass(frozen=True)
class Receipt:
    received_on: datetime.date
    personal_data_masked: bool
    repeated: bool = False


def visible_consultations(reader: Reader | None = None):
    """Consultations whose entry this reader may see (live, public or granted)."""
    return Consultation.objects.filter(entry__in=visible_entries(reader or Reader.anonymous()).values("pk"))


def open_consultations(reader=None, today=None):
    today = today or timezone.localdate()
    return visible_consultations(reader).filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on", "pk")


def closed_consultations(reader=None, today=None):
    today = today or timezone.localdate()
    return visible_consultations(reader).filter(ends_on__lt=today).order_by("-ends_on", "-pk")


def _text(data, name, required=False) -> str:
    return checked_text(data, name, LIMITS[name], required)


def _contact(value: str) -> str:
    """A telephone number or an e-mail address, normalised (an address in lower case)."""
    return checked_contact(value).lower()


def _contact_hash(contact: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|opinion|{contact}".encode()).hexdigest()


def _check_rates(address, contact_hash):
    now = timezone.now()
    per_address = int(setting("CONSULTATIONS_RATE_PER_ADDRESS", 10))
    per_contact = int(setting("CONSULTATIONS_RATE_PER_CONTACT", 5))
    if address and OpinionAttempt.objects.filter(
            client_address=address, at__gte=now - datetime.timedelta(hours=1)).count() >= per_address:
        raise Refusal(_("Too many opinions from this address; please try again in an hour."), "", "rate_limited")
    if OpinionAttempt.objects.filter(contact_hash=contact_hash, accepted=True,
                                     at__gte=now - datetime.timedelta(days=1)).count() >= per_contact:
        raise Refusal(_("Too many opinions with this contact today; please try again tomorrow."), "", "rate_limited")


def _consultation(value) -> Consultation:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    pk = int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None  # within a 64-bit key
    consultation = visible_consultations().filter(pk=pk).first() if pk else None
    if consultation is None:
        raise Refusal(_("There is no such consultation."), "consultation_id", "not_found")
    return consultation


def submit_opinion(data: dict, client_address: str | None = None) -> Receipt:
    """Check and save one opinion sent through the portal; raises Refusal (module docstring)."""
    if not isinstance(data, dict):
        raise Refusal(_("Send the opinion's fields."))
    address = address_of(client_address)
    key = data.get("idempotency_key")
    if not isinstance(key, str) or not IDEMPOTENCY_KEY.match(key):
        raise Refusal(_("Send an idempotency key of 8 to 64 letters, digits, - or _."), "idempotency_key")
    consultation = _consultation(data.get("consultation_id"))
    contact = _contact(_text(data, "contact", required=True))
    existing = Opinion.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.consultation_id != consultation.pk or existing.contact != contact:
            raise Refusal(_("This idempotency key was already used for another opinion."), "idempotency_key",
                          "key_reused")
        return Receipt(existing.received_on, existing.personal_data_found > 0, repeated=True)
    today = timezone.localdate()
    if not consultation.is_open(today):
        if today < consultation.starts_on:
            raise Refusal(_("This consultation opens on %(date)s.") % {"date": consultation.starts_on},
                          "consultation_id", "not_open")
        raise Refusal(_("This consultation closed on %(date)s; opinions are no longer accepted.") % {
            "date": consultation.ends_on}, "consultation_id", "closed")
    if not consultation.accepts_online:
        raise Refusal(_("This consultation takes opinions only in the ways it describes, not online."),
                      "consultation_id", "not_online")
    name = _text(data, "author_name")
    text = _text(data, "text", required=True)
    contact_hash = _contact_hash(contact)
    _check_rates(address, contact_hash)
    attempt = OpinionAttempt.objects.create(client_address=address, contact_hash=contact_hash)
    found = scan(text)
    opinion = Opinion(consultation=consultation, channel=Channel.PORTAL, author_name=name, contact=contact, text=text,
                      received_on=today, personal_data_found=found, idempotency_key=key, client_address=address)
    try:
        with transaction.atomic():
            opinion.save()
    except IntegrityError:  # the same key sent twice at once: the other request saved it
        return submit_opinion(data, client_address)
    attempt.accepted = True
    attempt.save(update_fields=["accepted"])
    return Receipt(today, found > 0)
