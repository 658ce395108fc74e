"""The public side of feedback (docs/interaction.md §5), run the way the portal runs it (the committed
operations, in-process, as an anonymous reader): refusals in Chinese in ``errors``, nothing half-saved, no
internal error for any input (Hypothesis), look-up with 查询码 + contact, satisfaction once."""

import base64
import datetime

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from interaction.models import Feedback, FeedbackAttempt
from interaction.workflow import State

from .conftest import run_operation
from .test_feedback_helpers import answered

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
D = datetime.date


def run(operation, variables, address="203.0.113.7"):
    return run_operation("interaction", operation, variables, address)


def submit(address="203.0.113.7", **overrides):
    values = {"idempotencyKey": "feedback-0001", "organisationCode": "330199-10101", "name": "王五",
              "contact": "138 0000 5678", "text": "建议公开村集体资产承包合同。"}
    values.update(overrides)
    result = run("SubmitFeedback", {"input": {k: v for k, v in values.items() if v is not None}}, address)
    assert not result["errors"], result
    return result["data"]["submitFeedback"]


@pytest.fixture
def today(fixed_today):
    return fixed_today(D(2026, 9, 24))


@pytest.fixture
def entry(tree):
    item = tree.add_item(tree.village_a, "village", "集体资产管理")
    return tree.add_entry(item, "2026年东山村集体资产承包合同")


def test_feedback_to_a_unit_is_received_with_its_due_date(tree, today):
    payload = submit()
    assert payload["ok"] and payload["receivedOn"] == "2026-09-24" and payload["dueOn"] == "2026-10-12"
    feedback = Feedback.objects.get()
    assert feedback.organisation == tree.village_a and feedback.contact == "13800005678"
    assert feedback.target == "unit" and feedback.state == State.RECEIVED


def test_feedback_on_an_entry_goes_to_its_unit_and_on_a_row_too(tree, today, entry):
    payload = submit(organisationCode=None, entryId=str(entry.pk), files=[
        {"name": "照片.png", "contentBase64": base64.b64encode(PNG).decode()}])
    feedback = Feedback.objects.get(code=payload["code"])
    assert feedback.entry_id == entry.pk and feedback.organisation == tree.village_a
    assert feedback.target_title == entry.title and feedback.files.get().file.read().startswith(b"\x89PNG")
    row = entry.get_parent().specific
    payload = submit(organisationCode=None, catalogueItemId=str(row.pk), idempotencyKey="feedback-0002",
                     text="该事项应当公开但未公开")
    assert Feedback.objects.get(code=payload["code"]).target == "row"
    target = run("FeedbackTarget", {"entryId": str(entry.pk)})["data"]["feedbackTarget"]
    assert target == {"kind": "ENTRY", "title": entry.title, "organisationCode": "330199-10101",
                      "organisationName": "东山村村民委员会"}


def test_a_draft_entry_is_not_a_target(tree, today):
    item = tree.add_item(tree.village_a, "village", "财务公开")
    draft = tree.add_entry(item, "未发布的草稿", publish=False)
    payload = submit(organisationCode=None, entryId=str(draft.pk))
    assert not payload["ok"] and payload["errors"][0]["field"] == "entryId"
    result = run("FeedbackTarget", {"entryId": str(draft.pk)})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT" and not Feedback.objects.exists()


@pytest.mark.parametrize("overrides, field, code", [
    ({"contact": ""}, "contact", "required"),
    ({"contact": "不是电话"}, "contact", "invalid"),
    ({"text": "  "}, "text", "required"),
    ({"text": "字" * 2001}, "text", "too_long"),
    ({"name": "名" * 61}, "name", "too_long"),
    ({"organisationCode": "999999-1"}, "organisationCode", "invalid"),
    ({"entryId": "1"}, "target", "invalid"),
    ({"idempotencyKey": "short"}, "idempotencyKey", "invalid"),
    ({"files": [{"name": "a.exe", "contentBase64": base64.b64encode(b"MZ" + b"0" * 20).decode()}]}, "files",
     "file_type"),
    ({"files": [{"name": "a.pdf", "contentBase64": base64.b64encode(PNG).decode()}]}, "files", "file_type"),
    ({"files": [{"name": "a.png", "contentBase64": "***"}]}, "files", "invalid"),
    ({"files": [{"name": f"{n}.png", "contentBase64": base64.b64encode(PNG).decode()} for n in range(4)]}, "files",
     "too_many"),
])
def test_refusals_are_clear_and_save_nothing(tree, today, overrides, field, code):
    payload = submit(**overrides)
    assert not payload["ok"] and payload["code"] is None
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error["message"]
    assert not Feedback.objects.exists()


