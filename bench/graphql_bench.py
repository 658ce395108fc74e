"""Benchmark: a 20-entry page through GraphQL vs a plain Django JSON view of the same rows and fields,
and search through GraphQL vs the search layer called directly. Prints timings and ratios.

    .venv/bin/python bench/graphql_bench.py [--entries 200] [--rounds 60]

Runs on a fresh SQLite database and a fresh embedded (tantivy) index in a temporary directory. The two
pages, and the two searches, take turns request by request (``bench.harness.interleaved``), so that a change
of load on the shared machine weighs on both alike; before timing, the script checks that the plain view
returns the same titles, rich text, attachments and thumbnails as the API. Writes
``bench/results/graphql-bench-<date>.json`` (date, commit, machine, load average at start and end).
"""

import argparse
import datetime
import gc
import os
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


def summary(samples: list[float]) -> dict:
    from bench.search_bench import percentile

    return {"p50": round(percentile(samples, 50), 2), "p95": round(percentile(samples, 95), 2),
            "max": round(max(samples), 2), "n": len(samples)}


def build(count):
    from django.core.files.base import ContentFile
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import DisclosureDocument, DisclosureImage
    from cms.units import create_organisation
    from tests.graphql_api.demo import PDF, add_entry, add_item, body_blocks

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


def same_fields(graphql: dict, plain: dict) -> None:
    """The baseline returns what the API returns: same entries, same rich text (links resolved alike),
    same attachments and thumbnails."""
    edges = graphql["data"]["disclosures"]["edges"]
    assert [edge["node"]["title"] for edge in edges] == [entry["title"] for entry in plain["entries"]]
    for edge, entry in zip(edges, plain["entries"]):
        node = edge["node"]
        assert [a["url"] for a in node["attachments"]] == [a["url"] for a in entry["attachments"]]
        api_html = [block["html"] for block in node["body"] if "html" in block]
        assert api_html == [block["html"] for block in entry["body"] if "html" in block], (api_html, entry["body"])
        api_images = [image["image"]["rendition"]["url"] for block in node["body"] for image in block.get("images", [])]
        assert api_images == [image["url"] for block in entry["body"] for image in block.get("images", [])]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/graphql-bench-<date>.json)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from bench.harness import git_commit, interleaved, report
    from bench.search_bench import machine

    setup_test_environment()
    results = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
               "database": "SQLite", "entries": args.entries, "rounds": args.rounds,
               "load_average_at_start": round(os.getloadavg()[0], 2),
               "gc": "long-lived objects frozen after start-up (gc.freeze)"}
    call_command("migrate", verbosity=0)
    with override_settings(ROOT_URLCONF="bench.graphql_urls", SEARCH_INDEX_DIR=WORK / "index", ALLOWED_HOSTS=["*"]):
        started = time.perf_counter()
        build(args.entries)
        results["build_seconds"] = round(time.perf_counter() - started, 1)
        print(f"built {args.entries} entries in {results['build_seconds']} s", file=sys.stderr)
        client = Client()

        def graphql_page(_round=None):
            response = client.post("/graphql/", {"query": PAGE}, content_type="application/json")
            assert response.status_code == 200 and "errors" not in response.json(), response.content[:500]
            return response

        def plain_page(_round=None):
            response = client.get("/plain/")
            assert response.status_code == 200
            return response

        graphql_data, plain_data = graphql_page().json(), plain_page().json()
        assert len(graphql_data["data"]["disclosures"]["edges"]) == 20
        same_fields(graphql_data, plain_data)
        gc.collect()
        gc.freeze()  # long-lived objects (Django, Wagtail, the data) out of the collector, as a preloading server does
        queries = {}
        for name, fn in (("graphql", graphql_page), ("plain", plain_page)):
            with CaptureQueriesContext(connection) as captured:
                fn()
            queries[name] = len(captured.captured_queries)
        graphql_times, plain_times = interleaved([graphql_page, plain_page], args.rounds)

        from search.backends import get_backend, reset_backend
        from search.documents import EntryDocumentBuilder, entries_to_index
        from search.types import SearchQuery

        reset_backend()
        backend = get_backend()
        documents, _errors = EntryDocumentBuilder().build_many(entries_to_index())
        backend.index_documents(documents)
        backend.refresh()

        def graphql_search(_round=None):
            response = client.post("/graphql/", {"query": SEARCH, "variables": {"q": "财政 预算"}},
                                   content_type="application/json")
            assert response.status_code == 200 and response.json()["data"]["search"]["total"] > 0
            return response

        def direct_search(_round=None):
            results = backend.search(SearchQuery(text="财政 预算", limit=10,
                                                 facets=("domain", "organisation", "catalogue_item", "year")))
            assert results.total > 0
            return results

        graphql_search(), direct_search()
        with CaptureQueriesContext(connection) as captured:
            graphql_search()
        queries["graphql_search"] = len(captured.captured_queries)
        search_times, direct_times = interleaved([graphql_search, direct_search], args.rounds)
        reset_backend()

    page = {"graphql": {"ms": summary(graphql_times), "sql_queries": queries["graphql"]},
            "plain": {"ms": summary(plain_times), "sql_queries": queries["plain"]}}
    page["ratio_graphql_to_plain_p50"] = round(page["graphql"]["ms"]["p50"] / page["plain"]["ms"]["p50"], 2)
    page["ratio_graphql_to_plain_p95"] = round(page["graphql"]["ms"]["p95"] / page["plain"]["ms"]["p95"], 2)
    search = {"graphql": {"ms": summary(search_times), "sql_queries": queries["graphql_search"]},
              "direct": {"ms": summary(direct_times), "sql_queries": 0}}
    search["ratio_graphql_to_direct_p50"] = round(search["graphql"]["ms"]["p50"] / search["direct"]["ms"]["p50"], 1)
    results.update(page_of_20=page, search=search, load_average_at_end=round(os.getloadavg()[0], 2))
    target = args.json or ROOT / "bench" / "results" / f"graphql-bench-{results['date']}.json"
    report(results, target)


if __name__ == "__main__":
    main()
