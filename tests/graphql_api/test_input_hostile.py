"""Hostile input a stranger can send: every one is refused with a 4xx or a clear GraphQL error whose
code is not INTERNAL_SERVER_ERROR, and none costs more than a few milliseconds of analysis."""

import json

import pytest

from graphql import parse
from graphql_api.core import limits
from graphql_api.schema import schema

from .test_errors import assert_clean, codes

LONE = "\ud800"


def nested_fragments(levels=8, spreads=10) -> str:
    """``levels`` fragments, each spreading the next ``spreads`` times: exponential if expanded naively."""
    parts = ["query Q { ...F0 }"]
    for level in range(levels - 1):
        parts.append(f"fragment F{level} on Query {{ {' '.join([f'...F{level + 1}'] * spreads)} }}")
    parts.append(f"fragment F{levels - 1} on Query {{ disclosures {{ nodes {{ id }} }} }}")
    return " ".join(parts)


def test_nested_fragment_spreads_are_measured_once_each(monkeypatch):
    query = nested_fragments()
    visits = []
    measure = limits._Measure.selection_set

    def counting(self, *args, **kwargs):
        visits.append(1)
        return measure(self, *args, **kwargs)

    monkeypatch.setattr(limits._Measure, "selection_set", counting)
    cost, depth = limits.operation_cost(schema.graphql_schema, parse(query))["Q"]
    assert cost > limits.DEFAULTS["GRAPHQL_MAX_COMPLEXITY"] and depth == 3
    assert len(visits) <= 12  # the operation, 8 fragments, the field selections of the last one