def test_a_file_too_large_is_refused(tree, today, settings):
    settings.DISCLOSURE = {"FEEDBACK_MAX_FILE_BYTES": 100}
    payload = submit(files=[{"name": "a.png", "contentBase64": base64.b64encode(PNG + b"\x00" * 100).decode()}])
    assert payload["errors"][0]["code"] == "too_large" and "MB" in payload["errors"][0]["message"]


def test_blocked_words_are_refused(tree, today, settings):
    settings.DISCLOSURE = {"FEEDBACK_BLOCKED_WORDS": ["代办证件"]}
    assert submit(text="低价代办证件")["errors"][0]["code"] == "blocked"


def test_idempotency(tree, today):
    first = submit()
    again = submit()
    assert again["code"] == first["code"] and Feedback.objects.count() == 1
    assert submit(contact="13900000000")["errors"][0]["code"] == "key_reused"


def test_rate_limits(tree, today, settings):
    settings.DISCLOSURE = {"FEEDBACK_RATE_PER_ADDRESS": 2, "FEEDBACK_RATE_PER_CONTACT": 3}
    submit(idempotencyKey="k-000001")
    submit(idempotencyKey="k-000002")
    assert submit(idempotencyKey="k-000003")["errors"][0]["code"] == "rate_limited"
    submit(idempotencyKey="k-000004", address="198.51.100.1")
    assert submit(idempotencyKey="k-000005", address="198.51.100.2")["errors"][0]["code"] == "rate_limited"
    assert Feedback.objects.count() == 3 == FeedbackAttempt.objects.filter(accepted=True).count()


def test_lookup_needs_code_and_contact_and_shows_the_reply(tree, today):
    code = submit(text="我的电话13912345678，请公开合同。")["code"]
    assert run("FeedbackLookup", {"code": code, "contact": "13800000000"})["data"]["feedbackLookup"] is None
    assert run("FeedbackLookup", {"code": "X" * 12, "contact": "13800005678"})["data"]["feedbackLookup"] is None
    status = run("FeedbackLookup", {"code": code.lower(), "contact": "138-0000-5678"})["data"]["feedbackLookup"]
    assert status["state"] == "PENDING" and status["dueOn"] == "2026-10-12" and status["reply"] is None
    assert "139****5678" in status["question"] and not status["canRate"]
    feedback = Feedback.objects.get(code=code)
    services_reply = "已公开，详见本村公开栏目。"
    answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"], reply=services_reply)
    status = run("FeedbackLookup", {"code": code, "contact": "13800005678"})["data"]["feedbackLookup"]
    assert status["state"] == "ANSWERED" and status["reply"] == services_reply and status["canRate"]
    rated = run("RateFeedback", {"input": {"code": code, "contact": "13800005678", "satisfaction": "SATISFIED"}})
    assert rated["data"]["rateFeedback"]["ok"] and rated["data"]["rateFeedback"]["status"]["satisfaction"] == "SATISFIED"
    again = run("RateFeedback", {"input": {"code": code, "contact": "13800005678", "satisfaction": "DISSATISFIED"}})
    assert not again["data"]["rateFeedback"]["ok"] and Feedback.objects.get(code=code).satisfaction == "satisfied"
    wrong = run("RateFeedback", {"input": {"code": code, "contact": "13800000000", "satisfaction": "SATISFIED"}})
    assert wrong["data"]["rateFeedback"]["errors"][0]["code"] == "not_found"


def test_lookups_are_rate_limited(tree, today, settings):
    settings.DISCLOSURE = {"FEEDBACK_LOOKUP_RATE_PER_ADDRESS": 3}
    for _ in range(3):
        run("FeedbackLookup", {"code": "ABCDEFGHJKMN", "contact": "13800005678"})
    result = run("FeedbackLookup", {"code": "ABCDEFGHJKMN", "contact": "13800005678"})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT" and "小时" in result["errors"][0]["message"]


