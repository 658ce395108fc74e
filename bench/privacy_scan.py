"""The personal-data scanner (cms.privacy): speed on ordinary, tabular and hostile text, the overhead of
isolated attachment extraction, quality on the labelled corpus, and base rates on random numbers.

    .venv/bin/python bench/privacy_scan.py [--runs 7] [--random 20000]

* speed: median CPU time of ``--runs`` scans of 100 KB with the default sensitive-word list;
* isolated extraction: median wall time of ``extract_text_isolated`` (a preloaded forkserver child per
  file) against ``extract_text`` in this process, on a small text file, after one warm-up call;
* corpus: found, missed and false alarms per kind on ``tests/privacy/corpus`` (the measure of
  ``tests/privacy/test_corpus.py``, exact kind and span);
* base rates: how often a random number of a given shape, written alone without a label, is taken for
  personal data, and for which kind (``--random`` numbers per shape, fixed seed).

Writes ``bench/results/privacy-scan-<date>.json`` (date, commit, machine, load average at start and end).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

# Django and the scanner are imported in main(): the isolated extraction's forkserver children import this
# module again (as multiprocessing does with the main module), and must find it as cheap as manage.py.

ROW = ("{n}\t王某\t11010519491231002X\t13812345678\t6222 0212 3456 7890\t2026-03-24\t1,234,567.89\t"
       "〔2026〕12号\t330102-000-ZW03-2026-0012\t0571-87654321\t联系邮箱 a@example.com\t低保金额560元\n")
PROSE = "东山村2026年第三季度村级财务收支情况公开，收入合计1,234,567.89元，支出依据县政发〔2026〕12号执行。"
SIZE = 100_000


def cases() -> dict[str, str]:
    def repeat(unit: str) -> str:
        return (unit * (SIZE // len(unit) + 1))[:SIZE]

    return {
        "prose (a finance notice repeated)": repeat(PROSE),
        "table with an ID, mobile, card, landline and e-mail on every line": "".join(
            ROW.format(n=n) for n in range(1200))[:SIZE],
        "hostile: only digits": repeat("1"),
        "hostile: only letters": repeat("a"),
        "hostile: '6222 ' repeated": repeat("6222 "),
        "hostile: 'a@' repeated": repeat("a@"),
        "hostile: '1 ' repeated": repeat("1 "),
        "hostile: '1-1 ' repeated": repeat("1-1 "),
        "hostile: '12 ' repeated (every group a candidate ID)": repeat("12 "),
        "hostile: '住村' repeated (every character a candidate address)": repeat("住村"),
    }


def scan_text(*args, **kwargs):
    from cms.privacy import scan_text

    return scan_text(*args, **kwargs)


def cpu_ms(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.process_time()
        function()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def wall_ms(function, runs: int) -> float:
    function()  # warm up: the forkserver starts and preloads on the first isolated call
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def corpus() -> dict:
    from tests.privacy.test_corpus import load, measure, ratio

    counts = measure()
    rows = {}
    for kind, c in [*counts.items(), ("all", sum(counts.values(), Counter()))]:
        rows[kind] = {"found": c["tp"], "missed": c["fn"], "false_alarms": c["fp"],
                      "recall": round(ratio(c["tp"], c["tp"] + c["fn"]), 4),
                      "precision": round(ratio(c["tp"], c["tp"] + c["fp"]), 4)}
    return {"positive_snippets": len(load("positive")), "negative_snippets": len(load("negative")), "kinds": rows}


def base_rates(count: int) -> dict:
    rng = random.Random(15)

    def digits(length: int, first: str = "") -> str:
        return first + "".join(rng.choice("0123456789") for _ in range(length - len(first)))

    shapes = {
        "16-19 digits starting with 6": lambda: digits(rng.randint(16, 19), "6"),
        "18 digits": lambda: digits(18, str(rng.randint(1, 9))),
        "15 digits": lambda: digits(15, str(rng.randint(1, 9))),
        "11 digits on prefix 138": lambda: digits(11, "138"),
    }
    rates = {}
    for name, make in shapes.items():
        kinds = Counter()
        for _ in range(count):
            found = {finding.kind.value for finding in scan_text(make())}
            kinds.update(found or {"nothing"})
        taken = count - kinds.pop("nothing", 0)
        rates[name] = {"numbers": count, "taken": taken, "rate": round(taken / count, 4), "as": dict(kinds)}
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="scans per text (median CPU time)")
    parser.add_argument("--random", type=int, default=20_000, help="random numbers per shape (base rates)")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/privacy-scan-<date>.json)")
    args = parser.parse_args()

    import django

    django.setup()
    from bench.harness import git_commit, report
    from bench.search_bench import machine
    from cms.privacy import default_words, extract_text, extract_text_isolated

    results = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
               "load_average_at_start": round(os.getloadavg()[0], 2), "text_bytes": SIZE, "runs": args.runs}
    words = default_words()
    speed = {}
    for name, text in cases().items():
        speed[name] = {"median_cpu_ms": round(cpu_ms(lambda text=text: scan_text(text, "body", words), args.runs), 1),
                       "findings": len(scan_text(text, "body", words))}
        print(f"{name}: {speed[name]}", file=sys.stderr)
    results["scan_100kb"] = speed

    sample = ("东山村2026年第三季度村级财务收支情况公开。\n" * 20).encode()
    direct = wall_ms(lambda: extract_text(sample), args.runs * 3)
    isolated = wall_ms(lambda: extract_text_isolated(sample), args.runs * 3)
    results["extraction_small_text_file"] = {
        "bytes": len(sample), "in_process_median_wall_ms": round(direct, 2),
        "isolated_median_wall_ms": round(isolated, 2), "isolation_overhead_ms": round(isolated - direct, 1)}
    results["corpus"] = corpus()
    results["base_rates"] = base_rates(args.random)
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    report(results, args.json or ROOT / "bench" / "results" / f"privacy-scan-{results['date']}.json")


if __name__ == "__main__":
    main()
