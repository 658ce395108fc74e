"""The portal and the other optional apps can be left out: tests/packaging/without_portal/ run in their own
process with settings that install the core apps only and URLs as docs/install.md gives a host."""

import os
import subprocess
import sys

from .wheel import ROOT


def test_admin_and_api_without_the_portal():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.packaging.without_portal.settings",
           "TEST_DATABASE_NAME": os.environ.get("TEST_DATABASE_NAME", "test_disclosure") + "_noportal"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/packaging/without_portal", "-q", "-p", "no:cacheprovider",
         "--ds=tests.packaging.without_portal.settings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
