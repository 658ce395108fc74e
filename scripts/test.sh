#!/usr/bin/env bash
# README command 2: install everything and run the whole test suite (SQLite unless DATABASE_URL is set).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# .ci/run prepares once and then runs two suites side by side (DISCLOSURE_PREPARED=1).
if [ -z "${DISCLOSURE_PREPARED:-}" ]; then
    bash scripts/setup.sh
    bash scripts/browser-deps.sh
fi

export DJANGO_SETTINGS_MODULE=config.settings.test
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = "5" ]; then
    echo "pytest collected no tests: that is a broken suite, not a pass." >&2
    exit 1
fi
exit $status
