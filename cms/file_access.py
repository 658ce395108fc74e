"""Files follow their entry: who may download an attachment or an image rendition.

A file is public while a visible entry (``cms.visibility.entries_showing_file``) refers to it outside
the parts withheld by secrecy review; Wagtail's reference index records the entry's live content
(StreamField choosers and rich text). Otherwise only those who may use it in the admin get it
(collection permission "choose" or "change", or a superuser); everyone else gets a 404, which does
not reveal that the file exists. Original image files are never served: portals use renditions,
through :class:`RenditionServeView` (signed URLs from :func:`rendition_url`) or
:func:`serve_stored_rendition` (a rendition's stored file, at its MEDIA_URL address).
"""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
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


def access(user, obj) -> str | None:
    """"public", "staff" (admin use only) or None (404)."""
    if is_public(obj):
        return "public"
    if may_use_in_admin(user, obj):
        return "staff"
    return None


def check_document_access(document, request):
    """Documents are served through Django (WAGTAILDOCS_SERVE_METHOD = "serve_view"): check each one."""
    if access(request.user, document) is None:
        raise Http404


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
        level = access(request.user, image)
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
    level = access(request.user, rendition.image)
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
