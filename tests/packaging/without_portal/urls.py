"""A host's URLs as docs/install.md gives them, with no portal."""

from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]
urlpatterns = [
    path("admin/", include("cms.admin_urls")),
    path("graphql/", include("graphql_api.urls")),
    path("", include("cms.urls")),
] + urlpatterns
