"""The project's URLs plus the checked file URLs, until config/urls.py includes cms.lifecycle_urls."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("cms.lifecycle_urls"))] + list(project_urlpatterns)
