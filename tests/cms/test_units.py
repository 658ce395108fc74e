"""Organisations: tree rules and what creating a unit provisions."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission

from cms.models import CataloguePage, Organisation, UnitPage
from cms.units import create_organisation, provision, rename_organisation


def test_creating_a_unit_provisions_section_catalogues_and_groups(tree):
    village = tree.village_a
    assert isinstance(village.page.specific, UnitPage)
    assert village.page.get_parent().pk == tree.township.page.pk
    assert sorted(CataloguePage.objects.filter(organisation=village).values_list("domain", flat=True)) == [
        "party", "village"]
    for group in (village.editors, village.reviewers, village.secrecy_reviewers, village.approvers):
        assert group is not None and village.code in group.name
        assert group.permissions.filter(codename="access_admin").exists()


def test_permissions_cover_own_catalogues_and_parent_approvers_only(tree):
    village_catalogues = set(CataloguePage.objects.filter(organisation=tree.village_a).values_list("pk", flat=True))
    editor_pages = set(GroupPagePermission.objects.filter(group=tree.village_a.editors).values_list("page", flat=True))
    assert editor_pages == village_catalogues
    approver_codenames = set(GroupPagePermission.objects.filter(
        group=tree.township.approvers, page__in=village_catalogues).values_list("permission__codename", flat=True))
    assert "publish_page" in approver_codenames
    # The township's editors and the county's approvers have nothing on the village.
    assert not GroupPagePermission.objects.filter(group=tree.township.editors, page__in=village_catalogues).exists()
    assert not GroupPagePermission.objects.filter(group=tree.county.approvers, page__in=village_catalogues).exists()


def test_provision_is_idempotent(tree):
    before = GroupPagePermission.objects.count()
    provision(tree.village_a)
    assert GroupPagePermission.objects.count() == before


def test_adding_a_domain_adds_its_catalogue(tree):
    tree.township.publishes_village = True
    tree.township.save()
    provision(tree.township)
    assert CataloguePage.objects.filter(organisation=tree.township, domain="village").exists()


@pytest.mark.parametrize("level,parent_attr", [
    ("village", "county"),  # a village sits under a township
    ("township", "village_a"),
    ("county", "township"),
])
def test_level_rules(tree, level, parent_attr):
    with pytest.raises(ValidationError):
        create_organisation(getattr(tree, parent_attr), name="错位单位", short_name="错位", level=level,
                            region_code="330199", department_code="999", publishes_party=True)
    assert not Organisation.objects.filter(name="错位单位").exists()


def test_unit_needs_a_domain_and_a_unique_code(tree):
    with pytest.raises(ValidationError):
        create_organisation(tree.county, name="无公开", short_name="无", level="department",
                            region_code="330199", department_code="201")
    with pytest.raises(ValidationError):
        create_organisation(tree.township, name="重复编码", short_name="重复", level="village",
                            region_code="330199", department_code="10101", publishes_village=True)


def test_villages_do_not_publish_government_affairs(tree):
    with pytest.raises(ValidationError):
        create_organisation(tree.township, name="南村", short_name="南村", level="village", region_code="330199",
                            department_code="10103", publishes_government=True)


def test_department_under_any_unit(tree):
    department = create_organisation(tree.county, name="示范县财政局", short_name="财政局", level="department",
                                     region_code="330199", department_code="201", publishes_government=True)
    assert department.get_parent() == tree.county
    assert department.page.get_parent().pk == tree.county.page.pk


def test_rename_keeps_section_title(tree):
    rename_organisation(tree.village_a, "东山社区居民委员会", "东山社区")
    tree.village_a.page.refresh_from_db()
    assert tree.village_a.page.title == "东山社区居民委员会"
