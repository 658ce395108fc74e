"""Development: DEBUG on; without SECRET_KEY in the environment, this install's own key (var/secret_key).

Refuses to load where production is declared or other machines would be served
(config/settings/environment.py, docs/deploy.md)."""

from .base import *  # noqa: F401,F403
from .base import ALLOWED_HOSTS, SECRET_KEY, VAR_DIR, check_secret_key, local_secret_key
from .environment import refuse_development_settings

refuse_development_settings(ALLOWED_HOSTS)
DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SECRET_KEY = SECRET_KEY or local_secret_key(VAR_DIR / "secret_key")
check_secret_key(SECRET_KEY)
# An editor who publishes sees the portal change at once (production keeps pages 30 s: docs/portal.md).
DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS = 0
