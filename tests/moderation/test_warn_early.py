"""Editors see personal-data findings when they save a draft and when they submit it (提出), not only
at the approver's step (cms/moderation/wagtail_hooks.py ``warn_early``)."""

import pytest
from django.urls import reverse

from cms.models import DisclosurePage

from .admin_forms import edit_post_data
from .conftest import ID_MASKED, ID_NUMBER, table_block, text_block


@pytest.mark.parametrize("action", [{}, {"action-submit": "submit"}], ids=["save draft", "submit"])
def test_the_editor_is_warned_when_saving_or_submitting(make_entry, users, client, action):
    body = [table_block(ID_NUMBER)]
    entry = make_entry(body=body)
    before = entry.revisions.count()
    client.force_login(users["a_editor"])
    data = edit_post_data(client, entry, body, **action)
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "contains personal data" in content and ID_MASKED in content
    assert reverse("moderation:findings", args=(entry.pk,)) in content
    assert DisclosurePage.objects.get(pk=entry.pk).revisions.count() == before + 1, "the draft is saved all the same"


def test_no_warning_without_findings(make_entry, users, client):
    body = [text_block()]
    entry = make_entry(body=body)
    client.force_login(users["a_editor"])
    response = client.post(f"/admin/pages/{entry.pk}/edit/", edit_post_data(client, entry, body), follow=True)
    assert "contains personal data" not in response.content.decode()
