"""The public side (docs/applications.md §6): online intake and the status check.

``submit_online`` checks everything before it saves anything, then saves the application in one
transaction: a refusal leaves no application behind. Refusals are ``Refusal``s with a Chinese message
(in the request's language) and the field they concern. Limits:

- text sizes (``LIMITS``), a phone of 7–20 digits, an e-mail address that validates;
- the identity proof: PDF, JPEG or PNG by content (not by name), at most ``MAX_PROOF_BYTES``;
- the idempotency key: 8–64 characters of ``[A-Za-z0-9_-]``; sending the same key again returns the
  first answer (same applicant and phone) and creates nothing;
- rate limits: ``APPLICATIONS_RATE_PER_ADDRESS`` attempts per hour per client address and
  ``APPLICATIONS_RATE_PER_APPLICANT`` per day per applicant (ID number, else name and phone).

``status`` answers the state and dates only, to whoever gives the 查询码 and the phone's last four digits.
"""

import base64
import binascii
import datetime
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting
from cms.public_input import FILE_TYPES, IDEMPOTENCY_KEY, Refusal, text
from cms.public_input import client_address as address_of
from cms.models import Organisation

from . import clocks, services
from .choices import ApplicantType, Channel, Delivery, Form, OrganisationKind
from .models import Application, SubmissionAttempt

LIMITS = {"applicant_name": 60, "identity_number": 40, "contact_person": 60, "email": 120, "postal_address": 200,
          "postcode": 10, "information_title": 200, "document_number": 60, "description": 2000}
MAX_PROOF_BYTES = 1024 * 1024
CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


@dataclass(frozen=True)
class Receipt:
    tracking_code: str
    received_on: datetime.date
    due_on: datetime.date | None
    repeated: bool = False


def _text(data, name, required=False) -> str:
    return text(data, name, LIMITS.get(name), required)


def _choice(data, name, choices, default=""):
    value = data.get(name) or default
    if value not in choices.values:
        raise Refusal(_("Choose one of the offered values."), name)
    return value


def _proof(data):
    proof = data.get("identity_proof")
    if not proof:
        return None
    name, content = proof.get("name") or "", proof.get("content_base64") or ""
    if not isinstance(name, str) or not isinstance(content, str) or len(name) > 100:
        raise Refusal(_("The proof of identity is not a valid file."), "identity_proof")
    if len(content) > MAX_PROOF_BYTES * 4 // 3 + 4:
        raise Refusal(_("The proof of identity may be at most 1 MB."), "identity_proof", "too_large")
    try:
        raw = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise Refusal(_("The proof of identity is not valid base64."), "identity_proof") from None
    if not raw:
        raise Refusal(_("The proof of identity is empty."), "identity_proof")
    if len(raw) > MAX_PROOF_BYTES:
        raise Refusal(_("The proof of identity may be at most 1 MB."), "identity_proof", "too_large")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for magic, extensions in FILE_TYPES.items():
        if raw.startswith(magic):
            if extension not in extensions:
                raise Refusal(_("The file's name does not match its content."), "identity_proof", "file_type")
            return ContentFile(raw, name=f"proof.{extensions[0]}")
    raise Refusal(_("Send the proof of identity as PDF, JPEG or PNG."), "identity_proof", "file_type")


def _applicant_hash(identity_number: str, name: str, phone: str) -> str:
    key = identity_number.upper() if identity_number else f"{name}|{phone[-4:]}"
    return hashlib.sha256(f"{settings.SECRET_KEY}|{key}".encode()).hexdigest()


def _check_rates(address, applicant_hash):
    now = timezone.now()
    per_address = setting("APPLICATIONS_RATE_PER_ADDRESS", 5)
    per_applicant = setting("APPLICATIONS_RATE_PER_APPLICANT", 10)
    if address and SubmissionAttempt.objects.filter(
            client_address=address, at__gte=now - datetime.timedelta(hours=1)).count() >= per_address:
        raise Refusal(_("Too many applications from this address; please try again in an hour."), "", "rate_limited")
    if SubmissionAttempt.objects.filter(applicant_hash=applicant_hash, accepted=True,
                                        at__gte=now - datetime.timedelta(days=1)).count() >= per_applicant:
        raise Refusal(_("Too many applications by this applicant today; please try again tomorrow."), "",
                      "rate_limited")


