"""The admin's previews (view draft, a revision) render in the portal's look from the API's own Disclosure
type (portal.preview): what the public would see after this revision, with notes of what is withheld."""

import pytest

from cms.models import DisclosureAttribute, DisclosurePage
from tests.moderation.conftest import (  # noqa: F401
    item,
    make_entry,
    table_block,
    text_block,
    to_approval,
    users,
)

WITHHELD_TEXT = "不公开的补偿明细"


@pytest.fixture
def reviewed_draft(make_entry, users):  # noqa: F811
    """An entry at the approval step whose secrecy review withheld its second of three blocks."""
    entry = make_entry(body=[text_block("<p>公开部分</p>"), table_block(WITHHELD_TEXT), text_block("<p>结尾部分</p>")])
    to_approval(entry, users, outcome="disclose", withheld_blocks=[entry.body[1].id],
                withheld_description="补偿到户明细", ground="personal_privacy", legal_basis="《村民委员会组织法》第三十条")
    return DisclosurePage.objects.get(pk=entry.pk)


def test_a_revision_renders_as_the_portal_entry_page_with_the_withheld_block_marked(client, reviewed_draft, users):  # noqa: F811
    client.force_login(users["a_approver"])
    revision = reviewed_draft.latest_revision
    response = client.get(f"/admin/pages/{reviewed_draft.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="site" role="banner">' in html and "<caption>信息属性</caption>" in html
    assert '<h1 id="entry-title" class="overflow-safe">2026年第三季度村级财务公开</h1>' in html
    assert WITHHELD_TEXT not in html and "补偿发放明细" not in html
    assert html.index("公开部分") < html.index('class="withheld"') < html.index("结尾部分")
    assert "正文有 1 处内容不予公开（区分处理）" in html
    assert 'name="robots" content="noindex, nofollow"' in html


def test_view_draft_shows_the_editors_latest_text(client, reviewed_draft, users):  # noqa: F811
    draft = reviewed_draft.get_latest_revision_as_object()
    draft.summary = "草稿中的新概述"
    draft.save_revision(user=users["a_editor"])
    client.force_login(users["a_approver"])
    html = client.get(f"/admin/pages/{reviewed_draft.pk}/view_draft/").content.decode()
    assert "草稿中的新概述" in html and WITHHELD_TEXT not in html
    assert "<strong>预览</strong>" in html


def test_an_entry_the_public_will_not_see_says_so(client, make_entry, users):  # noqa: F811
    entry = make_entry(disclosure_attribute=DisclosureAttribute.WITHHELD)
    client.force_login(users["a_editor"])
    html = client.get(f"/admin/pages/{entry.pk}/view_draft/").content.decode()
    assert "本条为不予公开信息，发布后公众看不到本条。" in html


def test_a_catalogue_row_preview_uses_the_portal_look(client, item, users):  # noqa: F811
    client.force_login(users["a_approver"])  # rows are kept by approvers (editors only add entries under them)
    response = client.get(f"/admin/pages/{item.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="site" role="banner">' in html and "<h1" in html and item.title in html



def test_the_editors_unsaved_preview_shows_the_form_as_the_public_would_see_it(rf, reviewed_draft, users):  # noqa: F811
    """What Wagtail's 预览 button renders: a page object built from the editor's form, not saved."""
    page = reviewed_draft.get_latest_revision_as_object()
    page.title = "未保存的新标题"
    raw = list(page.body.raw_data)
    page.body = [*raw[:2], text_block("<p>刚刚加上的段落</p>"), *raw[2:]]
    request = rf.get("/")
    request.user = users["a_editor"]
    response = page.make_preview_request(original_request=request)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="entry-title" class="overflow-safe">未保存的新标题</h1>' in html
    assert html.index('class="withheld"') < html.index("刚刚加上的段落") < html.index("结尾部分")
    assert WITHHELD_TEXT not in html
    assert DisclosurePage.objects.get(pk=reviewed_draft.pk).title != "未保存的新标题"


def test_an_entry_never_saved_asks_for_a_draft_first(rf, item, users):  # noqa: F811
    page = DisclosurePage(title="新建未保存", slug="new-unsaved", body=[text_block("<p>新内容</p>")],
                          catalogue_item=item)
    page.set_url_path(item)
    page.depth, page.path = item.depth + 1, item.path + "ZZZZ"
    request = rf.get("/")
    request.user = users["a_editor"]
    response = page.make_preview_request(original_request=request)
    assert response.status_code == 200
    html = response.content.decode()
    assert "新建未保存" in html and "请先保存草稿" in html and '<header class="site" role="banner">' in html
