"""The public view (cms.visibility) on every path: read-time expiry, tokens and narrowed audiences,
previews without withheld blocks, and Wagtail page URLs that never answer 500 (cms.serving)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.models import Audience, DisclosurePage, Domain, Scope
from cms.visibility import Grant, Reader, is_visible, public_body, visible_entries

from .conftest import act, table_block, text_block, to_approval

WITHHELD_TEXT = "不公开的补偿明细"


@pytest.fixture
def live_entry(tree, item):
    return tree.add_entry(item, "2026年第三季度村级财务公开", body=[text_block("<p>公开部分</p>")])


def test_a_notice_past_its_end_is_gone_before_the_scheduler_runs(live_entry):
    assert is_visible(live_entry)
    DisclosurePage.objects.filter(pk=live_entry.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    assert DisclosurePage.objects.get(pk=live_entry.pk).live, "the scheduler has not taken it down"
    assert not is_visible(live_entry)
    DisclosurePage.objects.filter(pk=live_entry.pk).update(expire_at=timezone.now() + datetime.timedelta(hours=1))
    assert is_visible(live_entry)


def test_a_token_never_sees_an_entry_narrowed_to_a_specific_group(tree):
    row = tree.add_item(tree.village_a, Domain.PARTY, "党员发展", slug="members", scope=Scope.ALL_MEMBERS)
    narrowed = tree.add_entry(row, "发展对象名单", audience=Audience.SPECIFIC_GROUP)
    members = tree.add_entry(row, "党费收缴情况")
    reader = Reader(grants=(Grant(frozenset({tree.village_a.pk}), frozenset({Scope.ALL_MEMBERS})),))
    seen = set(visible_entries(reader).values_list("pk", flat=True))
    assert members.pk in seen and narrowed.pk not in seen
    assert not set(visible_entries().values_list("pk", flat=True)) & {members.pk, narrowed.pk}


@pytest.fixture
def reviewed_draft(make_entry, users):
    """An entry at the approval step whose secrecy review withheld its second block."""
    entry = make_entry(body=[text_block("<p>公开部分</p>"), table_block(WITHHELD_TEXT)])
    withheld = entry.body[1].id
    to_approval(entry, users, outcome="disclose", withheld_blocks=[withheld], withheld_description="补偿到户明细",
                ground="personal_privacy", legal_basis="《政府信息公开条例》第十五条")
    return DisclosurePage.objects.get(pk=entry.pk)


def test_a_preview_of_a_revision_drops_blocks_withheld_by_the_secrecy_review(reviewed_draft):
    revision = reviewed_draft.latest_revision
    shown = revision.as_object()
    shown.preview_revision_id = revision.pk
    assert [block.id for block in public_body(shown)] == [reviewed_draft.body[0].id]


def test_the_admin_revision_view_renders_the_public_view(client, reviewed_draft, users):
    client.force_login(users["a_approver"])
    revision = reviewed_draft.latest_revision
    response = client.get(f"/admin/pages/{reviewed_draft.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "公开部分" in html and WITHHELD_TEXT not in html
    assert 'lang="zh-CN"' in html


def test_the_admin_view_draft_works(client, reviewed_draft, users):
    client.force_login(users["a_approver"])
    response = client.get(f"/admin/pages/{reviewed_draft.pk}/view_draft/")
    assert response.status_code == 200
    assert WITHHELD_TEXT not in response.content.decode()


def _page_url(page) -> str:
    return Page.objects.get(pk=page.pk).url


def test_page_urls_of_hidden_and_missing_pages_answer_the_same_404(client, live_entry, make_entry, settings):
    settings.PORTAL_URL = ""
    assert client.get(_page_url(live_entry)).status_code == 200, "the reference portal renders public pages"
    draft = make_entry(title="草稿")
    hidden, missing = client.get(_page_url(draft)), client.get("/no-such-page/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_page_urls_of_public_pages_redirect_to_the_portal(client, live_entry, tree, users, settings):
    settings.PORTAL_URL = "https://portal.example.invalid/"
    url = _page_url(live_entry)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "https://portal.example.invalid" + url
    hidden = tree.add_entry(live_entry.get_parent().specific, "已撤回的公开")
    DisclosurePage.objects.filter(pk=hidden.pk).update(withdrawn_at=timezone.now())
    assert client.get(_page_url(hidden)).status_code == 404
    assert client.get(url + "missing/").status_code == 404


def test_the_approver_publishes_and_the_public_body_still_drops_the_withheld_block(reviewed_draft, users):
    act(reviewed_draft, users["a_approver"], "approve")
    entry = DisclosurePage.objects.get(pk=reviewed_draft.pk)
    assert entry.live
    assert [block.id for block in public_body(entry)] == [entry.body[0].id]


def test_entries_under_an_unpublished_row_are_not_shown(live_entry, item):
    assert is_visible(live_entry)
    item.unpublish()
    assert DisclosurePage.objects.get(pk=live_entry.pk).live
    assert not is_visible(live_entry)


def test_the_graphql_preview_drops_blocks_withheld_by_the_secrecy_review(client, reviewed_draft):
    from graphql_api.preview.tokens import make_preview_token

    token = make_preview_token(reviewed_draft.latest_revision)
    response = client.post("/graphql/", {"query": "query($t: String!) { preview(token: $t) { entry { body { id } } } }",
                                         "variables": {"t": token}}, content_type="application/json")
    assert response.status_code == 200, response.content
    ids = [block["id"] for block in response.json()["data"]["preview"]["entry"]["body"]]
    assert ids == [reviewed_draft.body[0].id]
