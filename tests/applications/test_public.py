"""The public side (docs/applications.md §6): the mutation and the status query, run the way the portal
runs them (the committed operations, in-process, as an anonymous reader) — refusals in Chinese, nothing
half-saved, no internal error for any input, and no applicant data anywhere in the answers."""

import base64
import datetime
import json

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from applications.models import Application, SubmissionAttempt
from portal.client import _execute_in_process, document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def run(operation, variables, address="203.0.113.7"):
    request = RequestFactory().post("/applications/", REMOTE_ADDR=address)
    return _execute_in_process(request, document("applications"), variables, operation)


def form(**overrides):
    values = {"idempotency_key": "key-0000001", "organisation_code": "330199-10101", "applicant_type": "natural_person",
              "applicant_name": "王五", "phone": "138 0000 5678", "email": "wangwu@example.com",
              "information_title": "2026年东山村集体资产承包合同", "delivery_wanted": "email",
              "identity_proof": {"name": "身份证.png", "contentBase64": base64.b64encode(PNG).decode()}}
    values.update(overrides)
    return {"input": {_camel(key): value for key, value in values.items() if value is not None}}


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def submit(address="203.0.113.7", **overrides):
    result = run("SubmitApplication", form(**overrides), address)
    assert not result["errors"], result
    return result["data"]["submitApplication"]


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 9, 24))
    return datetime.date(2026, 9, 24)


def test_an_online_application_is_received_and_its_status_is_shown(office, today):
    payload = submit()
    assert payload["ok"] and payload["receivedOn"] == "2026-09-24" and payload["dueOn"] == "2026-10-29"
    application = Application.objects.get()
    assert application.channel == "online" and application.confirmed_on == today
    assert application.identity_proof.read().startswith(b"\x89PNG")
    assert application.events.get().action == "receive"
    status = run("ApplicationStatus", {"trackingCode": payload["trackingCode"].lower(), "phoneLastFour": "5678"})
    assert status["data"]["applicationStatus"] == {
        "trackingCode": payload["trackingCode"], "state": "RECEIVED", "stateLabel": "Received",
        "receivedOn": "2026-09-24", "dueOn": "2026-10-29", "pausedUntil": None, "repliedOn": None,
        "concludedOn": None}
    text = json.dumps(status, ensure_ascii=False)
    assert "王五" not in text and "集体资产" not in text and "5678" not in text


def test_the_status_needs_the_right_phone_digits(office, today):
    payload = submit()
    for code, digits in ((payload["trackingCode"], "1234"), (payload["trackingCode"], "567"),
                         ("NOSUCHCODE22", "5678"), ("", ""), ("x" * 500, "5678")):
        assert run("ApplicationStatus", {"trackingCode": code, "phoneLastFour": digits}) == {
            "data": {"applicationStatus": None}, "errors": []}


def test_the_same_idempotency_key_creates_nothing_new(office, today):
    first = submit()
    again = submit()
    assert again["trackingCode"] == first["trackingCode"] and Application.objects.count() == 1
    other = run("SubmitApplication", form(applicant_name="赵六"))["data"]["submitApplication"]
    assert not other["ok"] and other["errors"][0]["field"] == "idempotencyKey"
    assert Application.objects.count() == 1


@pytest.mark.parametrize("overrides, field, code", [
    ({"organisation_code": "999999-1"}, "organisationCode", "invalid"),
    ({"applicant_type": "robot"}, "applicantType", "invalid"),
    ({"applicant_type": "legal_person"}, "organisationKind", "invalid"),
    ({"applicant_name": "  "}, "applicantName", "required"),
    ({"applicant_name": "名" * 61}, "applicantName", "too_long"),
    ({"description": "长" * 2001}, "description", "too_long"),
    ({"phone": "12ab"}, "phone", "invalid"),
    ({"email": "not-an-address"}, "email", "invalid"),
    ({"email": None}, "email", "invalid"),
    ({"delivery_wanted": "post"}, "postalAddress", "invalid"),
    ({"idempotency_key": "short"}, "idempotencyKey", "invalid"),
    ({"identity_proof": {"name": "a.exe", "contentBase64": base64.b64encode(b"MZ\x90\x00").decode()}},
     "identityProof", "file_type"),
    ({"identity_proof": {"name": "a.pdf", "contentBase64": base64.b64encode(PNG).decode()}},
     "identityProof", "file_type"),
    ({"identity_proof": {"name": "a.png", "contentBase64": "***"}}, "identityProof", "invalid"),
    ({"identity_proof": {"name": "a.png", "contentBase64": base64.b64encode(PNG + b"\x00" * (1024 * 1024)).decode()}},
     "identityProof", "too_large"),
])
def test_each_refusal_names_its_field_and_saves_nothing(office, today, overrides, field, code, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    from django.utils import translation

    with translation.override("zh-hans"):
        payload = run("SubmitApplication", form(**overrides))["data"]["submitApplication"]
    assert payload["ok"] is False and payload["trackingCode"] is None
    assert payload["errors"][0]["field"] == field and payload["errors"][0]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in payload["errors"][0]["message"]), payload["errors"][0]["message"]
    assert not Application.objects.exists()


