"""Disclosure entries: index numbers, narrowing, notice periods, links and validity, deletion rules."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from cms.models import CatalogueItemPage, DisclosureLink, DisclosurePage, Domain, Scope
from cms.wagtail_hooks import deletion_refusal


@pytest.fixture
def item(tree):
    return tree.add_item(tree.township, "government", "政策文件", slug="policies", sequence=3, code="0302")


@pytest.fixture
def party_item(tree):
    return tree.add_item(tree.township, "party", "党员发展", slug="members", sequence=4, scope="all_members")


def test_index_numbers_follow_the_scheme_and_count_up(tree, item):
    first = tree.add_entry(item, "关于印发某某办法的通知", written_on="2026-03-02")
    second = tree.add_entry(item, "关于印发某某细则的通知", written_on="2026-05-06")
    assert first.index_number == "330199-101-ZW0302-2026-0001"
    assert second.index_number == "330199-101-ZW0302-2026-0002"
    older = tree.add_entry(item, "2025年的文件", written_on="2025-12-30")
    assert older.index_number == "330199-101-ZW0302-2025-0001"
    assert re.fullmatch(r"\d{6}-\d+-[A-Z]{2}\w+-\d{4}-\d{4}", first.index_number)


def test_index_number_survives_revisions(tree, item):
    entry = tree.add_entry(item, "文件")
    number = entry.index_number
    entry.title = "文件（修订）"
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.index_number == number


def test_entry_takes_unit_domain_and_item_from_its_parent(tree, item):
    entry = tree.add_entry(item, "文件")
    assert entry.organisation == tree.township
    assert entry.domain == "government"
    assert entry.catalogue_item.pk == item.pk
    assert entry.publishing_body == tree.township.name


def test_audience_and_scope_may_only_be_narrowed(tree, item, party_item):
    narrowed = DisclosurePage(title="特定群体", slug="x1", audience="specific_group")
    item.add_child(instance=narrowed)
    assert narrowed.effective_audience == "specific_group"
    widened = DisclosurePage(title="扩大范围", slug="x2", scope="public")
    with pytest.raises(ValidationError) as error:
        party_item.add_child(instance=widened)
    assert "scope" in error.value.message_dict
    entry = DisclosurePage(title="本单位", slug="x3", scope="unit_members")
    party_item.add_child(instance=entry)
    assert entry.effective_scope == "unit_members"
    with pytest.raises(ValidationError):
        item.add_child(instance=DisclosurePage(title="政务不设范围", slug="x4", scope="all_members"))


def test_notice_period_needs_both_ends_in_order(tree, item):
    with pytest.raises(ValidationError):
        item.add_child(instance=DisclosurePage(title="公示", slug="n1", notice_start="2026-03-10",
                                               notice_end="2026-03-01"))
    with pytest.raises(ValidationError):
        item.add_child(instance=DisclosurePage(title="公示", slug="n2", notice_start="2026-03-10"))


def test_retired_item_takes_no_new_entries(tree, item):
    tree.add_entry(item, "旧文件")
    item.retire("事项调整")
    item.refresh_from_db()
    assert item.is_retired
    with pytest.raises(ValidationError):
        item.add_child(instance=DisclosurePage(title="新文件", slug="new"))


def test_amending_entry_marks_the_original_and_survives_its_edits(tree, item):
    original = tree.add_entry(item, "某某管理办法")
    amendment = tree.add_entry(item, "某某管理办法（2026年修订）", publish=False)
    amendment.links.add(DisclosureLink(kind="amends", target=original))
    amendment.save_revision().publish()
    original.refresh_from_db()
    assert original.validity == "amended" and original.superseded_by_id == amendment.pk
    # An edit of the original from an older revision keeps the mark.
    original.latest_revision.as_object().save_revision().publish()
    original.refresh_from_db()
    assert original.validity == "amended"
    assert list(original.incoming_links.values_list("page_id", flat=True)) == [amendment.pk]


def test_withdrawing_the_amending_entry_makes_the_original_valid_again(tree, item, django_user_model):
    """有效性 follows the amending entry (issue 14 §1): withdrawn, it no longer amends anything; a second
    amendment still published keeps the mark, naming that one."""
    from cms.lifecycle import withdraw

    admin = django_user_model.objects.create_superuser("validity-admin", password="x")
    original = tree.add_entry(item, "某某管理办法")
    first, second = (tree.add_entry(item, title, publish=False) for title in ("修改决定（一）", "修改决定（二）"))
    for amendment in (first, second):
        amendment.links.add(DisclosureLink(kind="amends", target=original))
        amendment.save_revision().publish()
    original.refresh_from_db()
    assert original.validity == "amended" and original.superseded_by_id == second.pk

    withdraw(DisclosurePage.objects.get(pk=second.pk), admin, "内容有误")
    original.refresh_from_db()
    assert original.validity == "amended" and original.superseded_by_id == first.pk

    withdraw(DisclosurePage.objects.get(pk=first.pk), admin, "已被新的文件代替")
    original.refresh_from_db()
    assert original.validity == "valid" and original.superseded_by_id is None

    DisclosurePage.objects.get(pk=first.pk).save_revision().publish()  # published again: marks again
    original.refresh_from_db()
    assert original.validity == "amended" and original.superseded_by_id == first.pk


def test_interpretation_links_are_visible_both_ways(tree, item):
    policy = tree.add_entry(item, "某某政策")
    reading = tree.add_entry(item, "《某某政策》政策解读", publish=False)
    reading.links.add(DisclosureLink(kind="interprets", target=policy))
    reading.save_revision().publish()
    assert list(policy.incoming_links.filter(kind="interprets").values_list("page_id", flat=True)) == [reading.pk]
    assert list(DisclosurePage.objects.get(pk=reading.pk).links.values_list("target_id", flat=True)) == [policy.pk]


def test_first_publication_date_is_recorded(tree, item):
    entry = tree.add_entry(item, "文件")
    assert entry.published_on is not None and entry.first_published_on == entry.published_on


def test_published_entries_and_rows_with_entries_are_never_deleted(tree, item):
    draft = tree.add_entry(item, "草稿", publish=False)
    assert deletion_refusal(draft) is None
    published = tree.add_entry(item, "已发布")
    assert deletion_refusal(published)
    assert deletion_refusal(item)
    with pytest.raises(ValidationError), transaction.atomic():
        published.delete()
    assert DisclosurePage.objects.filter(pk=published.pk).exists()
    draft.delete()
    assert CatalogueItemPage.objects.filter(pk=item.pk).exists()


def test_deleting_a_published_entry_in_the_admin_is_refused(client, tree, item):
    from django.urls import reverse

    published = tree.add_entry(item, "已发布")
    client.force_login(tree.users["admin"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[published.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[published.pk]) not in edit, "删除 is not offered"
    assert reverse("wagtailadmin_pages:unpublish", args=[published.pk]) not in edit, "取消发布 is not offered"
    response = client.post(reverse("wagtailadmin_pages:delete", args=[published.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), "permission denied"
    assert DisclosurePage.objects.filter(pk=published.pk).exists()


def test_channels_are_checked(tree):
    catalogue = tree.catalogue(tree.township, "government")
    with pytest.raises(ValidationError):
        catalogue.add_child(instance=CatalogueItemPage(title="错误渠道", slug="bad", channels=["carrier_pigeon"]))
    with pytest.raises(ValidationError):
        catalogue.add_child(instance=CatalogueItemPage(title="缺频次", slug="bad2", time_limit_kind="periodic"))


def test_second_level_codes_extend_the_first_level_code(tree):
    first = tree.add_item(tree.township, "government", "财政信息", slug="fin", sequence=3)
    second = first.add_child(instance=CatalogueItemPage(title="部门预算", slug="dept-budget", sequence=2))
    assert first.category_code() == "ZW03"
    assert second.category_code() == "ZW0302"


def test_restoring_an_old_revision_does_not_unretire_a_row(tree, item):
    old_revision = item.latest_revision
    item.retire("事项调整")
    item.refresh_from_db()
    old_revision.as_object().save_revision().publish()
    item.refresh_from_db()
    assert item.is_retired


def test_a_non_public_row_keeps_its_title_out_of_paths(tree):
    catalogue = tree.catalogue(tree.village_a, Domain.PARTY)
    rows = []
    for title in ("组织生活会情况", "组织生活会情况（二）"):
        row = catalogue.add_child(instance=CatalogueItemPage(title=title, scope=Scope.UNIT_MEMBERS, sequence=4))
        row.save_revision().publish()
        rows.append(CatalogueItemPage.objects.get(pk=row.pk))
    assert all("组织生活" not in row.slug and "组织生活" not in row.url_path for row in rows)
    assert [row.slug for row in rows] == ["item-dw04", "item-dw04-2"]
    public = tree.add_item(tree.village_a, Domain.PARTY, "党组织基本情况", sequence=5)
    assert CatalogueItemPage.objects.get(pk=public.pk).scope == Scope.PUBLIC
