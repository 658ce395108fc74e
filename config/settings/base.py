"""Settings shared by every environment; values that differ per machine come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
DATA_DIR = Path(os.environ.get("DATA_DIR", VAR_DIR / "data"))

# Keys that were once printed in the source or docs: they sign nothing, in any environment.
PUBLISHED_SECRET_KEYS = frozenset({"insecure-development-key-change-me"})
MIN_SECRET_KEY_LENGTH = 32
# From the environment only; dev.py falls back to a key generated on this machine (var/secret_key),
# test.py to a key per run, and production.py refuses to start without a good one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")


def local_secret_key(path: Path) -> str:
    """The key of this install, generated on first start and kept in ``path`` (mode 0600).

    Written to a private temporary file and linked into place, so that processes starting together
    (server, search worker) agree on one key."""
    import secrets

    def read() -> str:
        try:
            key = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return ""
        return key if len(key) >= MIN_SECRET_KEY_LENGTH and key not in PUBLISHED_SECRET_KEYS else ""

    key = read()
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        if not read():
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return read()


def check_secret_key(key: str) -> None:
    """Refuse a key that is missing, short, or was ever published."""
    if not key or key in PUBLISHED_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"Set SECRET_KEY to a random value of at least {MIN_SECRET_KEY_LENGTH} characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))').")


DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]

INSTALLED_APPS = [
    "cms",
    "cms.moderation",
    "cms.workdays",
    "search",
    "graphql_api",
    "portal",
    "applications",
    "consultations",
    "interaction",
    "supervision",
    "annual_reports",
    "demo",  # the demo data set and manage.py load_demo; a county's own installation leaves it out
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.users.apps.UsersConfig",  # wagtail.users with one 姓名 field (cms/users)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "graphene_django",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.DatabaseUnavailableMiddleware",  # a lost or locked database: a clear 503 (docs/faults.md)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the search worker read while a request writes. Memory-mapped reads: each request opens its
    # connection with an empty page cache, and reading the file through the mapping instead of a read() per
    # page took a third off the editor's dashboard at 100,000 entries (docs/benchmarks.md «100,000 entries»).
    # SQLite caps the size at its build's limit (2 GiB here); the mapping is address space, not memory.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA mmap_size=2147483648;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# The translations live in cms/locale (an installed app's catalogue: enough for Django's templates and
# Python). Wagtail's JavaScript catalogue (/admin/jsi18n/) reads only its own packages and LOCALE_PATHS,
# so the admin's JavaScript messages need cms/locale named here too (docs/install.md «Translations»).
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Open Disclosure Portal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
PORTAL_URL = os.environ.get("PORTAL_URL", "")  # public page URLs redirect here (cms.serving)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # intranets cannot reach Gravatar: initials avatars instead
# The reference portal (portal/, docs/portal.md): it reads the GraphQL API in-process, or over HTTP from
# PORTAL_GRAPHQL_URL on a host of its own, which then answers the portal's routes only.
PORTAL_GRAPHQL_URL = os.environ.get("PORTAL_GRAPHQL_URL", "")
PORTAL_GRAPHQL_TIMEOUT = float(os.environ.get("PORTAL_GRAPHQL_TIMEOUT", "10"))
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", "300"))
PORTAL_SITEMAP_MAX_ENTRIES = int(os.environ.get("PORTAL_SITEMAP_MAX_ENTRIES", "5000"))
if PORTAL_GRAPHQL_URL:
    ROOT_URLCONF = "portal.site_urls"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.DisclosureDocument"
WAGTAILIMAGES_IMAGE_MODEL = "cms.DisclosureImage"
# Admin forms of documents and images: content-checked uploads, and no replacement around the
# personal-data guard while live entries show the file (cms.file_checks).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.file_checks.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.file_checks.ImageForm"
# Documents are served through Django so that the entry's visibility is checked on every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False

# Background jobs (django-tasks, installed by Wagtail): catalogue imports, attachment text extraction,
# Wagtail's reference index and image focal points. The immediate backend runs a job in the process that
# enqueues it (our jobs after the transaction commits); scripts/serve.sh and deployments name the
# database backend (TASKS_BACKEND=django_tasks_db.DatabaseBackend, package django-tasks-db) and run its
# worker, `manage.py db_worker` (docs/catalogue.md). Its tables are always installed.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
INSTALLED_APPS += ["django_tasks_db"]

# Uploads: refused above these sizes (bytes).
DISCLOSURE_MAX_ATTACHMENT_BYTES = int(os.environ.get("DISCLOSURE_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024))
DISCLOSURE_MAX_IMAGE_BYTES = int(os.environ.get("DISCLOSURE_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = DISCLOSURE_MAX_IMAGE_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Search layer (search/): "embedded" (tantivy, no server) or "elasticsearch".
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "embedded")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", DATA_DIR / "search-index"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "disclosure")
# Processes analysing text during a full rebuild; empty: every core when there are many entries.
SEARCH_REBUILD_PROCESSES = int(os.environ.get("SEARCH_REBUILD_PROCESSES") or 0) or None

GRAPHENE = {"SCHEMA": "graphql_api.schema.schema"}
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
CORS_URLS_REGEX = r"^/graphql/?$"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Moderation e-mail: Wagtail's own notifications, to the groups of the task at hand only.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", "noreply@localhost")
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
