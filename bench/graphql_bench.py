"""Benchmark: a 20-entry page through GraphQL vs a plain Django JSON view of the same rows and fields,
and search through GraphQL vs the search layer called directly. Prints timings and ratios.

    .venv/bin/python bench/graphql_bench.py [--entries 200] [--rounds 60]

Runs on a fresh SQLite database and a fresh embedded (tantivy) index in a temporary directory.
"""

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="graphql-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

PAGE = """query { disclosures(first: 20) { edges { cursor node {
  id title indexNumber documentNumber publishedOn
  organisation { name } catalogueItem { title }
  attachments { title url size }
  body { __typename id
    ... on RichTextBlock { html }
    ... on FinancialTableBlock { rows { text number } totals { number } }
    ... on PublicExpensesBlock { budget { total } }
    ... on PersonListBlock { people { name } }
    ... on AttachmentsBlock { attachments { title url size } }
    ... on GalleryBlock { images { caption image { rendition(size: THUMBNAIL) { url } } } }
  } } } } }"""

SEARCH = """query($q: String!) { search(query: $q, first: 10) { total
  hits { titleHtml snippets entry { id title path publishedOn organisation { name } } }
  facets { name buckets { key count } } } }"""


def timed(fn, rounds):
    fn()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def build(count):
    import datetime

    from django.core.files.base import ContentFile
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import DisclosureDocument, DisclosureImage
    from tests.graphql_api.demo import PDF, add_entry, add_item, body_blocks
    from cms.units import create_organisation

    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True)
    document = DisclosureDocument(title="预算表", mime_type="application/pdf", file_size=len(PDF))
    document.file.save("budget.pdf", ContentFile(PDF), save=False)
    document.save()
    image = DisclosureImage(title="会议照片", file=get_test_image_file("photo.png"))
    image.save()
    item = add_item(county, "government", "财政预决算", "budget", time_limit_kind="periodic", cadence="monthly")
    today = datetime.date(2026, 11, 1)
    for number in range(count):
        add_entry(item, f"第{number}期财政收支情况公开", f"entry-{number}",
                  published_on=today - datetime.timedelta(days=number), document_number=f"示财〔2026〕{number}号",
                  body=body_blocks(document, image, text=f"本期财政收支情况说明第{number}号，涉及预算执行和三公经费。"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    with override_settings(ROOT_URLCONF="bench.graphql_urls", SEARCH_INDEX_DIR=WORK / "index", ALLOWED_HOSTS=["*"]):
        started = time.perf_counter()
        build(args.entries)
        print(f"built {args.entries} entries in {time.perf_counter() - started:.1f} s")
        client = Client()
        gc.collect()
        gc.freeze()  # long-lived objects (Django, Wagtail, the data) out of the collector, as a preloading server does

        def graphql_page():
            response = client.post("/graphql/", {"query": PAGE}, content_type="application/json")
            assert response.status_code == 200 and "errors" not in response.json(), response.content[:500]
            return response

        def plain_page():
            response = client.get("/plain/")
            assert response.status_code == 200
            return response

        assert len(graphql_page().json()["data"]["disclosures"]["edges"]) == 20
        assert len(plain_page().json()["entries"]) == 20
        queries = {}
        for name, fn in (("graphql", graphql_page), ("plain", plain_page)):
            with CaptureQueriesContext(connection) as captured:
                fn()
            queries[name] = len(captured.captured_queries)
        g_median, g_p95 = timed(graphql_page, args.rounds)
        p_median, p_p95 = timed(plain_page, args.rounds)

        from search.backends import get_backend, reset_backend
        from search.documents import EntryDocumentBuilder, entries_to_index
        from search.types import SearchQuery

        reset_backend()
        backend = get_backend()
        documents, _errors = EntryDocumentBuilder().build_many(entries_to_index())
        backend.index_documents(documents)
        backend.refresh()

        def graphql_search():
            response = client.post("/graphql/", {"query": SEARCH, "variables": {"q": "财政 预算"}},
                                   content_type="application/json")
            assert response.status_code == 200 and response.json()["data"]["search"]["total"] > 0
            return response

        def direct_search():
            results = backend.search(SearchQuery(text="财政 预算", limit=10,
                                                 facets=("domain", "organisation", "catalogue_item", "year")))
            assert results.total > 0
            return results

        s_median, s_p95 = timed(graphql_search, args.rounds)
        d_median, d_p95 = timed(direct_search, args.rounds)
        reset_backend()

    print("gc: long-lived objects frozen after start-up (gc.freeze)")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {connection.Database.sqlite_version}")
    print(f"20-entry page  GraphQL   median {g_median:7.2f} ms  p95 {g_p95:7.2f} ms  {queries['graphql']} queries")
    print(f"20-entry page  plain     median {p_median:7.2f} ms  p95 {p_p95:7.2f} ms  {queries['plain']} queries")
    print(f"  ratio GraphQL / plain (median): {g_median / p_median:.2f}x  (goal <= 2x)")
    print(f"search         GraphQL   median {s_median:7.2f} ms  p95 {s_p95:7.2f} ms")
    print(f"search         direct    median {d_median:7.2f} ms  p95 {d_p95:7.2f} ms")
    print(f"  ratio GraphQL / direct (median): {s_median / d_median:.2f}x")


if __name__ == "__main__":
    main()
