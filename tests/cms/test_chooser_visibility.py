"""The admin's page chooser, explorer and page search show an editor only their own unit's pages and
pages the public already sees: never another unit's drafts (titles, status or paths)."""

import pytest
from django.urls import reverse

from cms.wagtail_hooks import choosable_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tree):
    """Village A's and village B's rows, each with a draft; B also with a published entry."""
    item_a = tree.add_item(tree.village_a, "village", "财务公开", slug="finance-a", sequence=1, code="0301")
    item_b = tree.add_item(tree.village_b, "village", "财务公开", slug="finance-b", sequence=1, code="0301")
    return {
        "item_a": item_a,
        "item_b": item_b,
        "own_draft": tree.add_entry(item_a, "预算草稿东山村水渠维修", publish=False),
        "other_draft": tree.add_entry(item_b, "预算草稿西河村征地补偿", publish=False),
        "other_published": tree.add_entry(item_b, "预算公开西河村道路硬化"),
    }


@pytest.fixture
def village_editor(tree, client):
    client.force_login(tree.users["a_editor"])
    return tree.users["a_editor"]


def chooser_html(response) -> str:
    """The HTML a chooser view answers (the browse view wraps it in JSON for the modal)."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_choosable_pages_are_own_pages_and_public_ones(tree, pages, village_editor):
    choosable = set(choosable_pages(village_editor).values_list("pk", flat=True))
    assert pages["own_draft"].pk in choosable
    assert pages["other_published"].pk in choosable and pages["item_b"].pk in choosable
    assert pages["other_draft"].pk not in choosable
    assert pages["other_draft"].pk in set(choosable_pages(tree.users["admin"]).values_list("pk", flat=True))
    township_approver = tree.users["t_approver"]  # approves its villages' entries: sees their drafts
    assert pages["other_draft"].pk in set(choosable_pages(township_approver).values_list("pk", flat=True))


def test_another_villages_draft_is_not_in_the_chooser(pages, village_editor, client):
    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_child", args=[pages["item_b"].pk])))
    assert "预算公开西河村道路硬化" in html
    assert "预算草稿西河村征地补偿" not in html

    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_child", args=[pages["item_a"].pk])))
    assert "预算草稿东山村水渠维修" in html


def test_another_villages_draft_is_not_in_the_chooser_search(pages, village_editor, client):
    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "预算"}))
    assert "预算草稿东山村水渠维修" in html and "预算公开西河村道路硬化" in html
    assert "预算草稿西河村征地补偿" not in html


def test_another_villages_draft_is_not_in_the_admin_search_or_explorer(tree, pages, village_editor, client):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "预算"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "预算草稿东山村水渠维修" in html
    assert "预算草稿西河村征地补偿" not in html

    response = client.get(reverse("wagtailadmin_explore", args=[pages["item_a"].pk]), {"q": "预算"})
    assert response.status_code == 200
    assert "预算草稿西河村征地补偿" not in response.content.decode()


def test_a_public_page_with_a_pending_retitled_draft_hides_until_published(tree, pages, village_editor):
    published = pages["other_published"]
    published.title = "预算公开西河村道路硬化（待审修订标题）"
    published.save_revision()
    assert published.pk not in set(choosable_pages(village_editor).values_list("pk", flat=True))
