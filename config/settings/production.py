"""Production: everything sensitive comes from the environment; unsafe defaults refuse to start
(config/settings/environment.py; docs/deploy.md)."""

import os

from .base import *  # noqa: F401,F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY, STORAGES, check_secret_key
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
