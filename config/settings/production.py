"""Production: everything sensitive comes from the environment; unsafe defaults refuse to start
(config/settings/environment.py; docs/deploy.md)."""

import os

from .base import *  # noqa: F401,F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY, STORAGES, VAR_DIR, check_secret_key
from .environment import refuse_unsafe_production

DEBUG = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}
refuse_unsafe_production(ALLOWED_HOSTS, DEBUG)
check_secret_key(SECRET_KEY)

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"

# Static files: WhiteNoise serves what `manage.py collectstatic` put in STATIC_ROOT from the application
# process (no separate file server needed), compressed (gzip, brotli) and under hashed names
# (config/storage.py), which it sends with a far-future `Cache-Control: max-age=315360000, public, immutable`.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"}}

# One cache for every process of the install (docs/deploy.md «Cache»): the portal's kept pages
# (PORTAL_SERVER_CACHE_SECONDS) and the public forms' rate limits must be the same in each gunicorn worker.
# Django's default, an in-memory cache per process, kept a page once per worker and counted a limit per
# worker; files under VAR_DIR need no service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000")), "CULL_FREQUENCY": 3},
    }
}
