"""Which settings load where (config/settings/environment.py, docs/deploy.md «Development or production
settings»): development settings refuse a declared production and other machines' host names, production
settings refuse what would make them unsafe, and manage.py picks production where it is declared."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
GOOD_KEY = "p" * 20 + "q" * 20
CLEARED = {"SECRET_KEY", "DEBUG", "DISCLOSURE_ENV", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
           "TEST_DATABASE_NAME"}


def environment(tmp_path, **env) -> dict:
    base = {key: value for key, value in os.environ.items() if key not in CLEARED}
    base.update({"VAR_DIR": str(tmp_path), **env})
    return {key: value for key, value in base.items() if value is not None}  # None: unset


def load(module: str, tmp_path, **env) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter; print DEBUG and ALLOWED_HOSTS."""
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=ROOT, env=environment(tmp_path, **env), capture_output=True, text=True, timeout=120)


def refused(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr[-2000:]


def production_env(tmp_path, **env) -> dict:
    return {"SECRET_KEY": GOOD_KEY, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env}


def test_development_settings_load_on_this_machine(tmp_path):
    result = load("config.settings.dev", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True ")


def test_development_settings_refuse_a_declared_production(tmp_path):
    refused(load("config.settings.dev", tmp_path, DISCLOSURE_ENV="production"),
            "DISCLOSURE_ENV=production", "config.settings.production", "拒绝加载开发设置")
    assert not (tmp_path / "secret_key").exists()


def test_development_settings_refuse_to_answer_other_machines(tmp_path):
    refused(load("config.settings.dev", tmp_path, ALLOWED_HOSTS="localhost,gongkai.example.gov.cn"),
            "gongkai.example.gov.cn", "只能服务本机")
    ok = load("config.settings.dev", tmp_path, ALLOWED_HOSTS="localhost,127.0.0.1,[::1],app.localhost")
    assert ok.returncode == 0, ok.stderr


def test_production_settings_load_with_what_they_need(tmp_path):
    result = load("config.settings.production", tmp_path,
                  **production_env(tmp_path, ALLOWED_HOSTS="gongkai.example.gov.cn", DISCLOSURE_ENV="production"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['gongkai.example.gov.cn']"


@pytest.mark.parametrize(("env", "phrases"), [
    ({"DISCLOSURE_ENV": "development"}, ("DISCLOSURE_ENV=development", "开发环境")),
    ({"DISCLOSURE_ENV": "staging"}, ("'staging'", "无效")),
    ({"DEBUG": "1"}, ("DEBUG must be off", "调试模式")),
    ({"DATABASE_URL": None}, ("Set DATABASE_URL", "必须设置 DATABASE_URL")),
    ({"ALLOWED_HOSTS": "*"}, ("ALLOWED_HOSTS=*", "不能为 *")),
    ({"SECRET_KEY": None}, ("Set SECRET_KEY",)),
])
def test_production_settings_refuse_unsafe_environments(tmp_path, env, phrases):
    refused(load("config.settings.production", tmp_path, **production_env(tmp_path, **env)), *phrases)


def manage(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.SETTINGS_MODULE)"],
        cwd=ROOT, env=environment(tmp_path, **env), capture_output=True, text=True, timeout=180)


def test_manage_py_loads_production_settings_where_production_is_declared(tmp_path):
    result = manage(tmp_path, **production_env(tmp_path, DISCLOSURE_ENV="production"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("config.settings.production")
    # Without the production environment's key, manage.py stops instead of falling back to development.
    refused(manage(tmp_path, DISCLOSURE_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"),
            "Set SECRET_KEY")
    # Naming the development settings explicitly does not get round it.
    refused(manage(tmp_path, DISCLOSURE_ENV="production", DJANGO_SETTINGS_MODULE="config.settings.dev"),
            "拒绝加载开发设置")


def test_manage_py_loads_development_settings_otherwise(tmp_path):
    result = manage(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("config.settings.dev")