@override_settings(APPLICATIONS_RATE_PER_ADDRESS=3, APPLICATIONS_RATE_PER_APPLICANT=2)
def test_rate_limits_per_address_and_per_applicant(office, today):
    assert submit(idempotency_key="key-a-00001", applicant_name="甲", phone="13100000001")["ok"]
    assert submit(idempotency_key="key-a-00002", applicant_name="乙", phone="13100000002")["ok"]
    assert submit(idempotency_key="key-a-00003", applicant_name="丙", phone="13100000003")["ok"]
    refused = submit(idempotency_key="key-a-00004", applicant_name="丁", phone="13100000004")
    assert refused["errors"][0]["code"] == "rate_limited"
    assert submit("198.51.100.1", idempotency_key="key-b-00001", identity_number="330199199001011234")["ok"]
    assert submit("198.51.100.2", idempotency_key="key-b-00002", identity_number="330199199001011234")["ok"]
    refused = submit("198.51.100.3", idempotency_key="key-b-00003", identity_number="330199199001011234")
    assert refused["errors"][0]["code"] == "rate_limited"
    assert Application.objects.count() == 5 and SubmissionAttempt.objects.filter(accepted=True).count() == 5


def test_a_year_without_calendar_data_leaves_the_due_date_pending_not_guessed(office, monkeypatch):
    """In December, before the next year's schedule is entered: received, with no due date rather than a
    guessed one (the handlers' lists say the calendar year is missing)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 10))
    payload = run("SubmitApplication", form())["data"]["submitApplication"]
    assert payload["ok"] and payload["receivedOn"] == "2026-12-10" and payload["dueOn"] is None
    assert Application.objects.get().due_on is None


text = st.one_of(st.none(), st.text(max_size=300), st.integers(), st.booleans(), st.lists(st.integers(), max_size=3))


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(values=st.fixed_dictionaries({}, optional={name: text for name in (
    "idempotencyKey", "organisationCode", "applicantType", "organisationKind", "applicantName", "identityNumber",
    "phone", "email", "postalAddress", "informationTitle", "description", "deliveryWanted", "formWanted")}),
    proof=st.one_of(st.none(), st.fixed_dictionaries({"name": text, "contentBase64": text})))
def test_fuzz_no_internal_error_for_any_input(fuzz_office, values, proof):
    variables = {"input": {**values, **({"identityProof": proof} if proof is not None else {})}}
    result = run("SubmitApplication", variables)
    codes = {error.get("extensions", {}).get("code") for error in result["errors"]}
    assert "INTERNAL_SERVER_ERROR" not in codes, result
    if not result["errors"]:
        payload = result["data"]["submitApplication"]
        assert payload["ok"] or payload["errors"]
    status = run("ApplicationStatus", {"trackingCode": values.get("applicantName"),
                                       "phoneLastFour": values.get("phone")})
    assert "INTERNAL_SERVER_ERROR" not in {e.get("extensions", {}).get("code") for e in status["errors"]}


@pytest.fixture(scope="module")
def fuzz_office(django_db_blocker, django_db_setup):
    """One unit for the fuzzer (hypothesis runs many examples inside one test)."""
    from cms.units import create_organisation

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            unit = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                       department_code="000", publishes_government=True)
            yield unit
            transaction.set_rollback(True)


def test_applicants_data_is_nowhere_public():
    """Not indexed for search, and no type of the API can output an applicant's data or the content."""
    from wagtail.search.index import Indexed

    from graphql_api.schema import schema

    assert not issubclass(Application, Indexed)
    output_fields = {name.lower() for type_ in schema.graphql_schema.type_map.values()
                     if hasattr(type_, "fields") and not type_.name.endswith("Input") and not type_.name.startswith("__")
                     for name in type_.fields}
    for private in ("applicantname", "phone", "identitynumber", "identityproof", "email", "postaladdress",
                    "informationtitle", "notes", "events"):
        assert private not in output_fields, private


@override_settings(APPLICATIONS_STATUS_RATE_PER_ADDRESS=3)
def test_status_checks_are_rate_limited_per_address(office, today, client):
    from django.core.cache import cache

    cache.clear()
    code = submit()["trackingCode"]
    for digits in ("0000", "1111", "5678"):
        assert "errors" in run("ApplicationStatus", {"trackingCode": code, "phoneLastFour": digits}, "192.0.2.9")
    refused = run("ApplicationStatus", {"trackingCode": code, "phoneLastFour": "5678"}, "192.0.2.9")
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert run("ApplicationStatus", {"trackingCode": code, "phoneLastFour": "5678"}, "192.0.2.10")[
        "data"]["applicationStatus"]["trackingCode"] == code
    page = client.post("/applications/status/", {"tracking_code": code, "phone_last_four": "5678"},
                       REMOTE_ADDR="192.0.2.9")
    assert page.status_code == 429 and "查询过于频繁" in page.content.decode()
    cache.clear()
