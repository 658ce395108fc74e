"""Portal pages: server time of the search page and of an entry page against the raw in-process GraphQL
execution of the same operations. Prints p50/p95 and the ratio page / GraphQL.

    .venv/bin/python bench/portal_pages.py [--entries 300] [--requests 300]

Runs on the README's default set-up (SQLite, embedded tantivy index) in a fresh temporary directory, with
the API tests' demo data plus ``--entries`` more entries. A page is requested with Django's test Client
through the whole stack (middleware, URL resolution, Wagtail's serving hook for the entry's page path,
the portal view, its GraphQL operation, the template); the portal's view is also called directly (no
middleware, URL resolution or Wagtail routing); the GraphQL side is ``portal.client.execute`` of
the same operation with the same variables (parsing is cached there as in the page). Searches cycle
through a list of words so that no answer is reused; the three are timed in turn, request by request. Goals (docs/portal.md): search page p95 ≤ 30 ms,
entry page p95 ≤ 20 ms.
"""

import argparse
import datetime
import gc
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_django, interleaved, report

WORDS = ["财政", "预算", "村务", "财务", "公示", "通知", "党委", "低保", "补贴", "收支", "会议", "管理", "三公",
         "政策", "公开", "2026年", "示范县", "东山村", "决算", "解读"]
TOPICS = ["财政预算执行情况", "低保资金发放明细", "村级财务收支", "耕地地力保护补贴", "党委会议纪要", "道路建设项目",
          "三公经费决算", "惠农补贴公示", "集体资产管理", "政策解读"]
GOALS_MS = {"search_page": 30.0, "entry_page": 20.0}


def percentiles(values: list[float]) -> dict:
    from bench.search_bench import percentile

    return {"p50": round(percentile(values, 50), 2), "p95": round(percentile(values, 95), 2),
            "p99": round(percentile(values, 99), 2), "n": len(values)}


def timed(call, rounds: int) -> list[float]:
    times = []
    gc.collect()
    for number in range(rounds):
        start = time.perf_counter()
        call(number)
        times.append((time.perf_counter() - start) * 1000)
    return times


def build(entries: int, workdir: Path) -> dict:
    from django.core.management import call_command
    from wagtail.models import Page

    from tests.graphql_api import demo as demo_module

    call_command("migrate", verbosity=0)
    data = demo_module.build()
    rows = [data.items[name] for name in ("budget", "policy", "notices", "village_accounts")]
    for number in range(entries):
        topic = TOPICS[number % len(TOPICS)]
        demo_module.add_entry(rows[number % len(rows)], f"{topic}（第{number + 1}期）", f"bench-{number}",
                              summary=f"{topic}，2026年{number % 12 + 1}月，示范县东山村。",
                              body=demo_module.body_blocks(data.document, text=f"{topic}的详细内容，第{number + 1}期。"))
    entry = data.entry("policy")
    return {"entry_path": Page.objects.get(pk=entry.pk).url, "demo": data}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=300, help="entries added to the demo data")
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/portal-pages-<date>.json)")
    args = parser.parse_args()

    workdir = fresh_django("portal-bench-")
    try:
        from django.conf import settings
        from django.test import Client, RequestFactory

        from bench.search_bench import machine
        from bench.harness import git_commit
        from portal import views
        from portal.client import execute
        from tests.graphql_api.search_support import demo_index

        settings.DEBUG = False  # no SQL logging, as in production
        started = time.perf_counter()
        built = build(args.entries, workdir)
        entry_path = built["entry_path"]
        results = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
                   "entries": args.entries + len(built["demo"].entries), "requests": args.requests,
                   "build_seconds": round(time.perf_counter() - started, 1), "entry_path": entry_path}
        with demo_index(workdir / "index"):
            client = Client(HTTP_HOST="localhost")
            factory = RequestFactory(HTTP_HOST="localhost")

            def search_page(number):
                response = client.get("/search/", {"q": WORDS[number % len(WORDS)]})
                assert response.status_code == 200, response.status_code

            def search_graphql(number):
                request = factory.get("/search/", {"q": WORDS[number % len(WORDS)]})
                params, problems = views.search_params(request)
                assert not problems
                result = execute(request, "search", "SearchPage", views.search_variables(params))
                assert result.data.get("search"), result.errors

            def entry_page(_number):
                response = client.get(entry_path)
                assert response.status_code == 200, response.status_code

            def entry_graphql(_number):
                request = factory.get(entry_path)
                assert execute(request, "entry", "EntryPage", {"path": entry_path}).data.get("disclosure")

            def search_view(number):
                assert views.search(factory.get("/search/", {"q": WORDS[number % len(WORDS)]})).status_code == 200

            def entry_view(_number):
                assert views.page(factory.get(entry_path), entry_path).status_code == 200

            for call in (search_page, search_graphql, search_view, entry_page, entry_graphql, entry_view):  # warm up
                timed(call, 20)
            figures = {}
            for name, page_call, view_call, api_call in (("search_page", search_page, search_view, search_graphql),
                                                         ("entry_page", entry_page, entry_view, entry_graphql)):
                page_ms, view_ms, api_ms = interleaved((page_call, view_call, api_call), args.requests)
                page, api = percentiles(page_ms), percentiles(api_ms)
                figures[name] = {
                    "page_ms": page, "graphql_ms": api,
                    # the portal's view called directly: no middleware, URL resolution or Wagtail routing
                    "portal_view_ms": percentiles(view_ms),
                    "ratio_p50": round(page["p50"] / api["p50"], 2), "ratio_p95": round(page["p95"] / api["p95"], 2),
                    "goal_p95_ms": GOALS_MS[name], "goal_met": page["p95"] <= GOALS_MS[name],
                }
            results.update(figures, load_average_at_end=os.getloadavg()[0])
        for name in ("search_page", "entry_page"):
            row = results[name]
            print(f"{name}: page p50 {row['page_ms']['p50']} ms, p95 {row['page_ms']['p95']} ms; GraphQL p50 "
                  f"{row['graphql_ms']['p50']} ms, p95 {row['graphql_ms']['p95']} ms; ratio p50 "
                  f"{row['ratio_p50']}×, p95 {row['ratio_p95']}×; goal p95 ≤ {row['goal_p95_ms']} ms: "
                  f"{'met' if row['goal_met'] else 'NOT met'}", file=sys.stderr)
        target = args.json or ROOT / "bench" / "results" / f"portal-pages-{results['date']}.json"
        report(results, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
