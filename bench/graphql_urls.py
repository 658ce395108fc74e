"""URLs of the GraphQL benchmark: the API and a plain Django JSON view of the same page."""

from django.urls import include, path

from bench.graphql_plain_view import plain_page

urlpatterns = [
    path("graphql/", include("graphql_api.urls")),
    path("plain/", plain_page),
    path("documents/", include("wagtail.documents.urls")),
]