def test_a_units_published_answers(tree, today):
    editor, reviewer = tree.users["a_editor"], tree.users["a_reviewer"]
    public = Feedback.objects.get(code=submit(text="电话13912345678，合同何时公开？")["code"])
    answered(public, editor, reviewer, reply="已于本月公开。")
    private = Feedback.objects.get(code=submit(idempotencyKey="feedback-0002", keepPrivate=True)["code"])
    answered(private, editor, reviewer, reply="私下答复")
    submit(idempotencyKey="feedback-0003", text="尚未答复的留言")
    data = run("UnitFeedback", {"organisationCode": "330199-10101"})["data"]["unitFeedback"]
    assert data["totalCount"] == 1
    [item] = data["items"]
    assert item["reply"] == "已于本月公开。" and item["askerName"] == "王**" and "139****5678" in item["question"]
    bad = run("UnitFeedback", {"organisationCode": "330199-10101", "first": 500})
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


TEXT = st.one_of(st.none(), st.text(max_size=80), st.sampled_from(["", " ", "\x00", "\ud800", "330199-10101",
                                                                    "a@b", "1" * 30, "字" * 2100]))


@override_settings(DISCLOSURE={"FEEDBACK_RATE_PER_ADDRESS": 10_000, "FEEDBACK_LOOKUP_RATE_PER_ADDRESS": 10_000})
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(key=TEXT, code=TEXT, entry=TEXT, contact=TEXT, text=TEXT, name=TEXT, private=st.one_of(st.none(), st.booleans()),
       files=st.one_of(st.none(), st.lists(st.fixed_dictionaries({"name": st.text(max_size=20),
                                                                   "contentBase64": st.text(max_size=40)}), max_size=4)))
def test_no_input_makes_an_internal_error(tree, key, code, entry, contact, text, name, private, files):
    values = {"idempotencyKey": key or "", "organisationCode": code, "entryId": entry, "contact": contact or "",
              "text": text or "", "name": name, "keepPrivate": private, "files": files}
    before = Feedback.objects.count()
    result = run("SubmitFeedback", {"input": {k: v for k, v in values.items() if v is not None}})
    codes = {(error.get("extensions") or {}).get("code") for error in result["errors"]}
    assert "INTERNAL_SERVER_ERROR" not in codes, result
    payload = (result["data"] or {}).get("submitFeedback")
    if payload is not None and not payload["ok"]:
        assert Feedback.objects.count() == before
    lookup = run("FeedbackLookup", {"code": code or "", "contact": contact or ""})
    assert "INTERNAL_SERVER_ERROR" not in {(e.get("extensions") or {}).get("code") for e in lookup["errors"]}


def feedback_code(key, answered_=False) -> str:
    """The helper proposed for tests/graphql_api/test_contract.py (variables of the interaction operations)."""
    from interaction.public import submit_online

    receipt = submit_online({"idempotency_key": f"contract-feedback-{key}", "organisation_code": "330199-000",
                             "contact": "13900001234", "text": "请公开2026年财政预算执行情况。"}, "192.0.2.11")
    if answered_:
        Feedback.objects.filter(code=receipt.code).update(state="answered", reply="已公开。",
                                                           replied_on=receipt.received_on)
    return receipt.code


def test_every_operation_over_http(tree, client):
    """POST /graphql/ as any portal on a host of its own: each committed operation answers without errors."""
    import json

    from portal.client import document

    variables = {
        "FeedbackTarget": {"organisationCode": "330199-000"},
        "SubmitFeedback": {"input": {"idempotencyKey": "contract-feedback-1", "organisationCode": "330199-000",
                                     "contact": "13800005678", "text": "建议公开2026年财政预算执行情况。"}},
        "FeedbackLookup": lambda: {"code": feedback_code("lookup"), "contact": "13900001234"},
        "RateFeedback": lambda: {"input": {"code": feedback_code("rate", answered_=True), "contact": "13900001234",
                                           "satisfaction": "SATISFIED"}},
        "UnitFeedback": {"organisationCode": "330199-000"},
    }
    for name, values in variables.items():
        values = values() if callable(values) else values
        response = client.post("/graphql/", json.dumps({"query": document("interaction"), "variables": values,
                                                        "operationName": name}), content_type="application/json")
        payload = response.json()
        assert response.status_code == 200 and "errors" not in payload, (name, payload)
        assert all(value is not None for value in payload["data"].values()), (name, payload)
    assert Feedback.objects.get(code=feedback_code("rate", answered_=True)).satisfaction == "satisfied"
