"""Every file leaves through a view that checks the entry it belongs to (cms.file_access): documents
through Wagtail's serve view and its ``before_serve_document`` hook, image renditions through
cms.lifecycle_urls. MEDIA_ROOT is never served as a folder, in development either."""

from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.users.views import account_view
from portal.views import cms_page_path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's account settings with one 姓名 field (cms/users/views.py): ahead of Wagtail's own route.
    path("admin/account/", account_view, name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", include("graphql_api.urls")),
    path("", include("cms.lifecycle_urls")),
    path("", include("portal.urls")),  # the public portal
    # Page paths (units, catalogues, rows, entries) go to the portal ahead of Wagtail's serve view, which
    # still answers its own _util/ routes and is what page URLs are reversed with.
    re_path(r"^(?!_util/)(?P<path>(?:[\w\-]+/)+)$", cms_page_path, name="cms_page_path"),
    path("", include(wagtail_urls)),
]
