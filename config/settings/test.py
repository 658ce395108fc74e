import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
# A new key per run: nothing signed by a test outlives it, and no printed key signs anything.
SECRET_KEY = secrets.token_urlsafe(50)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_TMP = Path(tempfile.mkdtemp(prefix="disclosure-test-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)  # media and index of this process only
MEDIA_ROOT = _TMP / "media"
DATA_DIR = _TMP / "data"
SEARCH_INDEX_DIR = DATA_DIR / "search-index"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_disclosure")}  # noqa: F405

# Tests assert behaviour and English source messages; tests/test_translations.py checks that every
# message has its zh-hans translation and that the admin speaks Chinese under the product default.
LANGUAGE_CODE = "en"

# Tests change data and read the portal again at once; tests/portal/test_server_cache.py turns it on.
DISCLOSURE_PORTAL_SERVER_CACHE_SECONDS = 0
