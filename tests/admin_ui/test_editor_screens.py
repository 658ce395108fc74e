"""Issue 11: what editors and reviewers read in the admin (zh-hans): names family name first, the
comment of an entry sent back for changes, status tags, the entry form."""

import re

import pytest
from wagtail.users.models import UserProfile

from cms import lifecycle
from cms.models import DisclosurePage, Domain
from cms.moderation.panels import person_name
from tests.moderation.conftest import act, submit, text_block


@pytest.fixture
def chinese(tree):
    """Chinese names; every account of the tree uses the admin in zh-hans."""
    names = {"a_editor": ("郭", "勇"), "a_reviewer": ("王", "芳"), "a_approver": ("陈", "静")}
    for username, user in tree.users.items():
        user.last_name, user.first_name = names.get(username, ("", ""))
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
    return tree


@pytest.fixture
def item(chinese):
    return chinese.add_item(chinese.village_a, Domain.VILLAGE, "村级道路建设", slug="roads")


def draft(tree, item, title="2026年东山村桥梁维修公示"):
    entry = tree.add_entry(item, title, publish=False, body=[text_block()], owner=tree.users["a_editor"])
    entry.save_revision(user=tree.users["a_editor"])
    return DisclosurePage.objects.get(pk=entry.pk)


def test_chinese_names_read_family_name_first(django_user_model):
    assert person_name(django_user_model(username="g", last_name="郭", first_name="勇")) == "郭勇"
    assert person_name(django_user_model(username="s", last_name="Smith", first_name="Ann")) == "Ann Smith"
    assert person_name(django_user_model(username="x")) == "x"
    assert person_name(None) == ""


def test_the_reviewers_dashboard_names_the_submitter_family_name_first(chinese, item, client):
    submit(draft(chinese, item), chinese.users["a_editor"])
    client.force_login(chinese.users["a_reviewer"])
    html = client.get("/admin/").content.decode()
    assert 'data-label="提出人">郭勇</td>' in html


def test_an_entry_sent_back_opens_with_reviewer_step_and_comment(chinese, item, client):
    entry = draft(chinese, item)
    submit(entry, chinese.users["a_editor"])
    act(entry, chinese.users["a_reviewer"], "reject", comment="请补充工程预算明细。")
    client.force_login(chinese.users["a_editor"])
    html = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert "已退回修改：王芳" in html
    assert "审核" in html and "请补充工程预算明细。" in html


def test_an_entry_in_review_has_no_such_banner(chinese, item, client):
    entry = draft(chinese, item)
    submit(entry, chinese.users["a_editor"])
    client.force_login(chinese.users["a_editor"])
    assert "已退回修改" not in client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()


def test_status_tags_say_published_withdrawn_and_sent_back(chinese, item, client):
    chinese.add_entry(item, "2025年道路养护情况公开", body=[text_block()], owner=chinese.users["a_editor"])
    withdrawn = chinese.add_entry(item, "2025年修路补贴发放公示", body=[text_block()], owner=chinese.users["a_editor"])
    lifecycle.withdraw(withdrawn, chinese.users["a_approver"], "名单有误")
    returned = draft(chinese, item)
    submit(returned, chinese.users["a_editor"])
    act(returned, chinese.users["a_reviewer"], "reject", comment="请补充。")
    client.force_login(chinese.users["a_approver"])
    html = client.get(f"/admin/pages/{item.pk}/").content.decode()
    tags = re.findall(r'class="w-status[^"]*"[^>]*>\s*(?:<span class="w-sr-only">[^<]*</span>)?\s*([^<]+?)\s*<', html)
    assert sorted(tags) == sorted(["已发布", "已撤回", "已退回修改"])


def test_the_entry_form_of_an_editor(chinese, item, client):
    entry = draft(chinese, item)
    client.force_login(chinese.users["a_editor"])
    html = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert 'value="withheld"' not in html  # 不予公开 is decided by the secrecy review and the approver
    assert "公开时限与状态" not in html  # nothing to say: no empty panel
    assert "提交审核" in html
    assert "不予公开的部分（区分处理）" in html
    client.force_login(chinese.users["a_approver"])
    assert 'value="withheld"' in client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()


def test_an_entry_with_a_time_limit_shows_its_status_panel(chinese, client):
    prompt = chinese.add_item(chinese.village_a, Domain.VILLAGE, "重大事项", slug="prompt", time_limit_kind="prompt")
    entry = draft(chinese, prompt)
    client.force_login(chinese.users["a_editor"])
    assert "公开时限与状态" in client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()


def test_catalogue_rows_offer_channels_as_checkboxes_and_scope_only_for_party(chinese, item, client):
    party = chinese.add_item(chinese.village_a, Domain.PARTY, "组织生活", slug="party")
    client.force_login(chinese.users["admin"])
    village_html = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert 'type="checkbox" name="channels" value="notice_board"' in village_html
    assert 'name="scope"' not in village_html
    assert 'name="scope"' in client.get(f"/admin/pages/{party.pk}/edit/").content.decode()


def test_saving_a_catalogue_row_keeps_the_checked_channels(chinese, item, client):
    from wagtail.test.utils.form_data import querydict_from_html

    client.force_login(chinese.users["admin"])
    html = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.setlist("channels", ["notice_board", "government_website"])
    response = client.post(f"/admin/pages/{item.pk}/edit/", dict(data.lists()))
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert sorted(item.get_latest_revision_as_object().channels) == ["government_website", "notice_board"]


def test_the_dashboard_is_headed_by_the_platforms_name(chinese, client):
    from wagtail.models import Site

    from cms.units import platform_name

    assert Site.objects.get(is_default_site=True).site_name == platform_name()
    client.force_login(chinese.users["a_editor"])
    html = client.get("/admin/").content.decode()
    assert platform_name() in html
    assert "localhost" not in html


def test_the_new_entry_form_of_an_editor(chinese, item, client):
    client.force_login(chinese.users["a_editor"])
    response = client.get(f"/admin/pages/add/cms/disclosurepage/{item.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "提交审核" in html
    assert 'value="withheld"' not in html
    assert "公开时限与状态" not in html


def test_scope_only_on_party_entries_and_empty_reads_as_the_row(chinese, item, client):
    village_entry = draft(chinese, item)
    party_item = chinese.add_item(chinese.village_a, Domain.PARTY, "组织生活", slug="party")
    party_entry = draft(chinese, party_item, title="2026年第一季度党员大会情况")
    client.force_login(chinese.users["a_editor"])
    village_html = client.get(f"/admin/pages/{village_entry.pk}/edit/").content.decode()
    assert 'name="scope"' not in village_html
    assert '<option value="" selected>与公开事项相同</option>' in village_html
    assert 'name="scope"' in client.get(f"/admin/pages/{party_entry.pk}/edit/").content.decode()
