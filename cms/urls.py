"""Public routes of the cms app, included at the root of a host site (docs/install.md «URLs»)::

    path("", include("cms.urls")),

Only files answer here — image renditions, stored images, and documents at ``documents/`` (Wagtail's serve
view with the caching each file's level allows) — (cms.lifecycle_urls: every file leaves through a view
that checks the entry it belongs to); no catch-all route, so the host keeps its own pages.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("cms.lifecycle_urls")),
]
