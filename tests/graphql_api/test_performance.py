"""Every relation goes through request-scoped loaders: the number of SQL queries of a page does not grow
with the page size (Saleor-style query counting)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import WithheldPart

from .demo import TODAY, add_entry, add_item, body_blocks


PAGE = """query($first: Int!, $unit: String) {
  disclosures(first: $first, filter: {organisationCode: $unit}) {
    edges { cursor node {
      id title indexNumber documentNumber publishedOn validity audience scope
      organisation { id name code }
      catalogueItem { id title code }
      attachments { title url size mimeType fileExtension }
      body {
        __typename id
        ... on RichTextBlock { html }
        ... on FinancialTableBlock { caption rows { text number } totals { number } }
        ... on PublicExpensesBlock { budget { total } actual { total } }
        ... on PersonListBlock { people { name birthMonth } }
        ... on KeyFactsBlock { facts { label value } }
        ... on LegalBasisBlock { citation }
        ... on AttachmentsBlock { attachments { url } }
        ... on GalleryBlock { images { caption image { width rendition(size: THUMBNAIL) { url width } } } }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.fixture(scope="module")
def many(demo, django_db_blocker):
    """110 government entries of the county with full bodies; one in ten has a withheld part."""
    with django_db_blocker.unblock():
        item = add_item(demo.units["department"], "government", "预算执行", "execution",
                        time_limit_kind="periodic", cadence="monthly")
        entries = []
        for number in range(110):
            entry = add_entry(item, f"预算执行情况第{number}期", f"execution-{number}",
                              published_on=TODAY - datetime.timedelta(days=100 + number),
                              body=body_blocks(demo.document, demo.image, link_page=demo.entry("policy")))
            if number % 10 == 0:
                WithheldPart.objects.create(page=entry, block_id="b-expenses", description="x",
                                            ground="state_secret", legal_basis="x")
            entries.append(entry)
        return entries


def count_queries(api, first):
    api.data(PAGE, {"first": first, "unit": "330199-002"})  # renditions made on first use
    with CaptureQueriesContext(connection) as captured:
        data = api.data(PAGE, {"first": first, "unit": "330199-002"})
    assert len(data["disclosures"]["edges"]) == first
    return len(captured.captured_queries), data


@pytest.mark.parametrize("first", [20, 100])
def test_page_of_entries_runs_at_most_six_queries(api, many, first):
    queries, data = count_queries(api, first)
    assert queries <= 6, queries
    node = data["disclosures"]["edges"][0]["node"]
    assert node["organisation"]["name"] and node["catalogueItem"]["title"]
    assert node["attachments"][0]["url"].startswith("http://testserver/documents/")
    types = [block["__typename"] for block in node["body"]]
    assert "GalleryBlock" in types and "FinancialTableBlock" in types


def test_query_count_does_not_grow_with_page_size(api, many):
    assert count_queries(api, 20)[0] == count_queries(api, 100)[0]


def test_total_count_costs_one_query(api, many):
    query = "{ disclosures(first: 20) { totalCount nodes { id organisation { name } catalogueItem { title } } } }"
    api.data(query)
    with CaptureQueriesContext(connection) as captured:
        api.data(query)
    assert len(captured.captured_queries) == 2


def test_catalogue_with_latest_entries(api, demo, many):
    query = """query($org: ID!) { catalogue(organisation: $org, domain: GOVERNMENT) { title organisation { name }
        items { title fullName level parent { title } responsibleDepartment { name } nextDueOn isOverdue
                latestEntries(first: 3) { title organisation { name } catalogueItem { title } } } } }"""
    variables = {"org": demo.units["county"].pk}
    api.data(query, variables)
    with CaptureQueriesContext(connection) as captured:
        api.data(query, variables)
    assert len(captured.captured_queries) <= 6, [q["sql"][:120] for q in captured.captured_queries]


SEARCH_BODIES = """query($first: Int!) { search(query: "预算执行情况", first: $first, facets: []) {
  hits { entry { id title body { __typename id ... on RichTextBlock { html } } } } } }"""


@pytest.fixture(scope="module")
def many_indexed(many, index):
    """The module's index, built after the 110 entries of ``many``."""
    return index


def search_bodies(api, first):
    api.data(SEARCH_BODIES, {"first": first})
    with CaptureQueriesContext(connection) as captured:
        data = api.data(SEARCH_BODIES, {"first": first})
    return len(captured.captured_queries), data["search"]["hits"]


def test_search_hits_bodies_load_in_one_batch(api, many, many_indexed):
    """Hits are loaded without their bodies (docs/benchmarks.md «Search through the API»); a body asked for
    comes for the whole page at once, with the same blocks, withheld ones left out, as the entry's list."""
    small, hits = search_bodies(api, 10)
    large, more_hits = search_bodies(api, 50)
    assert len(hits) == 10 and len(more_hits) == 50
    assert small == large, (small, large)
    listed = {edge["node"]["id"]: [block["id"] for block in edge["node"]["body"]]
              for edge in api.data(PAGE, {"first": 100, "unit": "330199-002"})["disclosures"]["edges"]}
    withheld = {str(part.page_id) for part in WithheldPart.objects.filter(block_id="b-expenses")}
    for hit in more_hits:
        blocks = [block["id"] for block in hit["entry"]["body"]]
        assert blocks and blocks == listed.get(hit["entry"]["id"], blocks)
        assert ("b-expenses" in blocks) == (hit["entry"]["id"] not in withheld)
