"""API tokens: issued in the Wagtail admin, shown once, stored hashed, bound to units and scopes, revocable."""

import re

import pytest
from django.contrib.auth import get_user_model

from graphql_api.models import ApiToken, hash_token


QUERY = "{ disclosures(first: 100) { nodes { title } } }"


@pytest.fixture
def admin_client(client, demo):
    client.force_login(get_user_model().objects.create_superuser("tokens", "t@example.invalid", "pw"))
    return client


def test_issue_use_and_revoke_in_the_admin(admin_client, api, demo):
    response = admin_client.post("/admin/api_tokens/new/", {
        "name": "县委党建网", "organisations": [demo.units["county"].pk], "scopes": ["all_members"],
        "expires_at": "",
    })
    assert response.status_code == 200, response.content[:2000]
    raw = re.search(rb'id="api-token"[^>]*>(dpt_[^<]+)<', response.content).group(1).decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(name="县委党建网")
    assert token.digest == hash_token(raw) and raw not in str(token.__dict__)
    assert token.created_by.username == "tokens"

    titles = {n["title"] for n in api.data(QUERY, token=raw)["disclosures"]["nodes"]}
    assert "党费收缴情况INTERNAL" in titles and "县委机关组织生活会INTERNAL" not in titles

    listing = admin_client.get("/admin/api_tokens/")
    assert listing.status_code == 200 and raw.encode() not in listing.content

    response = admin_client.post(f"/admin/api_tokens/edit/{token.pk}/", {
        "name": "县委党建网", "organisations": [demo.units["county"].pk], "scopes": ["all_members"],
        "expires_at": "", "revoke": "on",
    })
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    status, payload = api.query(QUERY, token=raw)
    assert status == 401


def test_public_scope_cannot_be_granted(admin_client, demo):
    response = admin_client.post("/admin/api_tokens/new/", {
        "name": "x", "organisations": [demo.units["county"].pk], "scopes": ["public"]})
    assert response.status_code == 200 and b'id="api-token"' not in response.content
    assert not ApiToken.objects.filter(name="x").exists()


def test_token_without_scopes_reads_public_only(api, demo):
    from .demo import issue_token

    _token, raw = issue_token("无范围", [demo.units["county"]], [])
    titles = {n["title"] for n in api.data(QUERY, token=raw)["disclosures"]["nodes"]}
    assert not any("INTERNAL" in title for title in titles)


def test_non_admins_cannot_manage_tokens(client, demo):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "e@example.invalid", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/api_tokens/").status_code in (302, 403)
