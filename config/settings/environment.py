"""Which settings module may load where (docs/deploy.md «Development or production settings»).

The rule, checked when a settings module loads, so ``manage.py``, gunicorn and any other entry point
obey it alike:

* ``DISCLOSURE_ENV`` declares the environment: ``production`` or ``development`` (unset: nothing declared).
* ``manage.py`` loads ``config.settings.production`` when ``DISCLOSURE_ENV=production`` and
  ``config.settings.dev`` otherwise; ``config/wsgi.py`` (gunicorn) loads production unless told otherwise.
* Development settings (DEBUG on: tracebacks and settings shown on every error page) refuse to load where
  production is declared, and where ``ALLOWED_HOSTS`` names a host other than this machine's loopback
  (the site would answer other machines with DEBUG on).
* Production settings refuse a declared development environment, DEBUG on, a missing, short or published
  ``SECRET_KEY`` (base.check_secret_key), a missing ``DATABASE_URL`` (no silent SQLite file in the
  checkout) and ``ALLOWED_HOSTS=*``.

Every refusal is an ``ImproperlyConfigured`` whose message says, in English and Chinese, what to set.
"""

import os

from django.core.exceptions import ImproperlyConfigured

ENVIRONMENTS = ("development", "production")


def declared_environment() -> str:
    """``DISCLOSURE_ENV``, lower-cased; empty when unset. Any other value is refused."""
    value = os.environ.get("DISCLOSURE_ENV", "").strip().lower()
    if value and value not in ENVIRONMENTS:
        raise ImproperlyConfigured(
            f"DISCLOSURE_ENV={value!r} is not an environment: use 'production' or 'development'. / "
            f"DISCLOSURE_ENV 的值 {value!r} 无效：只能是 production（生产）或 development（开发）。")
    return value


def is_loopback(host: str) -> bool:
    """Whether an ALLOWED_HOSTS entry names only this machine."""
    host = host.strip().lower()
    return (host in {"localhost", ".localhost", "[::1]", "::1", "testserver"}
            or host.endswith(".localhost") or host.startswith("127."))


def refuse_development_settings(allowed_hosts) -> None:
    """Called by config/settings/dev.py."""
    if declared_environment() == "production":
        raise ImproperlyConfigured(
            "DISCLOSURE_ENV=production: development settings (config.settings.dev, DEBUG on) refuse to load "
            "here. Use DJANGO_SETTINGS_MODULE=config.settings.production (manage.py does when "
            "DISCLOSURE_ENV=production). / 本机已声明为生产环境（DISCLOSURE_ENV=production），拒绝加载开发设置"
            "（调试模式会在出错页面暴露配置与源代码）：请使用 config.settings.production。")
    public = [host for host in allowed_hosts if not is_loopback(host)]
    if public:
        raise ImproperlyConfigured(
            f"Development settings (DEBUG on) answer this machine only, but ALLOWED_HOSTS names {public}. "
            "Serve other machines with DJANGO_SETTINGS_MODULE=config.settings.production (docs/deploy.md). / "
            f"开发设置（调试模式）只能服务本机，但 ALLOWED_HOSTS 包含 {public}：对外服务请使用生产设置 "
            "config.settings.production（见 docs/deploy.md）。")


def refuse_unsafe_production(allowed_hosts, debug: bool) -> None:
    """Called by config/settings/production.py (the SECRET_KEY has its own check, base.check_secret_key)."""
    if declared_environment() == "development":
        raise ImproperlyConfigured(
            "DISCLOSURE_ENV=development but production settings were asked for: remove one of the two. / "
            "本机声明为开发环境（DISCLOSURE_ENV=development），却加载了生产设置：请去掉其中之一。")
    if debug:
        raise ImproperlyConfigured(
            "DEBUG must be off in production settings. / 生产设置必须关闭调试模式（DEBUG）。")
    if not os.environ.get("DATABASE_URL", "").strip():
        raise ImproperlyConfigured(
            "Set DATABASE_URL in production (postgres://user@host:5432/name, or sqlite:////absolute/path for "
            "a small install). / 生产环境必须设置 DATABASE_URL（例如 postgres://user@host:5432/name）。")
    if "*" in allowed_hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS=* accepts any Host header: name the site's host names. / "
            "ALLOWED_HOSTS 不能为 *：请写明本站的域名。")
