"""Bad input gets a clear GraphQL error with a stable code and a 4xx outcome, never a crash or a leak."""

import base64
import json

import pytest
from django.test import override_settings



def codes(payload):
    return [error.get("extensions", {}).get("code") for error in payload.get("errors", [])]


def assert_clean(payload):
    text = json.dumps(payload, ensure_ascii=False)
    for leak in ("Traceback", "File \"", "django.", "sqlite", "SELECT ", ".py"):
        assert leak not in text, text


@pytest.mark.parametrize("query, code", [
    ("{ disclosures(first: \"ten\") { nodes { id } } }", "GRAPHQL_VALIDATION_FAILED"),
    ("{ disclosures { nodes { secret } } }", "GRAPHQL_VALIDATION_FAILED"),
    ("{ nothingHere }", "GRAPHQL_VALIDATION_FAILED"),
    ("{ disclosures { nodes { id } ", "GRAPHQL_PARSE_FAILED"),
    ("mutation { x }", "GRAPHQL_VALIDATION_FAILED"),
    ("subscription { x }", "METHOD_NOT_ALLOWED"),
    ("{ organisation(id: 1) { name } ", "GRAPHQL_PARSE_FAILED"),
    ("query($d: Domain!) { catalogue(organisation: 1, domain: $d) { title } }", "GRAPHQL_VALIDATION_FAILED"),
])
def test_malformed_queries_are_client_errors(api, query, code):
    status, payload = api.query(query)
    assert 400 <= status < 500
    assert code in codes(payload)
    assert "data" not in payload
    assert_clean(payload)


@pytest.mark.parametrize("arguments", ["first: 101", "first: 100000", "first: -1", "last: -5",
                                       "first: 2, last: 2", "offset: -1", "offset: 99999999",
                                       "after: \"garbage\"", "after: \"\"", "before: \"%%%\"",
                                       "first: 5, after: \"x\", before: \"y\""])
def test_bad_connection_arguments(api, arguments):
    status, payload = api.query(f"{{ disclosures({arguments}) {{ nodes {{ id }} }} }}")
    assert status == 200
    assert codes(payload) == ["BAD_USER_INPUT"]
    assert payload["data"] is None
    assert_clean(payload)


@pytest.mark.parametrize("cursor", [
    base64.urlsafe_b64encode(b'{"o":"published_on_asc","k":["2026-01-01",1]}').decode(),  # another order
    base64.urlsafe_b64encode(b'{"o":"published_on_desc","k":["not a date",1]}').decode(),
    base64.urlsafe_b64encode(b'{"o":"published_on_desc","k":["2026-01-01","1; DROP TABLE"]}').decode(),
    base64.urlsafe_b64encode(b'[1,2,3]').decode(),
    base64.urlsafe_b64encode(b"\xff\xfe").decode(),
])
def test_forged_cursors(api, cursor):
    status, payload = api.query("query($c: String) { disclosures(after: $c) { nodes { id } } }", {"c": cursor})
    assert codes(payload) == ["BAD_USER_INPUT"]
    assert_clean(payload)


