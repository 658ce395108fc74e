"""Issue 11: confirmations after withdraw, archive and a workflow action taken in the entry's editor."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.models import DisclosurePage, Domain
from tests.moderation.admin_forms import edit_post_data
from tests.moderation.conftest import english, text_block  # noqa: F401 (english: autouse fixture)


@pytest.fixture
def item(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务", slug="finance")


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_withdraw_and_archive_say_what_follows(client, tree, item):
    entry = tree.add_entry(item, "2026年第三季度村级财务公开", body=[text_block()])
    client.force_login(tree.users["a_approver"])
    response = client.post(reverse("cms_lifecycle_withdraw", args=[entry.pk]), {"reason": "数据有误"})
    assert messages_of(response) == ["“2026年第三季度村级财务公开” was withdrawn: it has left the portal and "
                                     "search. Publishing it again reinstates it."]
    response = client.post(reverse("cms_lifecycle_archive", args=[entry.pk]), {"reason": "", "hidden": "on"})
    assert messages_of(response)[-1:] == ["“2026年第三季度村级财务公开” was archived: it is read-only from now "
                                          "on and hidden from the public; staff still find it."]


def test_a_decision_in_the_editor_is_confirmed(client, tree, item):
    entry = tree.add_entry(item, "2026年第三季度村级财务公开", publish=False, body=[text_block()],
                           owner=tree.users["a_editor"])
    entry.save_revision(user=tree.users["a_editor"])
    entry = DisclosurePage.objects.get(pk=entry.pk)
    entry.get_workflow().start(entry, tree.users["a_editor"])
    client.force_login(tree.users["a_reviewer"])
    data = edit_post_data(client, entry, entry.body.raw_data, **{
        "action-workflow-action": "true", "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps({"comment": "内容准确"})})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[entry.pk]), data)
    assert response.status_code == 302
    assert "“2026年第三季度村级财务公开” passed “东山村 Review” and went on to “东山村 Secrecy review”." in (
        messages_of(response))
