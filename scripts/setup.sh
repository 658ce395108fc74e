#!/usr/bin/env bash
# Shared set-up for the README's two commands: a virtualenv with every pinned dependency, and the
# compiled translations. Safe to run again; it only does what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi

if ! command -v msgfmt >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing gettext (msgfmt) from Debian's packages…"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
    else
        echo "msgfmt (GNU gettext) is needed to compile the Chinese translations: install the 'gettext' package." >&2
        exit 1
    fi
fi

if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtualenv in .venv…"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
    echo "Installing dependencies…"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,production]"
    rm -f .venv/.installed-* && touch "$stamp"
fi

if [ -d cms/locale ]; then
    .venv/bin/python manage.py compilemessages --ignore=.venv -v0
fi
