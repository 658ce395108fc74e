"""HTTP behaviour: GET and POST, cache headers by reader, CORS for configured portal origins."""

from django.test import override_settings


QUERY = "{ disclosures(first: 2) { nodes { id title } } }"


def test_anonymous_get_is_publicly_cacheable(api, demo):
    response = api.get(QUERY)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]
    assert "Set-Cookie" not in response


@override_settings(GRAPHQL_CACHE_MAX_AGE=300)
def test_max_age_is_a_setting(api, demo):
    assert "max-age=300" in api.get(QUERY)["Cache-Control"]


def test_token_responses_are_private(api, demo):
    response = api.get(QUERY, token=demo.tokens["county_members"])
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_post_and_errors_are_not_stored(api, demo):
    assert "no-store" in api.post(QUERY)["Cache-Control"]
    assert "no-store" in api.get("{ disclosures(first: 1000) { nodes { id } } }")["Cache-Control"]
    assert "no-store" in api.get("{ nope }")["Cache-Control"]


def test_preview_responses_are_private(api, demo):
    response = api.get('{ preview(token: "x") { revisionId } }')
    assert "no-store" in response["Cache-Control"]


def test_get_with_variables(api, demo):
    response = api.get("query($n: Int) { disclosures(first: $n) { nodes { id } } }", {"n": 1})
    assert len(response.json()["data"]["disclosures"]["nodes"]) == 1


def test_get_with_mutation_is_refused(client, db):
    response = client.get("/graphql/", {"query": "mutation { x }"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 405


def test_graphql_content_type(client, demo, db):
    response = client.post("/graphql/", QUERY, content_type="application/graphql")
    assert response.status_code == 200 and response.json()["data"]["disclosures"]["nodes"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://portal.example.gov.cn"])
def test_cors_for_configured_portals(client, db):
    preflight = client.options("/graphql/", HTTP_ORIGIN="https://portal.example.gov.cn",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type")
    assert preflight["Access-Control-Allow-Origin"] == "https://portal.example.gov.cn"
    assert "authorization" in preflight["Access-Control-Allow-Headers"].lower()
    response = client.post("/graphql/", '{"query": "{ __typename }"}', content_type="application/json",
                           HTTP_ORIGIN="https://portal.example.gov.cn")
    assert response["Access-Control-Allow-Origin"] == "https://portal.example.gov.cn"
    other = client.post("/graphql/", '{"query": "{ __typename }"}', content_type="application/json",
                        HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other


@override_settings(GRAPHQL_GRAPHIQL=True)
def test_graphiql_in_development(client, db):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"graphiql" in response.content.lower()


@override_settings(GRAPHQL_GRAPHIQL=False)
def test_no_graphiql_in_production(client, db):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_token_use_is_recorded(api, demo):
    from graphql_api.models import ApiToken, hash_token

    api.data("{ __typename }", token=demo.tokens["township"])
    token = ApiToken.objects.get(digest=hash_token(demo.tokens["township"]))
    assert token.last_used_at is not None
