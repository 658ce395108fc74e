"""This repository's test settings without the portal app, routed as docs/install.md routes a host."""

from config.settings.test import *  # noqa: F401,F403
from config.settings.test import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "portal"]
ROOT_URLCONF = "tests.packaging.without_portal.urls"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "www.example.gov.cn"]
