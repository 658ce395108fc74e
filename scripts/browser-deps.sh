#!/usr/bin/env bash
# The browser tests (marker "browser") drive Debian's chromium, in Chinese (chromium-l10n) with Chinese
# fonts; they are skipped where /usr/bin/chromium is missing, so install it when we can (as root).
set -euo pipefail
# (grep reads all of fc-list's output: with -q it would stop early and pipefail would see SIGPIPE.)
if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/lib/chromium/locales/zh-CN.pak ] \
        || ! fc-list :lang=zh family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing chromium, its Chinese interface (chromium-l10n) and fonts-noto-cjk from Debian's packages (browser tests)…"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n fonts-noto-cjk >/dev/null
    else
        echo "Note: the browser tests need /usr/bin/chromium and fonts-noto-cjk (Debian packages); they are skipped without them." >&2
    fi
fi