def submit_online(data: dict, client_address: str | None = None) -> Receipt:
    """Check and save one online application; raises Refusal. ``data`` uses the model's field names plus
    ``organisation_code``, ``idempotency_key`` and ``identity_proof`` ({name, content_base64})."""
    if not isinstance(data, dict):
        raise Refusal(_("Send the application's fields."))
    address = address_of(client_address)
    key = data.get("idempotency_key")
    if not isinstance(key, str) or not IDEMPOTENCY_KEY.match(key):
        raise Refusal(_("Send an idempotency key of 8 to 64 letters, digits, - or _."), "idempotency_key")
    name = _text(data, "applicant_name", required=True)
    phone = _text(data, "phone", required=True)
    digits = re.sub(r"[\s-]", "", phone)
    if not digits.isdigit() or not 7 <= len(digits) <= 20:
        raise Refusal(_("Give a phone number of 7 to 20 digits."), "phone")
    existing = Application.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.applicant_name != name or existing.phone_last_four != digits[-4:]:
            raise Refusal(_("This idempotency key was already used for another application."), "idempotency_key",
                          "key_reused")
        return Receipt(existing.tracking_code, existing.received_on, existing.due_on, repeated=True)

    code = data.get("organisation_code")
    parts = code.split("-", 1) if isinstance(code, str) and len(code) <= 40 else []
    organisation = (Organisation.objects.filter(region_code=parts[0], department_code=parts[1]).first()
                    if len(parts) == 2 else None)
    if organisation is None:
        raise Refusal(_("There is no such unit."), "organisation_code")
    applicant_type = _choice(data, "applicant_type", ApplicantType)
    kind = ""
    if applicant_type == ApplicantType.LEGAL_PERSON:
        kind = _choice(data, "organisation_kind", OrganisationKind)
    fields = {name_: _text(data, name_) for name_ in ("identity_number", "contact_person", "email", "postal_address",
                                                      "postcode", "document_number", "description")}
    fields["information_title"] = _text(data, "information_title", required=True)
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            raise Refusal(_("Give a valid e-mail address."), "email") from None
    form = _choice(data, "form_wanted", Form, Form.ELECTRONIC)
    delivery = _choice(data, "delivery_wanted", Delivery, Delivery.EMAIL)
    if delivery == Delivery.EMAIL and not fields["email"]:
        raise Refusal(_("Give an e-mail address for delivery by e-mail."), "email")
    if delivery == Delivery.POST and not fields["postal_address"]:
        raise Refusal(_("Give a postal address for delivery by post."), "postal_address")
    proof = _proof(data)
    applicant_hash = _applicant_hash(fields["identity_number"], name, digits)
    _check_rates(address, applicant_hash)
    attempt = SubmissionAttempt.objects.create(client_address=address, applicant_hash=applicant_hash)
    application = Application(
        organisation=organisation, channel=Channel.ONLINE, confirmed_on=timezone.localdate(),
        applicant_type=applicant_type, organisation_kind=kind, applicant_name=name, phone=digits,
        form_wanted=form, delivery_wanted=delivery, idempotency_key=key, client_address=address, **fields)
    try:
        with transaction.atomic():
            if proof is not None:
                application.identity_proof.save(proof.name, proof, save=False)
            services.register(application)
    except ValidationError as invalid:
        if application.identity_proof:
            application.identity_proof.delete(save=False)
        field, messages = next(iter(getattr(invalid, "message_dict", {"": invalid.messages}).items()))
        raise Refusal(messages[0], "" if field == "__all__" else field) from None
    except IntegrityError:  # the same key sent twice at once: the other request saved it
        if application.identity_proof:
            application.identity_proof.delete(save=False)
        return submit_online(data, client_address)
    attempt.accepted = True
    attempt.save(update_fields=["accepted"])
    return Receipt(application.tracking_code, application.received_on, application.due_on)


@dataclass(frozen=True)
class Status:
    tracking_code: str
    state: str
    received_on: datetime.date
    due_on: datetime.date | None
    paused_until: datetime.date | None
    replied_on: datetime.date | None
    concluded_on: datetime.date | None


def _check_status_rate(address):
    """At most ``APPLICATIONS_STATUS_RATE_PER_ADDRESS`` (default 30) status checks per hour per address, so
    that nobody tries the 10,000 phone endings of a 查询码 they hold."""
    if not address:
        return
    limit = setting("APPLICATIONS_STATUS_RATE_PER_ADDRESS", 30)
    key = f"applications:status:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise Refusal(_("Too many status checks from this address; please try again in an hour."), "",
                      "rate_limited")


def status(tracking_code, phone_last_four, client_address=None) -> Status | None:
    """The state and dates of the application with this 查询码 whose phone ends in these four digits;
    raises Refusal when the address has checked too often."""
    _check_status_rate(address_of(client_address))
    if not isinstance(tracking_code, str) or not isinstance(phone_last_four, str):
        return None
    code = tracking_code.strip().upper()
    if not CODE.match(code) or not re.fullmatch(r"[0-9]{4}", phone_last_four.strip()):
        return None
    application = Application.objects.filter(tracking_code=code).first()
    if application is None or application.phone_last_four != phone_last_four.strip():
        return None
    state = clocks.clock(application)
    return Status(application.tracking_code, application.state, application.received_on, state.due_on,
                  state.waiting_until if state.paused else None, application.replied_on, application.concluded_on)
