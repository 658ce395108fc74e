"""This repository's test settings with the core apps only — no portal, no applications, feedback,
consultations, supervision or annual reports — routed as docs/install.md routes a host."""

from config.settings.test import *  # noqa: F401,F403
from config.settings.test import INSTALLED_APPS

OPTIONAL_APPS = ("portal", "applications", "interaction", "consultations", "supervision", "annual_reports")
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in OPTIONAL_APPS]
ROOT_URLCONF = "tests.packaging.without_portal.urls"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "www.example.gov.cn"]
