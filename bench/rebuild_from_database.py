"""A real rebuild from the database: the demo county's entries read, built and indexed.

``bench/search_bench.py`` times analysis and indexing of a synthetic corpus held in memory; this
script times what a rebuild adds in front of it, on real pages: reading the entries (with their
organisation, catalogue item and withheld parts), building each search document (StreamField
body, attachment texts, URL), then the whole ``rebuild_index`` with one and with every core.
It also times the database fetch of a page of search results (the ten hits' entries, loaded as
the GraphQL API loads them, with the reader's visibility checked again), which the search
latency figures leave out. A fresh SQLite database with the full demo (``load_demo``) in a
temporary directory.

Usage::

    .venv/bin/python bench/rebuild_from_database.py

Writes ``bench/results/rebuild-from-database-<date>.json`` (date, commit, machine, load average at start and
end).
"""

import argparse
import datetime
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_django, git_commit, report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/rebuild-from-database-<date>.json)")
    args = parser.parse_args()

    workdir = fresh_django("rebuild-bench-")
    from django.conf import settings
    from django.core.management import call_command

    from bench.corpus import QUERY_TEXTS
    from bench.search_bench import machine
    from graphql_api.disclosures.dataloaders import entries
    from search.backends.embedded import TantivySearchBackend
    from search.documents import EntryDocumentBuilder, entries_to_index
    from search.parallel import available_cores
    from search.rebuild import REBUILD_BATCH, rebuild_index
    from search.types import SearchQuery

    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("load_demo", verbosity=0)
        results = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
                   "database": "SQLite", "load_average_at_start": round(os.getloadavg()[0], 2),
                   "load_demo_seconds": round(time.perf_counter() - started, 1)}

        EntryDocumentBuilder().build_many(entries_to_index().order_by("pk")[:50])  # warm: URL resolver, caches
        started, started_cpu = time.perf_counter(), time.process_time()
        builder, count, last_id = EntryDocumentBuilder(), 0, 0
        while pages := list(entries_to_index().filter(pk__gt=last_id).order_by("pk")[:REBUILD_BATCH]):
            documents, _errors = builder.build_many(pages)
            count += len(documents)
            last_id = pages[-1].pk
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        results["entries"] = count
        results["read_and_build_ms_per_entry"] = round(seconds / count * 1000, 2)
        results["read_and_build_cpu_ms_per_entry"] = round(cpu / count * 1000, 2)

        for processes in sorted({1, available_cores()}):
            backend = TantivySearchBackend(Path(settings.SEARCH_INDEX_DIR) / f"p{processes}")
            started = time.perf_counter()
            rebuilt = rebuild_index(backend, resume=False, processes=processes)
            seconds = time.perf_counter() - started
            backend.close()
            results[f"rebuild_{processes}_processes"] = {
                "seconds": round(seconds, 2), "indexed": rebuilt.indexed, "failed": len(rebuilt.failed),
                "ms_per_entry": round(seconds / max(rebuilt.indexed, 1) * 1000, 2)}

        backend = TantivySearchBackend(Path(settings.SEARCH_INDEX_DIR) / "p1")
        pages = [[hit.id for hit in backend.search(SearchQuery(text, limit=10)).hits] for text in QUERY_TEXTS]
        pages = [ids for ids in pages if ids]
        backend.close()
        timings, missing = [], 0
        for _round in range(5):
            for ids in pages:
                started = time.perf_counter()
                found = entries(None).in_bulk(ids)
                timings.append(time.perf_counter() - started)
                missing += len(ids) - len(found)
        timings.sort()
        results["page_fetch"] = {"pages": len(timings), "median_ms": round(timings[len(timings) // 2] * 1000, 2),
                                 "p95_ms": round(timings[int(len(timings) * 0.95)] * 1000, 2),
                                 "hits_not_visible": missing}
        results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(results, args.json or ROOT / "bench" / "results" / f"rebuild-from-database-{results['date']}.json")


if __name__ == "__main__":
    main()
