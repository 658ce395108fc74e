"""Permission isolation: a unit's staff act on their own catalogues only; the parent's approvers may
act on their children's; nobody else (issue: foundation §2)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import DisclosurePage


@pytest.fixture
def entries(tree):
    item_a = tree.add_item(tree.village_a, "village", "财务收支", slug="finance-a", time_limit_kind="periodic",
                           cadence="monthly")
    item_b = tree.add_item(tree.village_b, "village", "财务收支", slug="finance-b", time_limit_kind="periodic",
                           cadence="monthly")
    return {
        "a_draft": tree.add_entry(item_a, "东山村10月财务收支（草稿）", publish=False),
        "b_draft": tree.add_entry(item_b, "西河村10月财务收支（草稿）", publish=False),
        "item_a": item_a,
        "item_b": item_b,
    }


def perms(user, page):
    return page.permissions_for_user(user)


def test_editor_of_village_a_cannot_see_or_edit_sibling_drafts(client, tree, entries):
    client.force_login(tree.users["a_editor"])
    b_draft = entries["b_draft"]
    for url in (reverse("wagtailadmin_pages:edit", args=[b_draft.pk]),
                reverse("wagtailadmin_pages:preview_on_edit", args=[b_draft.pk]),
                reverse("wagtailadmin_pages:revisions_index", args=[b_draft.pk]),
                reverse("wagtailadmin_explore", args=[entries["item_b"].pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "西河村10月财务收支".encode() not in response.content
    listing = client.get(reverse("wagtailadmin_explore", args=[entries["item_a"].pk]))
    assert listing.status_code == 200
    assert "东山村10月财务收支".encode() in listing.content


def test_editor_edits_own_but_publishes_nothing(tree, entries):
    editor = tree.users["a_editor"]
    own = perms(editor, entries["a_draft"])
    assert own.can_edit() and not own.can_publish()
    assert not perms(editor, entries["b_draft"]).can_edit()
    assert not perms(editor, tree.township.page).can_edit()
    assert not perms(editor, tree.catalogue(tree.township, "government")).can_add_subpage()


def test_editor_cannot_publish_through_the_admin(client, tree, entries):
    client.force_login(tree.users["a_editor"])
    draft = entries["a_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, {"title": draft.title, "slug": draft.slug, "action-publish": "publish",
                                 "body-count": "0", "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0",
                                 "withheld_parts-TOTAL_FORMS": "0", "withheld_parts-INITIAL_FORMS": "0",
                                 "disclosure_attribute": "proactive", "topic": "other"})
    assert response.status_code == 302  # the form was valid: saved as a draft, not published
    page = DisclosurePage.objects.get(pk=draft.pk)
    assert not page.live and page.revisions.count() == 2


def test_approvers_publish_own_and_parent_approvers_publish_children(tree, entries):
    assert perms(tree.users["a_approver"], entries["a_draft"]).can_publish()
    assert not perms(tree.users["a_approver"], entries["b_draft"]).can_publish()
    assert perms(tree.users["t_approver"], entries["a_draft"]).can_publish()
    assert perms(tree.users["t_approver"], entries["b_draft"]).can_publish()
    assert not perms(tree.users["t_editor"], entries["a_draft"]).can_edit()
    assert not perms(tree.users["b_approver"], entries["a_draft"]).can_edit()


def test_nobody_but_admins_creates_units(client, tree):
    url = reverse("organisations:add")
    for name in ("a_editor", "a_approver", "t_approver"):
        client.force_login(tree.users[name])
        assert client.get(url).status_code in (302, 403)
        response = client.post(url, {"name": "新村", "short_name": "新村", "level": "village",
                                     "region_code": "330199", "department_code": "10199",
                                     "publishes_village": "on", "parent": tree.township.pk})
        assert response.status_code in (302, 403)
    from cms.models import Organisation

    assert not Organisation.objects.filter(name="新村").exists()


def test_admin_creates_a_unit_through_the_form(client, tree):
    from cms.models import Organisation

    client.force_login(tree.users["admin"])
    response = client.post(reverse("organisations:add"), {
        "name": "北岭村村民委员会", "short_name": "北岭村", "level": "village", "region_code": "330199",
        "department_code": "10103", "publishes_village": "on", "publishes_party": "on",
        "parent": tree.township.pk})
    assert response.status_code == 302, response.content[:2000]
    unit = Organisation.objects.get(short_name="北岭村")
    assert unit.get_parent() == tree.township and unit.page is not None and unit.editors is not None


def test_admin_form_refuses_a_misplaced_unit(client, tree):
    from cms.models import Organisation

    client.force_login(tree.users["admin"])
    response = client.post(reverse("organisations:add"), {
        "name": "错位村", "short_name": "错位村", "level": "village", "region_code": "330199",
        "department_code": "99999", "publishes_village": "on", "parent": tree.county.pk})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="错位村").exists()


def test_editor_explorer_root_is_own_unit(tree):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    root = PagePermissionPolicy().explorable_root_instance(tree.users["a_editor"])
    assert root.pk == tree.village_a.page.pk
    assert not Page.objects.filter(pk=tree.village_b.page.pk).descendant_of(root).exists()


@pytest.mark.parametrize("filter_by_permissions", [True, False])
def test_explorer_search_keeps_to_explorable_pages_whatever_the_setting(client, settings, tree, entries,
                                                                        filter_by_permissions):
    """Wagtail filters the explorer's search by permissions unless WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS
    is False; the cms hook puts the filter back then (and does not add it a second time otherwise)."""
    settings.WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = filter_by_permissions
    client.force_login(tree.users["a_editor"])
    explorer = reverse("wagtailadmin_explore", args=[tree.village_a.page.pk])
    response = client.get(explorer, {"q": "财务收支", "search_all": "1"})
    assert response.status_code == 200
    assert "东山村10月财务收支".encode() in response.content
    assert "西河村10月财务收支".encode() not in response.content


def test_explorer_listing_filters_by_permissions_once(client, tree, entries):
    """The explorable-pages subquery appears once in the listing's queries, not once from Wagtail and once more
    from the cms hook (at 100,000 entries on SQLite each copy cost ~90 ms, docs/benchmarks.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(tree.users["a_editor"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_explore", args=[entries["item_a"].pk]))
    assert response.status_code == 200
    listing = [query["sql"] for query in queries.captured_queries
               if query["sql"].startswith("SELECT COUNT(*)") and "wagtailcore_page" in query["sql"]
               and " IN (SELECT " in query["sql"]]
    assert listing
    assert all(sql.count(" IN (SELECT ") == 1 for sql in listing), listing


def test_nobody_moves_an_entry_to_another_row(client, tree, entries):
    """The row decides an entry's unit, domain, 索引号 and readers; a moved entry would keep the old row's
    (cms.models.entries.EntryPermissionTester.can_move)."""
    entry, other_row = entries["a_draft"], tree.add_item(tree.village_a, "village", "村务", slug="affairs-a")
    for name in ("a_editor", "a_approver", "admin"):
        user = tree.users[name]
        assert not entry.permissions_for_user(user).can_move(), name
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_pages:move", args=[entry.pk]))
        assert response.status_code in (302, 403), name
        response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[entry.pk, other_row.pk]))
        assert response.status_code in (302, 403), name
        entry.refresh_from_db()
        assert entry.get_parent().pk == entries["item_a"].pk and entry.catalogue_item_id == entries["item_a"].pk
    listing = client.get(reverse("wagtailadmin_explore", args=[entries["item_a"].pk])).content.decode()
    assert reverse("wagtailadmin_pages:move", args=[entry.pk]) not in listing
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[entry.pk, other_row.pk]), follow=True,
                           HTTP_ACCEPT_LANGUAGE="zh-hans")
    refusal = "公开信息只能留在为其编写的公开事项下。如需归入其他事项，请在该事项下重新编写；本条随后说明理由撤回，从未发布的可以删除。"
    assert refusal in response.content.decode()
