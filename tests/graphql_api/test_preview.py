"""Headless preview: a signed, expiring token shows one draft revision (public parts only) and nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from cms.models import CatalogueItemPage, DisclosurePage, WithheldPart
from graphql_api.preview.tokens import make_preview_token, read_preview_token


PREVIEW = """query($token: String!) { preview(token: $token) { revisionId revisionCreatedAt
    entry { id title isPreview body { id } interpretations { title } organisation { name } } } }"""


@pytest.fixture
def draft(demo):
    page = DisclosurePage.objects.get(pk=demo.entry("policy").pk).get_latest_revision_as_object()
    page.title = "修订稿：关于加强财政管理的通知"
    page.body = [*page.body.raw_data, {"type": "rich_text", "id": "draft-secret", "value": "<p>DRAFTSECRET</p>"}]
    page.withheld_parts.add(WithheldPart(block_id="draft-secret", description="x", ground="state_secret",
                                         legal_basis="x"))
    return page.save_revision()


def test_preview_shows_the_draft_revision(api, demo, draft):
    data = api.data(PREVIEW, {"token": make_preview_token(draft)})["preview"]
    assert data["revisionId"] == str(draft.pk)
    assert data["entry"]["title"] == "修订稿：关于加强财政管理的通知" and data["entry"]["isPreview"] is True
    assert "draft-secret" not in [block["id"] for block in data["entry"]["body"]]
    assert data["entry"]["interpretations"] == [{"title": "《关于加强财政管理的通知》政策解读"}]
    public = api.data("query($id: ID!) { disclosure(id: $id) { title } }", {"id": demo.entry("policy").pk})
    assert public["disclosure"]["title"] == "关于加强财政管理的通知"


def test_preview_of_a_never_published_draft(api, demo):
    revision = DisclosurePage.objects.get(pk=demo.entry("draft").pk).get_latest_revision()
    data = api.data(PREVIEW, {"token": make_preview_token(revision)})["preview"]
    assert data["entry"]["title"] == "DRAFT未发布草稿"
    assert api.data("query($id: ID!) { disclosure(id: $id) { id } }", {"id": demo.entry("draft").pk}) == {
        "disclosure": None}


@override_settings(GRAPHQL_PREVIEW_MAX_AGE=-1)
def test_expired_preview_token(api, demo, draft):
    status, payload = api.query(PREVIEW, {"token": make_preview_token(draft)})
    assert payload["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_EXPIRED"


def test_tampered_preview_tokens(api, demo, draft):
    token = make_preview_token(draft)
    from django.core import signing

    forged = signing.TimestampSigner(key="another-key", salt="graphql_api.preview").sign_object(
        {"page": int(draft.object_id), "revision": draft.pk})
    unsalted = signing.TimestampSigner().sign_object({"page": int(draft.object_id), "revision": draft.pk})
    for bad in (token[:-2] + "xx", forged, unsalted, "a:b:c", "x" * 600, ""):
        status, payload = api.query(PREVIEW, {"token": bad})
        assert payload["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID", bad


def test_token_of_another_page_type_is_refused(api, demo):
    revision = CatalogueItemPage.objects.get(pk=demo.items["budget"].pk).get_latest_revision()
    status, payload = api.query(PREVIEW, {"token": make_preview_token(revision)})
    assert payload["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_token_round_trip(draft):
    assert read_preview_token(make_preview_token(draft)) == (int(draft.object_id), draft.pk)


@override_settings(PORTAL_PREVIEW_URL="https://portal.example.gov.cn/preview?entry=1")
def test_admin_sends_editors_to_the_portal(client, demo):
    admin = get_user_model().objects.create_superuser("previewer", "p@example.invalid", "pw")
    client.force_login(admin)
    response = client.get(f"/admin/portal-preview/{demo.entry('policy').pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://portal.example.gov.cn/preview?entry=1&token=")
    assert "no-store" in response["Cache-Control"]
    nobody = get_user_model().objects.create_user("nobody", "n@example.invalid", "pw")
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    refused = client.get(f"/admin/portal-preview/{demo.entry('policy').pk}/")
    assert refused.status_code in (302, 403)
    assert not refused.get("Location", "").startswith("https://portal.example.gov.cn")
