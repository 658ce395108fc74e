"""The contract: the committed schema is the printed schema; the operations portals send validate, stay
within the limits, and run against demo-like data; graphql/ never shadows graphql-core."""

from pathlib import Path

import pytest
from django.conf import settings
from graphql import OperationDefinitionNode, parse, validate

from graphql_api.contract import CONTRACT_DIR, SCHEMA_FILE, operation_files, printed_schema
from graphql_api.core.limits import DEFAULTS, operation_cost
from graphql_api.preview.tokens import make_preview_token
from graphql_api.schema import schema

from .demo import add_item



def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed_schema(), (
        "graphql/schema.graphql is out of date: run `manage.py export_graphql_schema` and commit the change")


def test_graphql_directory_is_not_a_package():
    import graphql

    assert not (Path(settings.BASE_DIR) / "graphql" / "__init__.py").exists()
    assert CONTRACT_DIR.is_dir()
    assert "site-packages" in graphql.__file__ and hasattr(graphql, "graphql_sync")
    assert graphql.version_info.major == 3


def operations():
    found = []
    for path in operation_files():
        document = parse(path.read_text(encoding="utf-8"))
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                found.append(pytest.param(path, definition.name.value, id=f"{path.stem}:{definition.name.value}"))
    return found


def test_every_portal_page_has_its_operations():
    assert {path.stem for path in operation_files()} >= {"home", "catalogue", "entry", "search", "notices", "preview"}


@pytest.mark.parametrize("path, name", operations())
def test_operation_validates_within_limits(path, name):
    document = parse(path.read_text(encoding="utf-8"))
    assert validate(schema.graphql_schema, document) == []
    cost, depth = operation_cost(schema.graphql_schema, document)[name]
    assert depth <= DEFAULTS["GRAPHQL_MAX_DEPTH"], depth
    assert cost <= DEFAULTS["GRAPHQL_MAX_COMPLEXITY"], cost



def variables_for(name, demo):
    policy = demo.entry("policy")
    return {
        "HomePage": {"organisationCode": "330199-000"},
        "CataloguePage": {"organisationCode": "330199-000", "domain": "GOVERNMENT"},
        "CatalogueItemEntries": {"item": str(demo.items["budget"].pk)},
        "EntryPage": {"path": policy.url_path},
        "EntryById": {"id": str(policy.pk)},
        "SearchPage": {"query": "财政", "filter": {"domains": ["GOVERNMENT"]}},
        "NoticeBoard": {"organisationCode": "330199-000"},
        "OrganisationTree": {},
        "UnitPage": {"code": "330199-000"},
        "EntryFeed": {"organisationCode": "330199-000"},
        "SitemapEntries": {},
        "Preview": {"token": make_preview_token(type(policy).objects.get(pk=policy.pk).get_latest_revision())},
        "SubmitApplication": {"input": {**APPLICATION, "idempotencyKey": "contract-submit-1"}},
        "ApplicationStatus": lambda: status_variables(),
        "FeedbackTarget": {"organisationCode": "330199-000"},
        "SubmitFeedback": {"input": {"idempotencyKey": "contract-feedback-1", "organisationCode": "330199-000",
                                     "contact": "13800005678", "text": "建议公开2026年财政预算执行情况。"}},
        "FeedbackLookup": lambda: {"code": feedback_code("lookup"), "contact": "13900001234"},
        "RateFeedback": lambda: {"input": {"code": feedback_code("rate", answered=True), "contact": "13900001234",
                                           "satisfaction": "SATISFIED"}},
        "UnitFeedback": lambda: {"organisationCode": feedback_unit_with_answer()},
        "OpenConsultations": lambda: consultations(demo) and {},
        "ClosedConsultations": lambda: consultations(demo) and {},
        "Consultation": lambda: {"id": str(consultations(demo)["closed"].pk)},
        "SubmitOpinion": lambda: {"input": {"idempotencyKey": "contract-opinion-1", "contact": "13800005678",
                                            "consultationId": str(consultations(demo)["open"].pk),
                                            "text": "建议延长末班车时间。"}},
    }[name]


# 留言 (docs/interaction.md): feedback to the demo county, answered where the operation needs an answer.
def feedback_code(key, answered=False) -> str:
    from interaction.models import Feedback
    from interaction.public import submit_online

    receipt = submit_online({"idempotency_key": f"contract-feedback-{key}", "organisation_code": "330199-000",
                             "contact": "13900001234", "text": "请公开2026年财政预算执行情况。"}, "192.0.2.11")
    if answered:
        Feedback.objects.filter(code=receipt.code).update(state="answered", reply="已公开。",
                                                           replied_on=receipt.received_on)
    return receipt.code


def feedback_unit_with_answer() -> str:
    feedback_code("unit", answered=True)  # answered and not kept private: published
    return "330199-000"


# 征求意见 (docs/interaction.md): the demo's open and closed consultations, under a county row for them.
def consultations(demo) -> dict:
    from consultations.demo import CLOSED_SLUG, OPEN_SLUG, ensure_demo_consultations
    from consultations.models import Consultation

    from django.contrib.auth import get_user_model

    from demo.accounts import SUPERUSER

    county = demo.units["county"]
    if not Consultation.objects.filter(organisation=county).exists():
        add_item(county, "government", "重大行政决策预公开", "decisions", time_limit_kind="standing")
        if not get_user_model().objects.filter(username=SUPERUSER).exists():  # the demo's account that acts
            get_user_model().objects.create_superuser(SUPERUSER, "admin@example.invalid", None)
        ensure_demo_consultations({"county": county})
    return {"open": Consultation.objects.get(entry__slug=OPEN_SLUG),
            "closed": Consultation.objects.get(entry__slug=CLOSED_SLUG)}


# 依申请公开 (docs/applications.md): an online application to the demo county, over HTTP like any portal.
APPLICATION = {"organisationCode": "330199-000", "applicantType": "natural_person", "applicantName": "王五",
               "phone": "13800005678", "informationTitle": "2026年示范县财政预算执行情况", "deliveryWanted": "email",
               "email": "wangwu@example.com"}


def status_variables() -> dict:
    from applications.public import submit_online

    receipt = submit_online({"organisation_code": "330199-000", "applicant_type": "natural_person",
                             "applicant_name": "赵六", "phone": "13900001234", "information_title": "某某文件",
                             "delivery_wanted": "email", "email": "zhaoliu@example.com",
                             "idempotency_key": "contract-status-1"}, "192.0.2.10")
    return {"trackingCode": receipt.tracking_code, "phoneLastFour": "1234"}


def has_content(data) -> bool:
    if isinstance(data, dict):
        return any(has_content(value) for value in data.values())
    if isinstance(data, list):
        return bool(data)
    return data not in (None, "", 0)


@pytest.mark.parametrize("path, name", operations())
def test_operation_runs_on_demo_data(api, demo, index, path, name):
    variables = variables_for(name, demo)
    variables = variables() if callable(variables) else variables
    data = api.data(path.read_text(encoding="utf-8"), variables, operation_name=name)
    assert all(has_content(value) for value in data.values()), data
