"""Signed, expiring preview tokens: an editor's draft revision shown by the portal, and nothing else.

A token names one page and one revision; it is signed with ``SECRET_KEY`` (TimestampSigner, own
salt) and valid for ``GRAPHQL_PREVIEW_MAX_AGE`` seconds. It gives no other access.
"""

from urllib.parse import quote

from django.core import signing

from cms.conf import setting as disclosure_setting

from ..core.limits import setting

SALT = "graphql_api.preview"


class InvalidPreviewToken(Exception):
    pass


class ExpiredPreviewToken(InvalidPreviewToken):
    pass


def make_preview_token(revision) -> str:
    """A token for this revision of a page."""
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"page": int(revision.object_id), "revision": revision.pk}, compress=False)


def read_preview_token(token: str) -> tuple[int, int]:
    """(page id, revision id) of a valid token; raises InvalidPreviewToken or ExpiredPreviewToken."""
    if not isinstance(token, str) or not token or len(token) > 500:
        raise InvalidPreviewToken()
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=setting("GRAPHQL_PREVIEW_MAX_AGE"))
    except signing.SignatureExpired as error:
        raise ExpiredPreviewToken() from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError) as error:
        raise InvalidPreviewToken() from error
    try:
        return int(data["page"]), int(data["revision"])
    except (TypeError, KeyError, ValueError) as error:
        raise InvalidPreviewToken() from error


def portal_preview_url(revision) -> str | None:
    """The portal's preview address for a revision (setting PORTAL_PREVIEW_URL, with ``{token}``)."""
    template = disclosure_setting("PORTAL_PREVIEW_URL", "")
    if not template:
        return None
    token = quote(make_preview_token(revision), safe="")
    if "{token}" in template:
        return template.replace("{token}", token)
    separator = "&" if "?" in template else "?"
    return f"{template}{separator}token={token}"
