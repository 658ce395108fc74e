"""Deleting a draft that other entries link to, or that has secrecy-review records, is refused with a
clear message, in the admin (single and bulk delete) and in code; links on published entries stay."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import ReferenceIndex

from cms.models import DisclosureLink, DisclosurePage
from cms.moderation.records import SecrecyReview
from cms.signals import deletion_refusal

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(tree):
    return tree.add_item(tree.township, "government", "政策文件", slug="policies", sequence=1, code="0101")


@pytest.fixture
def editor(tree, client):
    """A township editor, owner of the drafts below, so that Wagtail lets them delete those drafts."""
    user = tree.users["t_editor"]
    client.force_login(user)
    return user


def owned_draft(tree, item, editor, title) -> DisclosurePage:
    return tree.add_entry(item, title, publish=False, owner=editor)


def exists(page) -> bool:
    return DisclosurePage.objects.filter(pk=page.pk).exists()


def test_a_plain_draft_is_deleted_by_its_editor(tree, item, editor, client):
    draft = owned_draft(tree, item, editor, "无人链接的草稿")
    assert deletion_refusal(draft) is None
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302 and not exists(draft)


def test_a_draft_a_published_entry_links_to_is_not_deleted(tree, item, editor, client):
    draft = owned_draft(tree, item, editor, "被引用的政策草稿")
    reading = tree.add_entry(item, "政策解读", publish=False)
    reading.links.add(DisclosureLink(kind="related", target=draft))
    reading.save_revision().publish()

    reason = deletion_refusal(draft)
    assert reason == "Other pages link to “被引用的政策草稿” (政策解读); remove those links before deleting it."
    for method in (client.get, client.post):
        response = method(reverse("wagtailadmin_pages:delete", args=[draft.pk]), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
        assert reason in [str(message) for message in response.context["messages"]]
    assert exists(draft)
    assert list(DisclosurePage.objects.get(pk=reading.pk).links.values_list("target_id", flat=True)) == [draft.pk]

    with pytest.raises(ValidationError, match="remove those links"), transaction.atomic():
        draft.delete()
    assert exists(draft) and DisclosureLink.objects.filter(page=reading, target=draft).exists()


def test_a_draft_linked_from_another_entrys_body_is_not_deleted(tree, item, editor, client):
    draft = owned_draft(tree, item, editor, "正文中链接的草稿")
    citing = tree.add_entry(item, "引用通知", body=[
        {"type": "rich_text", "id": "b1", "value": f'<p>详见<a linktype="page" id="{draft.pk}">草稿</a>。</p>'}])
    assert ReferenceIndex.get_references_to(draft).exists()

    assert "引用通知" in deletion_refusal(draft)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302 and exists(draft)
    with pytest.raises(ValidationError), transaction.atomic():
        draft.delete()
    assert exists(draft) and f'id="{draft.pk}"' in DisclosurePage.objects.get(pk=citing.pk).body.raw_data[0]["value"]


def test_a_draft_with_a_secrecy_review_is_not_deleted(tree, item, editor, client):
    draft = owned_draft(tree, item, editor, "已做保密审查的草稿")
    review = SecrecyReview.objects.create(page=draft, revision=draft.latest_revision, title=draft.title,
                                          audience="public", scope="public", outcome="exempt")

    reason = deletion_refusal(draft)
    assert reason == ("“已做保密审查的草稿” has secrecy-review records, which are kept: it cannot be deleted; "
                      "leave it unpublished instead.")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]), follow=True)
    assert response.status_code == 200 and reason in [str(m) for m in response.context["messages"]]
    # In code the review's protected revision stops the delete before any signal can speak.
    with pytest.raises((ValidationError, ProtectedError)), transaction.atomic():
        draft.delete()
    assert exists(draft) and SecrecyReview.objects.filter(pk=review.pk).exists()


def test_bulk_deletion_is_refused_as_a_whole(tree, item, editor, client):
    plain = owned_draft(tree, item, editor, "普通草稿")
    linked = owned_draft(tree, item, editor, "被链接的草稿")
    other = tree.add_entry(item, "链接它的条目", publish=False)
    other.links.add(DisclosureLink(kind="related", target=linked))
    other.save_revision().publish()

    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = client.post(f"{url}?id={plain.pk}&id={linked.pk}&next=/admin/", follow=True)
    assert response.status_code == 200
    assert any("被链接的草稿" in str(m) for m in response.context["messages"])
    assert exists(plain) and exists(linked)


def test_a_section_holding_a_linked_draft_is_not_deleted(tree, item, editor):
    empty_row = tree.add_item(tree.township, "government", "空栏目", slug="empty-row", sequence=9, code="0109")
    assert deletion_refusal(empty_row) is None
    catalogue = tree.catalogue(tree.township, "government")
    draft = owned_draft(tree, item, editor, "栏目中的草稿")
    linking = tree.add_entry(item, "另一条目", publish=False)
    linking.links.add(DisclosureLink(kind="related", target=draft))
    linking.save_revision().publish()
    assert deletion_refusal(catalogue)
