"""The project's URLs plus the API, until config/urls.py includes graphql_api.urls."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("graphql/", include("graphql_api.urls"))] + [
    pattern for pattern in project_urlpatterns if "graphql" not in str(pattern.pattern)]