@pytest.mark.parametrize("query", [
    '{ disclosure(id: "abc") { id } }',
    '{ disclosure(id: "-1") { id } }',
    '{ disclosure(id: "99999999999999999999999") { id } }',
    '{ disclosure { id } }',
    '{ disclosure(id: "1", indexNumber: "x") { id } }',
    '{ organisation(code: "nodash") { id } }',
    '{ organisation { id } }',
    '{ catalogue(organisationCode: "1-1", organisation: "1", domain: PARTY) { title } }',
    '{ search(query: "") { total } }',
    '{ search(query: "税", after: "bogus") { total } }',
    '{ disclosures(filter: {published: {start: "2026-02-01", end: "2026-01-01"}}) { nodes { id } } }',
    '{ preview(token: "nonsense") { entry { id } } }',
    '{ disclosures(filter: {catalogueItem: "x"}) { nodes { id } } }',
])
def test_bad_arguments(api, demo, query):
    status, payload = api.query(query)
    assert status == 200, payload
    assert payload["data"] is None or all(value is None for value in payload["data"].values()), payload
    assert payload["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "PREVIEW_TOKEN_INVALID"}
    assert_clean(payload)


def test_wrong_variable_types(api):
    status, payload = api.query("query($n: Int) { disclosures(first: $n) { nodes { id } } }", {"n": "many"})
    assert status == 400 and codes(payload) == ["GRAPHQL_VALIDATION_FAILED"]
    status, payload = api.query('{ disclosures(filter: {published: {start: "yesterday"}}) { nodes { id } } }')
    assert status == 400
    assert_clean(payload)


def test_deep_query_is_refused(api):
    nested = "organisation { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } }"
    status, payload = api.query(f"{{ disclosures {{ nodes {{ {nested} }} }} }}")
    assert status == 400 and codes(payload) == ["QUERY_TOO_DEEP"]
    assert payload["errors"][0]["extensions"]["maxDepth"] == 10


def test_aliased_many_times_is_refused(api):
    aliases = " ".join(f"a{i}: disclosures(first: 100) {{ nodes {{ id title body {{ id }} }} }}" for i in range(40))
    status, payload = api.query(f"{{ {aliases} }}")
    assert status == 400 and codes(payload) == ["QUERY_TOO_COMPLEX"]


def test_costly_fragment_cycles_and_spreads_are_measured(api):
    query = """query { ...A } fragment A on Query { disclosures(first: 100) { nodes { ...B } } }
               fragment B on Disclosure { links { entry { links { entry { links { entry { body { id } } } } } } } }"""
    status, payload = api.query(query)
    assert status == 400 and "QUERY_TOO_COMPLEX" in codes(payload)
    status, payload = api.query("query { ...A } fragment A on Query { ...A }")
    assert status == 400 and "GRAPHQL_VALIDATION_FAILED" in codes(payload)


def test_megabyte_query_is_refused_before_parsing(api):
    query = "{ disclosures { nodes { id } } }" + " " * (1024 * 1024)
    status, payload = api.query(query)
    assert status == 413 and codes(payload) == ["QUERY_TOO_LONG"]


def test_too_many_tokens(api):
    query = "{ " + " ".join("a" for _ in range(5000)) + " }"
    status, payload = api.query(query)
    assert status == 400 and codes(payload) == ["GRAPHQL_PARSE_FAILED"]


@pytest.mark.parametrize("body, content_type, status", [
    ("not json", "application/json", 400),
    ("[1, 2]", "application/json", 400),
    ('{"query": 42}', "application/json", 400),
    ('{"query": "{ __typename }", "variables": [1]}', "application/json", 400),
    ('{"query": "{ __typename }", "variables": "{bad"}', "application/json", 400),
    ('{"query": "{ __typename }", "operationName": 5}', "application/json", 400),
    ("{ __typename }", "text/plain", 415),
    (b"\xff\xfe", "application/json", 400),
])
def test_malformed_http_bodies(client, db, body, content_type, status):
    response = client.post("/graphql/", body, content_type=content_type)
    assert response.status_code == status
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"]
    assert_clean(payload)


def test_other_methods(client, db):
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405 and response["Allow"] == "GET, POST"


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer dpt_forged", "Basic abc", "Bearer", "Token x"])
def test_invalid_tokens_are_refused_not_downgraded(client, db, header):
    response = client.post("/graphql/", '{"query": "{ __typename }"}', content_type="application/json",
                           HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("name", ["revoked", "expired"])
def test_revoked_and_expired_tokens(api, demo, name):
    status, payload = api.query("{ __typename }", token=demo.tokens[name])
    assert status == 401 and codes(payload) == ["UNAUTHENTICATED"]


def test_unexpected_errors_are_masked(api, demo, monkeypatch):
    from graphql_api.organisations import schema as organisation_schema

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /srv/app/settings.py")

    monkeypatch.setattr(organisation_schema, "find_organisation", broken)
    status, payload = api.query('{ organisation(id: "1") { name } }')
    assert codes(payload) == ["INTERNAL_SERVER_ERROR"]
    assert "secret" not in json.dumps(payload)


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_introspection_off_in_production(api):
    status, payload = api.query("{ __schema { types { name } } }")
    assert status == 400 and codes(payload) == ["INTROSPECTION_DISABLED"]
    status, payload = api.query("{ disclosures { nodes { titel } } }")
    assert "Did you mean" not in payload["errors"][0]["message"]
    assert api.data("{ __typename }") == {"__typename": "Query"}


@override_settings(GRAPHQL_INTROSPECTION=True)
def test_introspection_on_when_configured(api):
    assert api.data("{ __schema { queryType { name } } }")["__schema"]["queryType"]["name"] == "Query"
    status, payload = api.query("{ disclosures { nodes { titel } } }")
    assert "Did you mean" in payload["errors"][0]["message"]


@override_settings(GRAPHQL_MAX_PAGE_SIZE=5, GRAPHQL_MAX_DEPTH=3)
def test_limits_are_settings(api):
    assert codes(api.query("{ disclosures(first: 6) { nodes { id } } }")[1]) == ["BAD_USER_INPUT"]
    assert codes(api.query("{ disclosures { nodes { organisation { parent { name } } } } }")[1]) == ["QUERY_TOO_DEEP"]


def test_a_crash_outside_resolvers_is_a_masked_500(api, monkeypatch):
    from graphql_api import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /srv/app/settings.py")

    monkeypatch.setattr(views, "execute", broken)
    status, payload = api.query("{ __typename }")
    assert status == 500 and codes(payload) == ["INTERNAL_SERVER_ERROR"]
    assert "secret" not in json.dumps(payload)
