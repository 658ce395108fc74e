"""Files follow their entry: who may download an attachment or an image rendition.

A file is public while a visible entry (``cms.visibility.entries_showing_file``) refers to it outside
the parts withheld by secrecy review; Wagtail's reference index records the entry's live content
(StreamField choosers and rich text). Otherwise only those who may use it in the admin get it
(collection permission "choose" or "change", or a superuser); everyone else gets a 404, which does
not reveal that the file exists. A file of an entry only some readers see (party scopes, a 特定群体) is
not public; the API gives those readers (a portal token's grants) its URL with a signed ``grant`` valid
``FILE_GRANT_SECONDS`` (:func:`reader_url`), served private and never stored by shared caches (portal
visitors have no admin account). Original image files are never served: portals use renditions,
through :class:`RenditionServeView` (signed URLs from :func:`rendition_url`) or
:func:`serve_stored_rendition` (a rendition's stored file, at its MEDIA_URL address).
"""

import mimetypes
from urllib.parse import quote

from django.core.signing import BadSignature, TimestampSigner
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.documents.views.serve import serve as wagtail_document_serve
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import verify_signature
from wagtail.images.views.serve import ServeView, generate_image_url
from wagtail.permissions import policy_registry

from cms.conf import setting

from .visibility import entries_showing_file

ADMIN_ACTIONS = ["choose", "change"]


def public_max_age() -> int:
    """Seconds a public file may be cached; a withdrawn entry's files may stay in caches that long."""
    return setting("PUBLIC_FILE_MAX_AGE", 300)


def is_public(obj) -> bool:
    """True while a visible entry shows ``obj`` outside its withheld blocks (cms.visibility)."""
    return bool(entries_showing_file(obj))


def may_use_in_admin(user, obj) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, ADMIN_ACTIONS, obj)


GRANT_PARAMETER = "grant"
_GRANT_SALT = "cms.file_access.grant"


def grant_seconds() -> int:
    """How long a signed grant to a non-public file lasts (a page of the portal is read within it)."""
    return int(setting("FILE_GRANT_SECONDS", 3600))


def _grant_key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def reader_url(url: str | None, obj, reader) -> str | None:
    """The URL of ``obj`` (a document, or an image's rendition) for ``reader`` (cms.visibility.Reader).

    The public gets it as it is. A reader with grants (a portal token) may be reading an entry only they
    see, whose files are not public: their URL carries a signed grant to that one file, valid
    :func:`grant_seconds`. The caller has shown the reader an entry holding the file (its visible blocks).
    """
    if not url or reader is None or reader.is_anonymous:
        return url
    token = TimestampSigner(salt=_GRANT_SALT).sign(_grant_key(obj))
    return f"{url}{'&' if '?' in url else '?'}{GRANT_PARAMETER}={quote(token, safe='')}"


def granted(request, obj) -> bool:
    """True when the request carries an unexpired grant signed for this very file."""
    token = request.GET.get(GRANT_PARAMETER, "")
    if not token or len(token) > 200:
        return False
    try:
        value = TimestampSigner(salt=_GRANT_SALT).unsign(token, max_age=grant_seconds())
    except BadSignature:  # also SignatureExpired
        return False
    return value == _grant_key(obj)


def access(request, obj) -> str | None:
    """"public", "staff" (admin use only), "granted" (a signed grant) or None (404)."""
    if is_public(obj):
        return "public"
    if may_use_in_admin(request.user, obj):
        return "staff"
    if granted(request, obj):
        return "granted"
    return None


def check_document_access(document, request):
    """Documents are served through Django (WAGTAILDOCS_SERVE_METHOD = "serve_view"): check each one.
    The level is left on the request for :func:`serve_document`, which sets the caching it allows."""
    level = access(request, document)
    if level is None:
        raise Http404
    request.file_access_level = level


def serve_document(request, document_id, document_filename):
    """Wagtail's document serve view (its ``before_serve_document`` hook checks access), with the caching
    the file's level allows: a public file for ``PUBLIC_FILE_MAX_AGE``, a granted or staff file never in a
    shared cache. Routed ahead of Wagtail's own ``documents/`` route (cms.lifecycle_urls)."""
    response = wagtail_document_serve(request, document_id, document_filename)
    level = getattr(request, "file_access_level", None)
    if level is not None and response.status_code == 200:
        _cache(response, level)
    return response


def _cache(response, level: str):
    if level == "public":
        patch_cache_control(response, public=True, max_age=public_max_age())
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class RenditionServeView(ServeView):
    """Wagtail's dynamic image serve view with the entry's rule applied before any rendition is made."""

    def get(self, request, signature, image_id, filter_spec, filename=None):
        if not verify_signature(signature.encode(), image_id, filter_spec, key=self.key):
            raise Http404
        image = get_object_or_404(self.model, id=image_id)
        level = access(request, image)
        if level is None:
            raise Http404
        try:
            rendition = image.get_rendition(filter_spec)
        except SourceImageIOError:
            raise Http404 from None
        except InvalidFilterSpecError:
            raise Http404 from None
        return _cache(getattr(self, self.action)(rendition), level)


def rendition_url(image, filter_spec: str) -> str:
    """The checked URL of a rendition, for portals and templates (never the original file)."""
    return generate_image_url(image, filter_spec, viewname="cms_image_serve")


def serve_stored_rendition(request, name: str):
    """A rendition's stored file at its usual address (MEDIA_URL + "images/…"), checked like the rest;
    only files recorded as renditions are served."""
    rendition_model = get_image_model().get_rendition_model()
    rendition = rendition_model.objects.filter(file=f"images/{name}").select_related("image").first()
    if rendition is None:
        raise Http404
    level = access(request, rendition.image)
    if level is None:
        raise Http404
    try:
        file = rendition.file.open("rb")
    except OSError:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return _cache(response, level)
