"""保密审查: outcomes, the review record, 区分处理 and escalation (需报审)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState

from cms.models import DisclosurePage
from cms.visibility import public_body, withheld_block_ids
from cms.moderation.records import Outcome, SecrecyReview
from cms.moderation.tasks import ApprovalTaskState

from .conftest import (
    DISCLOSE, ID_NUMBER, act, actions, current, person_block, step_name, submit, table_block, text_block,
    to_approval,
)


def at_secrecy_review(make_entry, users, body=None, **fields):
    entry = make_entry(body=body, **fields)
    submit(entry, users["a_editor"])
    act(entry, users["a_reviewer"], "approve")
    return entry


def test_disclose_records_the_review_on_the_revision(make_entry, users):
    entry = at_secrecy_review(make_entry, users, summary="三季度收支", disclosure_attribute="proactive")
    revision = entry.get_latest_revision()
    act(entry, users["a_secrecy_reviewer"], "review", outcome="disclose", notes="不涉密")
    record = SecrecyReview.objects.get(page=entry)
    assert (record.revision, record.outcome, record.notes, record.reviewer) == (
        revision, Outcome.DISCLOSE, "不涉密", users["a_secrecy_reviewer"])
    assert (record.title, record.summary, record.proposed_manner, record.scope, record.audience) == (
        entry.title, "三季度收支", "proactive", "public", "public")
    assert record.task_state.status == "approved" and record.reviewed_at
    assert "supervision" in step_name(entry)


def test_exempt_from_disclosure_ends_the_workflow_without_publication(make_entry, users):
    entry = at_secrecy_review(make_entry, users)
    act(entry, users["a_secrecy_reviewer"], "review", outcome="exempt", ground="undecided_matter",
        reason="属于过程性信息", legal_basis="《政府信息公开条例》第十六条")
    entry, state = current(entry)
    assert not entry.live and state is None
    workflow_state = WorkflowState.objects.for_instance(entry).get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.comment == "属于过程性信息"
    record = SecrecyReview.objects.get(page=entry)
    assert (record.outcome, record.ground, record.legal_basis) == (
        "exempt", "undecided_matter", "《政府信息公开条例》第十六条")


@pytest.mark.parametrize("data,field", [
    ({"outcome": "exempt", "reason": "过程性信息", "legal_basis": "第十六条"}, "ground"),
    ({"outcome": "exempt", "ground": "state_secret", "legal_basis": "第十四条"}, "reason"),
    ({"outcome": "exempt", "ground": "state_secret", "reason": "涉密"}, "legal_basis"),
    ({"outcome": "disclose", "exemption": True, "exemption_reason": "惩戒公示"}, "exemption_basis"),
    ({"outcome": "disclose", "withheld_blocks": ["WITHHELD"], "ground": "personal_privacy",
      "legal_basis": "第十五条"}, "withheld_description"),
    ({"outcome": "sideways"}, "outcome"),
])
def test_each_outcome_needs_its_grounds(make_entry, users, data, field):
    entry = at_secrecy_review(make_entry, users, body=[text_block(), table_block()])
    if data.get("withheld_blocks"):
        data = {**data, "withheld_blocks": [entry.body[1].id]}
    with pytest.raises(ValidationError) as caught:
        act(entry, users["a_secrecy_reviewer"], "review", **data)
    assert field in caught.value.message_dict
    assert not SecrecyReview.objects.exists()
    assert "SecrecyReviewTask" in step_name(entry)


def test_personal_data_needs_masking_or_an_exemption(make_entry, users):
    entry = at_secrecy_review(make_entry, users, body=[table_block(ID_NUMBER)])
    with pytest.raises(ValidationError) as caught:
        act(entry, users["a_secrecy_reviewer"], "review", **DISCLOSE)
    assert any("110105********002X" in message for message in caught.value.messages)
    act(entry, users["a_secrecy_reviewer"], "review", outcome="disclose", exemption=True,
        exemption_reason="惩戒公示", exemption_basis="《失信被执行人名单信息公布办法》第六条")
    record = SecrecyReview.objects.get(page=entry)
    assert record.is_exemption and record.findings[0]["mask"] == "110105********002X"
    assert ID_NUMBER not in str(record.findings)


def test_withheld_blocks_are_recorded_and_kept_from_the_public(make_entry, users):
    entry = make_entry(body=[text_block("<p>公开部分</p>"), table_block("不公开的补偿明细")])
    kept, withheld = entry.body[0].id, entry.body[1].id
    to_approval(entry, users, outcome="disclose", withheld_blocks=[withheld], withheld_description="补偿到户明细",
                ground="personal_privacy", legal_basis="《政府信息公开条例》第十五条")
    record = SecrecyReview.objects.get(page=entry)
    (withheld_block,) = record.withheld_blocks
    assert (withheld_block["id"], withheld_block["type"]) == (withheld, "financial_table")
    assert withheld_block["label"].startswith("2. Financial table")
    act(entry, users["a_approver"], "approve")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.live
    assert withheld_block_ids(entry) == {withheld}
    # A later revision published without a new review keeps the block withheld (block ids survive edits).
    entry.title = "更正标题"
    entry.save_revision(user=users["a_approver"]).publish(user=users["a_approver"])
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert withheld_block_ids(entry) == {withheld}
    assert kept not in withheld_block_ids(entry)


def test_withheld_blocks_are_absent_from_public_body(make_entry, users):
    entry = make_entry(body=[text_block("<p>公开部分</p>"), table_block("不公开的补偿明细")])
    withheld = entry.body[1].id
    to_approval(entry, users, outcome="disclose", withheld_blocks=[withheld], withheld_description="补偿到户明细",
                ground="personal_privacy", legal_basis="《政府信息公开条例》第十五条")
    act(entry, users["a_approver"], "approve")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert [block.id for block in public_body(entry)] == [entry.body[0].id]


def test_refer_to_the_parent_unit_lets_only_its_approvers_act(make_entry, users):
    entry = make_entry(body=[person_block()])
    to_approval(entry, users, outcome="escalate", notes="涉及重大事项，报镇审批")
    entry, state = current(entry)
    assert isinstance(state, ApprovalTaskState) and state.escalated
    for name in ("a_approver", "b_approver", "t_editor", "t_reviewer", "a_reviewer"):
        assert actions(entry, users[name]) == set(), name
    assert actions(entry, users["t_approver"]) == {"approve", "reject"}
    assert actions(entry, users["admin"]) == {"approve", "reject"}
    act(entry, users["t_approver"], "approve", comment="同意")
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_without_referral_the_parent_approvers_do_not_act(make_entry, users):
    entry = make_entry()
    to_approval(entry, users)
    entry, state = current(entry)
    assert not state.escalated
    assert actions(entry, users["t_approver"]) == set()
    assert actions(entry, users["a_approver"]) == {"approve", "reject"}


def test_blocks_withheld_by_the_review_never_reach_the_api(make_entry, users, client):
    entry = make_entry(body=[text_block("<p>公开部分</p>"), table_block("不公开的补偿明细")])
    kept, withheld = entry.body[0].id, entry.body[1].id
    to_approval(entry, users, outcome="disclose", withheld_blocks=[withheld], withheld_description="补偿到户明细",
                ground="personal_privacy", legal_basis="《政府信息公开条例》第十五条")
    act(entry, users["a_approver"], "approve")
    query = "query($id: ID!) { disclosure(id: $id) { body { __typename id } } }"
    response = client.post("/graphql/", {"query": query, "variables": {"id": str(entry.pk)}},
                           content_type="application/json")
    data = response.json()
    assert "errors" not in data, data
    ids = [block["id"] for block in data["data"]["disclosure"]["body"]]
    assert ids == [kept] and withheld not in response.content.decode()
