"""A bounded, repeatable fuzz run of /graphql/ on the live test server: no input may cause an HTTP 5xx or
an error coded INTERNAL_SERVER_ERROR.

Queries come from the committed schema (graphql/schema.graphql) through hypothesis-graphql, valid and
invalid ones, with any Unicode in their strings (lone surrogates included); hostile JSON goes into the
variables of the operations that take free text, ids and cursors. ``derandomize`` makes every run the
same examples, so a failure in CI is a failure on every machine.
"""

import json
import urllib.error
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from graphql import StringValueNode, build_schema
from hypothesis_graphql import Mode, queries

from graphql_api.contract import SCHEMA_FILE

from . import demo as demo_module

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
SCALARS = {
    "Date": st.one_of(st.dates().map(lambda day: day.isoformat()), st.text(max_size=12)).map(
        lambda text: StringValueNode(value=text)),
    "DateTime": st.datetimes().map(lambda moment: StringValueNode(value=moment.isoformat())),
}
WITH_VARIABLES = [
    "query($s: String) { disclosure(indexNumber: $s) { id title } }",
    "query($s: String, $i: ID) { disclosure(urlPath: $s, id: $i) { id } }",
    "query($c: String, $n: Int) { disclosures(after: $c, first: $n) { nodes { id } pageInfo { endCursor } } }",
    "query($c: String, $n: Int) { disclosures(before: $c, last: $n) { nodes { id } } }",
    "query($f: DisclosureFilter, $s: DisclosureSort) { disclosures(filter: $f, sort: $s) { totalCount } }",
    "query($i: ID, $c: String) { organisation(id: $i, code: $c) { name children { name } } }",
    ("query($i: ID, $c: String, $d: Domain!) { catalogue(organisation: $i, organisationCode: $c, domain: $d) "
     "{ title items { title latestEntries { id } } } }"),
    "query($t: String!) { preview(token: $t) { revisionId } }",
    "query($q: String!, $c: String, $f: SearchFilter) { search(query: $q, after: $c, filter: $f) { total } }",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(codec=None)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
FILTER_KEYS = ["domains", "organisation", "organisationCode", "includeSubunits", "catalogueItem", "published",
               "written", "topics", "validities", "periodCovered", "noticesInEffect", "start", "end"]
HOSTILE = st.one_of(
    JSON,
    st.sampled_from(["\ud800", "\udfff", "a\x00b", "9" * 40, "-1", "0", "330102-001", "PARTY", "null",
                     "eyJvIjoicHVibGlzaGVkX29uX2Rlc2MiLCJrIjpbIjIwMjYtMDEtMDEiLDFlOTldfQ", "c2VhcmNoOjk5OTk5OTk5OTk5OTk5"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.dictionaries(st.sampled_from(FILTER_KEYS), JSON, max_size=4),
)


def post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def check(status: int, payload: dict, sent) -> None:
    assert status < 500, (status, payload, sent)
    internal = [error for error in payload.get("errors", [])
                if error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR"]
    assert not internal, (payload, sent)


@pytest.fixture
def endpoint(live_server):
    demo_module.build()
    return live_server.url + "/graphql/"


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_generated_queries(endpoint):
    schema = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    per_field = [queries(schema, fields=[name], custom_scalars=SCALARS, codec=None, mode=mode)
                 for name in schema.query_type.fields for mode in (Mode.POSITIVE, Mode.NEGATIVE)]

    @settings(FUZZ, max_examples=250)
    @given(query=st.one_of(per_field))
    def run(query):
        body = json.dumps({"query": query}).encode()
        check(*post(endpoint, body), query)

    run()


def test_hostile_variables_and_operation_names(endpoint):
    @FUZZ
    @given(query=st.sampled_from(WITH_VARIABLES),
           variables=st.dictionaries(st.sampled_from(["s", "i", "c", "n", "f", "d", "t", "q"]), HOSTILE, max_size=4),
           operation_name=st.none() | st.text(st.characters(codec=None), max_size=5))
    def run(query, variables, operation_name):
        body = {"query": query, "variables": variables}
        if operation_name is not None:
            body["operationName"] = operation_name
        check(*post(endpoint, json.dumps(body).encode()), body)

    run()


def test_generated_mutations(endpoint):
    """The public mutation (依申请公开) over HTTP POST: generated valid and invalid documents, then hostile
    JSON in its input — refusals in ``errors`` of the payload or client errors, never an internal one."""
    from hypothesis_graphql import mutations

    schema = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    generated = [mutations(schema, fields=[name], custom_scalars=SCALARS, codec=None, mode=mode)
                 for name in schema.mutation_type.fields for mode in (Mode.POSITIVE, Mode.NEGATIVE)]

    @settings(FUZZ, max_examples=60)
    @given(query=st.one_of(generated))
    def run_generated(query):
        check(*post(endpoint, json.dumps({"query": query}).encode()), query)

    @settings(FUZZ, max_examples=60)
    @given(data=st.dictionaries(st.sampled_from(["idempotencyKey", "organisationCode", "applicantType", "phone",
                                                 "applicantName", "informationTitle", "identityProof", "email",
                                                 "deliveryWanted", "organisationKind"]), HOSTILE, max_size=8))
    def run_hostile(data):
        body = {"query": "mutation($i: ApplicationInput!) { submitApplication(input: $i) { ok errors { code } } }",
                "variables": {"i": data}}
        check(*post(endpoint, json.dumps(body).encode()), body)

    run_generated()
    run_hostile()
