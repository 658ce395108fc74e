"""Issue 11: catalogue rows are kept by approvers and administrators; editors add entries under rows
(the "add child page" choice offers them entries only); 责任部门 lists the unit and its own departments;
a row is retired from the admin with a reason."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import CatalogueItemPage, Domain
from cms.units import create_organisation


@pytest.fixture
def row(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务", slug="finance")


def test_only_those_who_publish_keep_rows(tree, row):
    for name in ("a_editor", "a_reviewer", "a_secrecy_reviewer", "b_approver"):
        perms = row.permissions_for_user(tree.users[name])
        assert not (perms.can_edit() or perms.can_delete() or perms.can_move() or perms.can_copy()), name
    assert row.permissions_for_user(tree.users["a_editor"]).can_add_subpage()  # entries under it
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    assert not catalogue.permissions_for_user(tree.users["a_editor"]).can_add_subpage()  # no 一级 rows
    for name in ("a_approver", "t_approver", "admin"):
        assert row.permissions_for_user(tree.users[name]).can_edit(), name
    for name in ("a_approver", "admin"):  # the parent unit's approvers do not add pages in a village
        assert catalogue.permissions_for_user(tree.users[name]).can_add_subpage(), name


def test_an_editor_cannot_open_or_add_rows(client, tree, row):
    client.force_login(tree.users["a_editor"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[row.pk])).status_code in (302, 403)
    for parent in (row, tree.catalogue(tree.village_a, Domain.VILLAGE)):
        url = reverse("wagtailadmin_pages:add", args=["cms", "catalogueitempage", parent.pk])
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {"title": "新事项", "slug": "new"}).status_code in (302, 403)
    assert not CatalogueItemPage.objects.filter(title="新事项").exists()


def test_add_child_page_under_a_row_offers_an_editor_entries_only(client, tree, row):
    url = reverse("wagtailadmin_pages:add_subpage", args=[row.pk])
    client.force_login(tree.users["a_editor"])
    response = client.get(url + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:add", args=["cms", "disclosurepage", row.pk]) \
        + "?next=%2Fadmin%2F"
    assert client.get(response["Location"]).status_code == 200

    client.force_login(tree.users["a_approver"])
    response = client.get(url)
    assert response.status_code == 200
    names = {model_name for _label, _app, model_name, _description in response.context["page_types"]}
    assert names == {"catalogueitempage", "disclosurepage"}


def test_explore_under_a_row_lists_rows_and_entries(client, tree, row):
    sub = row.add_child(instance=CatalogueItemPage(title="收支明细", slug="detail"))
    entry = tree.add_entry(row, "2026年第三季度财务公开")
    client.force_login(tree.users["a_approver"])
    content = client.get(reverse("wagtailadmin_explore", args=[row.pk])).content.decode()
    assert sub.title in content and entry.title in content


def test_responsible_department_lists_the_unit_and_its_departments(client, tree):
    own = create_organisation(tree.village_a, name="东山村财务组", short_name="财务组", level="department",
                              region_code="330199", department_code="1010101", publishes_party=True)
    create_organisation(tree.village_b, name="西河村财务组", short_name="财务组", level="department",
                        region_code="330199", department_code="1010201", publishes_party=True)
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    client.force_login(tree.users["a_approver"])
    response = client.get(reverse("wagtailadmin_pages:add", args=["cms", "catalogueitempage", catalogue.pk]))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["responsible_department"].queryset)
    assert choices == [tree.village_a, own]


def test_a_row_is_retired_with_a_reason(client, tree, row):
    url = reverse("cms_row_retire", args=[row.pk])
    client.force_login(tree.users["a_editor"])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"reason": "并入"}).status_code in (302, 403)
    assert not CatalogueItemPage.objects.get(pk=row.pk).is_retired

    client.force_login(tree.users["a_approver"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[row.pk])).content.decode()
    assert url in edit  # the header button
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    response = client.post(url, {"reason": "事项已并入“村级财务收支”。"})
    assert response.status_code == 302
    row = CatalogueItemPage.objects.get(pk=row.pk)
    assert row.is_retired and row.retirement_reason == "事项已并入“村级财务收支”。"
    log = PageLogEntry.objects.get(page=row, action="cms.row_retired")
    assert log.user == tree.users["a_approver"] and log.data["reason"] == row.retirement_reason
    assert any("was retired" in str(message) for message in get_messages(response.wsgi_request))
    assert client.get(url).status_code == 302  # already retired
    assert "Retired on" in client.get(reverse("wagtailadmin_pages:edit", args=[row.pk])).content.decode()
