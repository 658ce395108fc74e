"""The portal's own routes. The CMS's page paths (units, catalogues, rows, entries) reach
``views.page`` through Wagtail's serving hook (cms/serving.py); a portal on a host of its own uses
``portal.site_urls``, which adds a catch-all route for them."""

from django.urls import path

from . import views, views_applications, views_consultations, views_interaction

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("units/", views.units, name="units"),
    path("units/<str:code>/", views.unit, name="unit"),
    path("units/<str:code>/board/", views.board, name="board"),
    path("units/<str:code>/<str:domain>/", views.unit_catalogue, name="catalogue"),
    path("units/<str:code>/feed.xml", views.unit_feed, name="unit_feed"),
    path("feeds/<str:domain>.xml", views.domain_feed, name="domain_feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
    path("text-size/", views.text_size, name="text_size"),
    path("text-size.css", views.text_size_css, name="text_size_css"),
    path("applications/", views_applications.apply, name="apply"),
    path("applications/status/", views_applications.status, name="application_status"),
    path("feedback/", views_interaction.leave, name="feedback"),
    path("feedback/lookup/", views_interaction.lookup, name="feedback_lookup"),
    path("feedback/units/<str:code>/", views_interaction.unit_answers, name="feedback_unit"),
    path("consultations/", views_consultations.consultations, name="consultations"),
]
