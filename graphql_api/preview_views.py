"""The admin side of headless preview: an editor who may edit a page is sent to the portal with a token."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import Page

from .preview.tokens import portal_preview_url


def portal_preview(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.get_latest_revision()
    if revision is None:
        raise Http404(_("Save a draft first."))
    url = portal_preview_url(revision)
    if url is None:
        raise Http404(_("PORTAL_PREVIEW_URL is not set."))
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
