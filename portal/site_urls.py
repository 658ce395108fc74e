"""ROOT_URLCONF of a portal on a host of its own (``PORTAL_GRAPHQL_URL`` set): the portal's routes, then
every other path read as a page path of the CMS (units, catalogues, rows, entries)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("portal.urls")),
    path("<path:path>", views.page, name="page"),
]
