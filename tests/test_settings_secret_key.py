"""SECRET_KEY: a development install makes its own, tests use one per run, production refuses a bad one,
and no key printed in the source signs anything (it once forged preview tokens)."""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import signing

from config.settings.base import PUBLISHED_SECRET_KEYS, local_secret_key
from graphql_api.preview.tokens import SALT, InvalidPreviewToken, read_preview_token

ROOT = settings.BASE_DIR


def settings_key(module: str, tmp_path, **env) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter (VAR_DIR in tmp_path) and print its key."""
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    environment.update({"VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env})
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.SECRET_KEY)"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )


def test_a_development_install_generates_and_keeps_its_own_key(tmp_path):
    first = settings_key("config.settings.dev", tmp_path)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    stored = tmp_path / "secret_key"
    assert stored.read_text().strip() == key
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert len(key) >= 32 and key not in PUBLISHED_SECRET_KEYS
    assert settings_key("config.settings.dev", tmp_path).stdout.strip() == key


def test_the_environment_key_wins_in_development(tmp_path):
    key = "k" * 40
    assert settings_key("config.settings.dev", tmp_path, SECRET_KEY=key).stdout.strip() == key
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("key", [None, "", "short-key", *sorted(PUBLISHED_SECRET_KEYS)])
def test_production_refuses_a_missing_short_or_published_key(tmp_path, key):
    env = {} if key is None else {"SECRET_KEY": key}
    result = settings_key("config.settings.production", tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_accepts_a_long_random_key(tmp_path):
    key = "p" * 20 + "q" * 20
    assert settings_key("config.settings.production", tmp_path, SECRET_KEY=key).stdout.strip() == key


def test_a_published_key_in_the_file_is_replaced(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text(sorted(PUBLISHED_SECRET_KEYS)[0])
    key = local_secret_key(path)
    assert key not in PUBLISHED_SECRET_KEYS and len(key) >= 32
    assert local_secret_key(path) == key


def test_tests_run_with_a_key_of_their_own():
    assert settings.SECRET_KEY not in PUBLISHED_SECRET_KEYS and len(settings.SECRET_KEY) >= 32


@pytest.mark.parametrize("key", sorted(PUBLISHED_SECRET_KEYS))
def test_a_published_key_forges_no_preview_token(key):
    forged = signing.TimestampSigner(key=key, salt=SALT).sign_object({"page": 1, "revision": 1}, compress=False)
    with pytest.raises(InvalidPreviewToken):
        read_preview_token(forged)
