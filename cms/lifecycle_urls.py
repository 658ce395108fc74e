"""Public file URLs that check the entry's visibility (cms.file_access); included by config/urls.py
before Wagtail's page URLs:

    path("", include("cms.lifecycle_urls")),

Only renditions are served from MEDIA_URL ("images/…"); documents go through Wagtail's serve view
wrapped by :func:`~cms.file_access.serve_document` (the caching their level allows) when the site mounts
Wagtail's document URLs at ``documents/``, as Wagtail's docs do; original images are never served.
"""

from django.conf import settings
from django.urls import path, re_path

from .file_access import RenditionServeView, serve_document, serve_stored_rendition

MEDIA_PREFIX = settings.MEDIA_URL.strip("/")

urlpatterns = [
    # Same path as Wagtail's wagtaildocs_serve (which keeps its name for reversing); resolved first.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    re_path(r"^renditions/([^/]*)/(\d*)/([^/]*)/[^/]*$", RenditionServeView.as_view(), name="cms_image_serve"),
    path(f"{MEDIA_PREFIX}/images/<path:name>" if MEDIA_PREFIX else "images/<path:name>", serve_stored_rendition,
         name="cms_stored_rendition"),
]