def test_nested_fragment_query_is_refused(api):
    query = nested_fragments(levels=20, spreads=20)
    assert len(query) < 4000
    status, payload = api.query(query)
    assert status == 400 and "QUERY_TOO_COMPLEX" in codes(payload)


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("body", [
    f'{{"query": "{{ __typename }}", "variables": {{"v": {deep(50_000)}}}}}',
    deep(50_000),
    f'{{"query": "{{ __typename }}", "extensions": {deep(5_000)}}}',
])
def test_deeply_nested_json_body(client, db, body):
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_deeply_nested_get_variables(client, db):
    response = client.get("/graphql/", {"query": "{ __typename }", "variables": f'{{"v": {deep(5_000)}}}'},
                          HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize("body", [
    {"query": "{ __typename }", "operationName": LONE},
    {"query": "query($d: Domain!) { catalogue(organisation: 1, domain: $d) { title } }", "variables": {"d": LONE}},
    {"query": "query($s: String) { disclosure(indexNumber: $s) { id } }", "variables": {"s": LONE}},
    {"query": "query($s: String!) { search(query: $s) { total } }", "variables": {"s": "税" + LONE}},
    {"query": f'{{ disclosure(indexNumber: "{LONE}") {{ id }} }}'},
    {"query": f"{{ {LONE} }}"},
    {"query": "{ __typename }", "variables": {LONE: 1}},
])
def test_lone_surrogates_are_refused(client, db, body):
    raw = json.dumps(body)  # ensure_ascii: the surrogate travels as the escape \ud800
    response = client.post("/graphql/", raw, content_type="application/json")
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_lone_surrogate_in_get_variables(client, db):
    response = client.get("/graphql/", {"query": "query($s: String) { disclosure(indexNumber: $s) { id } }",
                                        "variables": json.dumps({"s": LONE})}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400


def test_graphql_escape_of_a_lone_surrogate_is_a_parse_error(api):
    status, payload = api.query('{ disclosure(indexNumber: "\\ud800") { id } }')
    assert status == 400 and codes(payload) == ["GRAPHQL_PARSE_FAILED"]


@pytest.mark.parametrize("query", [
    "{ disclosures(sort: null) { nodes { id } } }",
    "{ disclosures(first: null, after: null, last: null, before: null, offset: null, filter: null) { nodes { id } } }",
    "{ organisations(subtree: null, rootsOnly: null, level: null, domain: null) { name } }",
    "{ disclosures(first: 1) { nodes { links(kinds: null, direction: null) { kind } } } }",
    "{ catalogue(organisationCode: \"330102-001\", domain: PARTY) { items(includeRetired: null) { title } } }",
    '{ search(query: "税", sort: null, facets: null, first: null) { total } }',
    "{ disclosures(first: 1) { nodes { catalogueItem { latestEntries(first: null) { id } } } } }",
    ("{ disclosures(first: 1) { nodes { body { ... on GalleryBlock { images { image { rendition(size: null) "
     "{ url } } } } } } } }"),
    "{ disclosures(filter: {includeSubunits: null, domains: null, published: null}) { nodes { id } } }",
])
def test_explicit_nulls(api, query):
    status, payload = api.query(query)
    assert "INTERNAL_SERVER_ERROR" not in codes(payload), payload
    assert status in (200, 400), payload
    assert_clean(payload)


def test_explicit_null_through_a_variable(api):
    _status, payload = api.query("query($s: DisclosureSort) { disclosures(sort: $s) { nodes { id } } }", {"s": None})
    assert "INTERNAL_SERVER_ERROR" not in codes(payload), payload


@pytest.mark.parametrize("cursor", [
    '{"o":"published_on_desc","k":["2026-01-01",99999999999999999999999]}',
    '{"o":"published_on_desc","k":["2026-01-01",-1]}',
    '{"o":"published_on_desc","k":["2026-01-01",0]}',
    '{"o":"published_on_desc","k":["2026-01-01",1],"x":1}garbage',
    '{"o":"published_on_desc","k":["9999-12-31",1]}',
    '{"o":"published_on_desc","k":["0001-01-01",1]}',
    '{"o":"published_on_desc","k":["2026-01-01",1,2]}',
    '{"o":"published_on_desc","k":{"a":"2026-01-01","b":1}}',
    '{"o":"published_on_desc","k":["2026-01-01",1.0]}',
])
def test_cursors_with_numbers_out_of_range_or_garbage(api, cursor):
    import base64

    encoded = base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")
    for argument in ("after", "before"):
        _status, payload = api.query(f"query($c: String) {{ disclosures({argument}: $c) {{ nodes {{ id }} }} }}",
                                    {"c": encoded})
        assert "INTERNAL_SERVER_ERROR" not in codes(payload), payload
        assert_clean(payload)


@pytest.mark.parametrize("cursor", [
    "search:99999999999999999999999", "search:-1", "search:１２", "search:1garbage", "search:",
    "search:²",
])
def test_search_cursors(api, cursor):
    import base64

    encoded = base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")
    _status, payload = api.query('query($c: String) { search(query: "税", after: $c) { total } }', {"c": encoded})
    assert "INTERNAL_SERVER_ERROR" not in codes(payload), payload


def test_null_for_an_argument_with_a_default_names_the_argument(api):
    status, payload = api.query("{ disclosures(sort: null) { nodes { id } } }")
    assert status == 200 and codes(payload) == ["BAD_USER_INPUT"]
    assert payload["errors"][0]["message"] == "`sort` cannot be null; leave it out to get its default."
    assert payload["errors"][0]["extensions"]["argument"] == "sort"


@pytest.mark.parametrize("query", [
    '{ disclosure(indexNumber: "a\\u0000b") { id } }',
    '{ disclosure(urlPath: "/a\\u0000b/") { id } }',
    '{ organisation(code: "330102\\u0000-001") { id } }',
    '{ catalogue(organisationCode: "3301\\u0000-001", domain: PARTY) { title } }',
    '{ disclosures(filter: {periodCovered: "\\u0000", organisationCode: "1-\\u0000"}) { nodes { id } } }',
    '{ search(query: "税\\u0000", filter: {organisationCode: "1-\\u0000"}) { total } }',
])
def test_nul_characters(api, query):
    _status, payload = api.query(query)
    assert "INTERNAL_SERVER_ERROR" not in codes(payload), payload
    assert_clean(payload)
