"""Every file leaves through a view that checks the entry it belongs to (cms.file_access): documents
through Wagtail's serve view and its ``before_serve_document`` hook, image renditions through
cms.lifecycle_urls. MEDIA_ROOT is never served as a folder, in development either."""

from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.views import cms_page_path

# The apps' url modules are included as a host site includes them (docs/install.md «URLs»); this site
# adds the portal at the root and its page-path route.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's account settings with one 姓名 field (cms/users/views.py): ahead of Wagtail's own routes.
    path("admin/", include("cms.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("cms.urls")),  # ahead of Wagtail's documents/: the checked serve view with its caching
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", include("graphql_api.urls")),
    path("", include("portal.urls")),  # the public portal
    # Page paths (units, catalogues, rows, entries) go to the portal ahead of Wagtail's serve view, which
    # still answers its own _util/ routes and is what page URLs are reversed with.
    re_path(r"^(?!_util/)(?P<path>(?:[\w\-]+/)+)$", cms_page_path, name="cms_page_path"),
    path("", include(wagtail_urls)),
]
