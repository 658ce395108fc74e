"""Personal-data scanner speed: CPU time to scan 100 KB of ordinary, tabular and hostile text.

Run: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/privacy_scan.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from cms.privacy import default_words, scan_text  # noqa: E402

ROW = ("{n}\t王某\t11010519491231002X\t13812345678\t6222 0212 3456 7890\t2026-03-24\t1,234,567.89\t"
       "〔2026〕12号\t330102-000-ZW03-2026-0012\t0571-87654321\t联系邮箱 a@example.com\t低保金额560元\n")
PROSE = "东山村2026年第三季度村级财务收支情况公开，收入合计1,234,567.89元，支出依据县政发〔2026〕12号执行。"


def cpu_ms(function, runs=7):
    timings = []
    for _ in range(runs):
        started = time.process_time()
        function()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def main():
    words = default_words()
    cases = {
        "prose 100 KB": (PROSE * 3000)[:100_000],
        "table with personal data 100 KB": "".join(ROW.format(n=n) for n in range(1200))[:100_000],
        "hostile: digits 100 KB": "1" * 100_000,
        "hostile: digit-space 100 KB": "6222 " * 20_000,
        "hostile: @ 100 KB": "a@" * 50_000,
    }
    print(f"{'case':36} {'median CPU ms':>14} {'findings':>9}")
    for name, text in cases.items():
        print(f"{name:36} {cpu_ms(lambda: scan_text(text, 'body', words)):14.1f} "
              f"{len(scan_text(text, 'body', words)):9d}")


if __name__ == "__main__":
    main()
