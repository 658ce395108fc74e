"""Production: everything sensitive comes from the environment; unsafe defaults refuse to start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, check_secret_key

DEBUG = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production settings.")
check_secret_key(SECRET_KEY)

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
