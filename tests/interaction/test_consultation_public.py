"""The public side of consultations, run the way the portal runs it (the committed operations, in-process, as an
anonymous reader): opinions only while open, idempotency, limits, rate limits, the personal-data scanner;
Chinese refusals, nothing half-saved, no internal error for any input; no contact, no opinion text and nothing
of a non-live entry in any answer."""

import datetime
import json

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from consultations.choices import Kind
from consultations.models import Opinion, OpinionAttempt
from tests.interaction.conftest import run_operation
from tests.interaction.conftest_consultations import scene  # noqa: F401

ID_NUMBER = "11010519491231002X"


def send(consultation, address="203.0.113.7", **overrides):
    values = {"idempotencyKey": "opinion-0001", "consultationId": str(consultation.pk), "authorName": "王五",
              "contact": "13800005678", "text": "建议延长营业时间。", **overrides}
    result = run_operation("consultations", "SubmitOpinion",
                           {"input": {k: v for k, v in values.items() if v is not None}}, address)
    assert not result["errors"], result
    return result["data"]["submitOpinion"]


def zh(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def test_an_opinion_is_received_while_open_and_counted(scene):
    consultation = scene.consultation()
    payload = send(consultation)
    assert payload == {"ok": True, "receivedOn": scene.today.isoformat(), "personalDataMasked": False, "errors": []}
    opinion = Opinion.objects.get()
    assert (opinion.channel, opinion.contact, opinion.author_name) == ("portal", "13800005678", "王五")
    assert opinion.client_address == "203.0.113.7"
    data = run_operation("consultations", "OpenConsultations", {})["data"]["consultations"]
    assert data["totalCount"] == 1 and data["items"][0]["opinionCount"] == 1
    assert data["items"][0]["isOpen"] and data["items"][0]["entry"]["title"] == consultation.entry.title


def test_resending_the_same_key_returns_the_first_answer(scene):
    consultation = scene.consultation()
    assert send(consultation)["ok"] and send(consultation)["ok"]
    assert Opinion.objects.count() == 1
    reused = send(consultation, contact="13800009999")
    assert not reused["ok"] and reused["errors"][0]["code"] == "key_reused"
    assert Opinion.objects.count() == 1


@pytest.mark.parametrize("when, code", [("before", "not_open"), ("after", "closed")])
def test_only_while_open(scene, when, code):
    today = scene.today
    if when == "before":
        consultation = scene.consultation(start=today + datetime.timedelta(days=1))
    else:
        consultation = scene.closed()
    with override_settings(LANGUAGE_CODE="zh-hans"):
        payload = send(consultation)
    assert not payload["ok"] and payload["errors"][0]["code"] == code
    assert payload["errors"][0]["field"] == "consultationId"
    assert "征求意见" in payload["errors"][0]["message"]
    assert not Opinion.objects.exists()


def test_not_online_and_not_visible_consultations_are_refused(scene):
    offline = scene.consultation(accepts_online=False)
    assert send(offline)["errors"][0]["code"] == "not_online"
    draft = scene.consultation(scene.entry(title="尚未发布的草案", publish=False))
    assert send(draft, idempotencyKey="opinion-0002")["errors"][0]["code"] == "not_found"
    internal_entry = scene.entry(row=scene.party_row, title="党内征求意见稿", scope="all_members")
    internal = scene.consultation(internal_entry, kind=Kind.PARTY_INTERNAL, days=10)
    assert send(internal, idempotencyKey="opinion-0003")["errors"][0]["code"] == "not_found"
    assert not Opinion.objects.exists()
    listed = run_operation("consultations", "OpenConsultations", {})["data"]["consultations"]
    assert [item["id"] for item in listed["items"]] == [str(offline.pk)]
    assert run_operation("consultations", "Consultation", {"id": str(draft.pk)})["data"]["consultation"] is None


@pytest.mark.parametrize("overrides, field, code", [
    ({"text": ""}, "text", "required"),
    ({"text": "长" * 2001}, "text", "too_long"),
    ({"contact": ""}, "contact", "required"),
    ({"contact": "不是电话"}, "contact", "invalid"),
    ({"authorName": "名" * 61}, "authorName", "too_long"),
    ({"text": "意见\x01"}, "text", "invalid"),
    ({"idempotencyKey": "short"}, "idempotencyKey", "invalid"),
    ({"consultationId": "abc"}, "consultationId", "not_found"),
    ({"consultationId": "99999999999999999999999"}, "consultationId", "not_found"),
    ({"consultationId": "99999999999999999999"}, "consultationId", "not_found"),
    ({"consultationId": "١٢"}, "consultationId", "not_found"),
])
def test_bad_input_is_refused_in_chinese_and_saves_nothing(scene, settings, overrides, field, code):
    zh(settings)
    payload = send(scene.consultation(), **overrides)
    assert not payload["ok"]
    error = payload["errors"][0]
    assert (error["field"], error["code"]) == (field, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error
    assert not Opinion.objects.exists()


def test_personal_data_is_found_and_flagged(scene):
    payload = send(scene.consultation(), text=f"我的身份证号是{ID_NUMBER}，电话13812345678。")
    assert payload["ok"] and payload["personalDataMasked"] is True
    assert Opinion.objects.get().personal_data_found == 2


def test_rate_limits_per_address_and_per_contact(scene, settings):
    consultation = scene.consultation()
    settings.DISCLOSURE = {"CONSULTATIONS_RATE_PER_ADDRESS": 2, "CONSULTATIONS_RATE_PER_CONTACT": 1}
    assert send(consultation, idempotencyKey="rate-00001")["ok"]
    refused = send(consultation, idempotencyKey="rate-00002")
    assert refused["errors"][0]["code"] == "rate_limited"  # the contact's one a day
    assert send(consultation, idempotencyKey="rate-00003", contact="a@example.com")["ok"]
    assert send(consultation, idempotencyKey="rate-00004", contact="b@example.com")["errors"][0]["code"] == \
        "rate_limited"  # the address's two an hour
    assert send(consultation, address="198.51.100.9", idempotencyKey="rate-00005", contact="c@example.com")["ok"]
    assert Opinion.objects.count() == 3 and OpinionAttempt.objects.filter(accepted=True).count() == 3


def test_nothing_private_in_the_answers(scene):
    """Contacts, names and opinion texts never reach the public; only counts do."""
    consultation = scene.consultation()
    send(consultation, contact="secret@example.com", authorName="秘密姓名", text="秘密意见内容")
    closed = scene.closed(entry=scene.entry(title="已结束的征求意见"))
    scene.opinion(closed, text="另一条秘密意见", contact="13911112222", author_name="另一姓名")
    answers = json.dumps([run_operation("consultations", op, vars_) for op, vars_ in (
        ("OpenConsultations", {}), ("ClosedConsultations", {}), ("Consultation", {"id": str(consultation.pk)}),
        ("Consultation", {"id": str(closed.pk)}))], ensure_ascii=False)
    for secret in ("secret@example.com", "秘密姓名", "秘密意见内容", "另一条秘密意见", "13911112222", "另一姓名"):
        assert secret not in answers
    assert "已结束的征求意见" in answers


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(
    st.sampled_from(["idempotencyKey", "consultationId", "authorName", "contact", "text"]),
    st.one_of(st.text(max_size=300), st.integers().map(str), st.just(""), st.text(alphabet="\x00\ud800\u202e",
                                                                                    max_size=5)),
    min_size=1))
def test_fuzzed_input_never_fails_internally(scene, values):
    consultation = getattr(scene, "_fuzz", None) or scene.consultation()
    scene._fuzz = consultation
    variables = {"input": {"idempotencyKey": "fuzz-000001", "consultationId": str(consultation.pk),
                           "contact": "13800005678", "text": "意见", **values}}
    result = run_operation("consultations", "SubmitOpinion", variables)
    assert all((error.get("extensions") or {}).get("code") != "INTERNAL_SERVER_ERROR"
               for error in result["errors"]), result
    if not result["errors"]:
        payload = result["data"]["submitOpinion"]
        assert payload["ok"] or payload["errors"][0]["message"]


def test_over_http_the_mutation_is_posted_and_never_sent_by_get(client, scene):
    """A portal on its own host sends the same operation to /graphql/ with POST; a GET carrying it is refused."""
    from portal.client import document

    consultation = scene.consultation()
    variables = {"input": {"idempotencyKey": "http-000001", "consultationId": str(consultation.pk),
                           "contact": "13800005678", "text": "经HTTP提交的意见。"}}
    body = {"query": document("consultations"), "variables": variables, "operationName": "SubmitOpinion"}
    response = client.post("/graphql/", json.dumps(body), content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="zh-hans", REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 200 and response.json()["data"]["submitOpinion"]["ok"] is True
    assert Opinion.objects.get().client_address == "192.0.2.44"
    refused = client.get("/graphql/", {"query": body["query"], "variables": json.dumps(variables),
                                       "operationName": "SubmitOpinion"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 405 and Opinion.objects.count() == 1
    hostile = client.post("/graphql/", json.dumps({**body, "variables": {"input": {
        "idempotencyKey": "http-000002", "consultationId": {"nested": [1]}, "contact": 5, "text": None}}}),
        content_type="application/json")
    assert hostile.status_code in (200, 400)
    assert "INTERNAL_SERVER_ERROR" not in hostile.content.decode()


def test_the_lists_cost_the_same_queries_for_few_or_many(scene):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(2):
        scene.opinion(scene.consultation(scene.entry(title=f"草案{number}")))
    run_operation("consultations", "OpenConsultations", {})  # the default site, cached after its first lookup
    with CaptureQueriesContext(connection) as few:
        assert run_operation("consultations", "OpenConsultations", {})["data"]["consultations"]["totalCount"] == 2
    for number in range(2, 8):
        scene.opinion(scene.consultation(scene.entry(title=f"草案{number}")))
    with CaptureQueriesContext(connection) as many:
        assert run_operation("consultations", "OpenConsultations", {})["data"]["consultations"]["totalCount"] == 8
    assert len(many) == len(few) <= 4  # count, page, entries (+ the site, looked up once)


@pytest.mark.parametrize("value", ["²", "１２", "-1", "0", "99999999999999999999", " 7 ", "abc"])
def test_odd_ids_answer_null(scene, value):
    result = run_operation("consultations", "Consultation", {"id": value})
    assert not result["errors"] and result["data"]["consultation"] is None
