"""The leak matrix of feedback (docs/interaction.md §5): contacts, private feedback, hidden ones, duplicates,
merged ones and unreviewed replies never reach the public — not through the API, not on the portal's pages.
Only answered, reviewed, not-private feedback is published, its question masked."""

import datetime
import json

import pytest
from django.conf import settings

from interaction import services
from interaction.models import Feedback, private_storage

from .conftest import run_operation
from .test_feedback_helpers import answered, new_feedback

D = datetime.date


@pytest.fixture
def scene(tree):
    """Feedback of 东山村 in every state; each text and reply carries a marker, each a contact of its own."""
    editor, reviewer = tree.users["a_editor"], tree.users["a_reviewer"]
    unit = tree.village_a
    made = {}

    def make(key, **fields):
        made[key] = new_feedback(unit, text=f"留言{key.upper()}，电话1391234{len(made):04d}", name="钱七",
                                 contact=f"1370000{len(made):04d}", **fields)
        return made[key]

    answered(make("published"), editor, reviewer, reply="答复PUBLISHED")
    answered(make("private", keep_private=True), editor, reviewer, reply="答复PRIVATE")
    make("pending")
    services.perform(make("review"), "submit_reply", editor, reply="答复UNREVIEWED")
    returned = services.perform(make("returned"), "submit_reply", editor, reply="答复RETURNED")
    services.perform(returned, "return_reply", reviewer, comment="退回")
    hidden = answered(make("hidden"), editor, reviewer, reply="答复HIDDEN")
    services.perform(hidden, "hide", editor, comment="辱骂")
    services.perform(make("spam"), "hide", editor, comment="广告")
    services.perform(make("duplicate"), "mark_duplicate", editor, comment="重复", other=made["pending"])
    services.perform(make("merged"), "merge", editor, comment="合并", other=made["published"])
    return made


SECRETS = ("PRIVATE", "PENDING", "UNREVIEWED", "RETURNED", "HIDDEN", "SPAM", "DUPLICATE", "MERGED", "钱七")


def test_the_api_publishes_only_reviewed_public_replies(scene):
    data = run_operation("interaction", "UnitFeedback", {"organisationCode": "330199-10101", "first": 50})
    assert not data["errors"]
    text = json.dumps(data, ensure_ascii=False)
    assert data["data"]["unitFeedback"]["totalCount"] == 1 and "答复PUBLISHED" in text
    for secret in SECRETS:
        assert secret not in text, secret
    for feedback in scene.values():
        assert feedback.contact not in text and feedback.code not in text
    assert "1391234" not in text   # phone numbers in the question are masked


def test_no_public_type_has_a_contact_or_internal_field():
    from graphql_api.schema import schema

    forbidden = {"contact", "idempotencyKey", "clientAddress", "findings", "replyAuthor", "reviewer", "files",
                 "keepPrivate", "text", "name"}
    for name in ("FeedbackStatus", "PublishedFeedback", "UnitFeedback", "FeedbackTarget", "SubmitFeedbackPayload",
                 "RateFeedbackPayload"):
        fields = set(schema.graphql_schema.get_type(name).fields)
        assert not fields & forbidden, (name, fields & forbidden)


def test_the_asker_sees_no_unreviewed_reply(scene):
    for key, contact in (("review", scene["review"].contact), ("returned", scene["returned"].contact),
                         ("hidden", scene["hidden"].contact)):
        status = run_operation("interaction", "FeedbackLookup", {"code": scene[key].code, "contact": contact})
        assert status["data"]["feedbackLookup"]["reply"] is None, key
    merged = run_operation("interaction", "FeedbackLookup", {"code": scene["merged"].code,
                                                             "contact": scene["merged"].contact})
    assert merged["data"]["feedbackLookup"]["reply"] == "答复PUBLISHED"   # answered by the one it was merged into
    other = run_operation("interaction", "FeedbackLookup", {"code": scene["private"].code,
                                                            "contact": scene["published"].contact})
    assert other["data"]["feedbackLookup"] is None


def test_the_portal_pages_show_only_published_replies(client, scene):
    pages = [client.get(url).content.decode() for url in (
        "/feedback/units/330199-10101/", "/feedback/", "/feedback/?unit=330199-10101", "/feedback/lookup/")]
    assert "答复PUBLISHED" in pages[0]
    for html in pages:
        for secret in SECRETS:
            assert secret not in html, secret
        for feedback in scene.values():
            assert feedback.contact not in html


def test_files_are_private(client, tree):
    import base64

    from .test_feedback_public import PNG, submit

    payload = submit(files=[{"name": "照片.png", "contentBase64": base64.b64encode(PNG).decode()}])
    feedback = Feedback.objects.get(code=payload["code"])
    stored = feedback.files.get()
    assert not str(private_storage.path(stored.file.name)).startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/admin/feedback/{feedback.pk}/files/{stored.pk}/").status_code in (302, 403, 404)
    client.force_login(tree.users["b_editor"])
    assert client.get(f"/admin/feedback/{feedback.pk}/files/{stored.pk}/").status_code == 404
    client.force_login(tree.users["a_editor"])
    response = client.get(f"/admin/feedback/{feedback.pk}/files/{stored.pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
