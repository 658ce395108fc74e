"""Input from strangers (the public mutations of applications, feedback and consultations): the checks they share.

Every public mutation checks everything before it saves anything and answers a :class:`Refusal` — a Chinese
message (in the request's language), the field it concerns and a code — never an internal error
(docs/api.md «Errors»). What is specific to each (limits, rate limits, what is saved) stays in its app.
"""

import ipaddress
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

# The client's idempotency key: resending the same key returns the first answer and saves nothing new.
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Files the public may send, known by their first bytes (never by their name): magic → allowed extensions.
FILE_TYPES = {b"%PDF-": ("pdf",), b"\xff\xd8\xff": ("jpg", "jpeg"), b"\x89PNG\r\n\x1a\n": ("png",)}


class Refusal(Exception):
    """Why a public request was refused: ``message`` for the person, ``field`` it concerns, a stable ``code``."""

    def __init__(self, message: str, field: str = "", code: str = "invalid"):
        super().__init__(message)
        self.message, self.field, self.code = str(message), field, code


def text(data: dict, name: str, limit: int | None = None, required: bool = False) -> str:
    """``data[name]`` stripped: text, at most ``limit`` characters, without control characters or lone
    surrogates; empty when absent unless ``required``."""
    value = data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refusal(_("This field must be text."), name)
    value = value.strip()
    if required and not value:
        raise Refusal(_("This field is required."), name, "required")
    if limit and len(value) > limit:
        raise Refusal(_("At most %(max)d characters.") % {"max": limit}, name, "too_long")
    if any((ord(ch) < 32 and ch not in "\n\t") or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise Refusal(_("This field holds control characters."), name)
    return value


def contact(value: str, field: str = "contact") -> str:
    """A telephone number of 7–20 digits (spaces, hyphens, brackets and + dropped) or an e-mail address."""
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise Refusal(_("Give a valid e-mail address or a phone number of 7 to 20 digits."), field) from None
        return value
    digits = re.sub(r"[\s()+-]", "", value)
    if not digits.isascii() or not digits.isdigit() or not 7 <= len(digits) <= 20:
        raise Refusal(_("Give a valid e-mail address or a phone number of 7 to 20 digits."), field)
    return digits


def client_address(value) -> str | None:
    """The client's IP address (the first of a forwarded list), or None when it is not one."""
    try:
        return str(ipaddress.ip_address((value or "").split(",")[0].strip()))
    except ValueError:
        return None
