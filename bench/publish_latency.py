"""Publish → searchable and withdraw → gone, in the README's default set-up.

A fresh SQLite database and tantivy index in a temporary directory; ``manage.py search_worker``
runs as its own process with its default polling, exactly as ``scripts/serve.sh`` starts it. This
process plays the web process: it publishes entries (a revision published, as the workflow's
last step does, in its own committed transaction), then searches through its own reader of the
index, as a portal request would, until the entry is found; later it withdraws each entry
(``cms.lifecycle.withdraw``) and searches until it is gone.

Usage::

    .venv/bin/python bench/publish_latency.py --entries 20

Writes ``bench/results/publish-latency-<date>.json`` (date, commit, machine, load average at start and end).
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_django, git_commit, report

LIMIT = 10.0  # seconds before an entry counts as never found


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict:
    return {"median_ms": round(statistics.median(values) * 1000), "p95_ms": round(percentile(values, 95) * 1000),
            "max_ms": round(max(values) * 1000), "count": len(values)}


def wait_for(predicate, limit: float = LIMIT) -> float:
    """Seconds until ``predicate()`` is true (polled every 5 ms); raises if it never is."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > limit:
            raise SystemExit(f"not reached within {limit} s")
        time.sleep(0.005)
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/publish-latency-<date>.json)")
    args = parser.parse_args()
    if args.entries < 1:
        parser.error("--entries must be at least 1")

    workdir = fresh_django("publish-latency-")
    from bench.search_bench import machine

    started = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
               "database": "SQLite", "search_backend": "embedded",
               "load_average_at_start": round(os.getloadavg()[0], 2)}
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from cms.lifecycle import withdraw
    from cms.models import CatalogueItemPage, CataloguePage, DisclosurePage
    from cms.units import create_organisation
    from search.backends.embedded import TantivySearchBackend
    from search.management.commands.search_worker import Command as SearchWorker
    from search.types import SearchQuery

    call_command("migrate", verbosity=0)
    worker = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "search_worker"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        reader = TantivySearchBackend(settings.SEARCH_INDEX_DIR)
        wait_for(lambda: reader.current_name() is not None, limit=60)  # the worker creates the index
        unit = create_organisation(name="示范县人民政府", short_name="示范县", level="county",
                                   region_code="330199", department_code="000", publishes_government=True)
        catalogue = CataloguePage.objects.get(organisation=unit, domain="government")
        item = catalogue.add_child(instance=CatalogueItemPage(title="财政资金", slug="funds", code="0201"))
        item.save_revision().publish()
        admin = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "bench")

        def hits(text):
            return {hit.id for hit in reader.search(SearchQuery(text, limit=10)).hits}

        published, withdrawn, entries = [], [], []
        for n in range(args.entries):
            word = f"bench{n:04d}"
            entry = item.add_child(instance=DisclosurePage(title=f"高标准农田建设项目验收公示 {word}",
                                                           slug=f"entry-{n}", live=False))
            entry.save_revision().publish()  # committed when it returns (autocommit)
            published.append(wait_for(lambda entry=entry, word=word: entry.pk in hits(f"高标准农田 {word}")))
            entries.append((entry, word))
        for entry, word in entries:
            withdraw(DisclosurePage.objects.get(pk=entry.pk), admin, "基准测试撤回")
            withdrawn.append(wait_for(lambda entry=entry, word=word: entry.pk not in hits(f"高标准农田 {word}")))
        reader.close()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    poll = SearchWorker().create_parser("manage.py", "search_worker").get_default("poll")
    results = {**started, "worker_poll_seconds": poll, "publish_to_searchable": summary(published),
               "withdraw_to_gone": summary(withdrawn), "load_average_at_end": round(os.getloadavg()[0], 2)}
    report(results, args.json or ROOT / "bench" / "results" / f"publish-latency-{results['date']}.json")


if __name__ == "__main__":
    main()
