"""Who may do what at each step: the unit's own role, not its sibling's, not its parent's (except 需报审)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cms.models import DisclosurePage

from .conftest import DISCLOSE, act, actions, current, step_name, submit, through_secrecy, to_approval

ROLES = ["editor", "reviewer", "secrecy_reviewer", "approver"]
EVERYONE = [f"{unit}_{role}" for unit in ("a", "b", "t") for role in ROLES] + ["a_supervisor", "b_supervisor"]

# Who may act at each step of a village entry: the step's own group of the entry's unit (and superusers).
MAY_ACT = {
    "review": {"a_reviewer"},
    "secrecy_review": {"a_secrecy_reviewer"},
    "supervision": {"a_supervisor"},
    "approval": {"a_approver"},
}
ACTIONS = {
    "review": {"approve", "reject"},
    "secrecy_review": {"review", "reject"},
    "supervision": {"approve", "reject"},
    "approval": {"approve", "reject"},
}


def reach(step, entry, users):
    submit(entry, users["a_editor"])
    if step in ("secrecy_review", "supervision", "approval"):
        act(entry, users["a_reviewer"], "approve")
    if step in ("supervision", "approval"):
        act(entry, users["a_secrecy_reviewer"], "review", **DISCLOSE)
    if step == "approval":
        act(entry, users["a_supervisor"], "approve")


def test_who_may_submit(make_entry, users):
    entry = make_entry()
    may_submit = set()
    for name in EVERYONE:
        perms = entry.permissions_for_user(users[name])
        if perms.can_edit() and perms.can_submit_for_moderation():
            may_submit.add(name)
    # The unit's own groups with page rights, and the parent unit's approvers (they may approve up there).
    assert may_submit == {"a_editor", "a_reviewer", "a_secrecy_reviewer", "a_approver", "t_approver"}


@pytest.mark.parametrize("step", list(MAY_ACT))
def test_who_may_act_at_each_step(make_entry, users, step):
    entry = make_entry()
    reach(step, entry, users)
    for name in EVERYONE:
        expected = ACTIONS[step] if name in MAY_ACT[step] else set()
        assert actions(entry, users[name]) == expected, (step, name)
    assert actions(entry, users["admin"]) == ACTIONS[step]


@pytest.mark.parametrize("step", list(MAY_ACT))
def test_others_are_refused_by_the_admin(make_entry, users, client, step):
    entry = make_entry()
    reach(step, entry, users)
    entry, state = current(entry)
    action = "review" if step == "secrecy_review" else "approve"
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, action, state.pk))
    for name in ("a_editor", "b_reviewer", "b_secrecy_reviewer", "b_approver", "t_reviewer", "t_approver",
                 "b_supervisor"):
        if name in MAY_ACT[step]:
            continue
        client.force_login(users[name])
        assert client.post(url, {"comment": "x", "outcome": "disclose"}).status_code in (302, 403), name
        assert current(entry)[1].pk == state.pk, name


@pytest.mark.parametrize("step", ["secrecy_review", "approval"])
def test_our_tasks_refuse_others_through_the_api_too(make_entry, users, step):
    entry = make_entry()
    reach(step, entry, users)
    action = "review" if step == "secrecy_review" else "approve"
    for name in ("a_editor", "a_reviewer", "b_secrecy_reviewer", "b_approver", "t_approver"):
        if name in MAY_ACT[step]:
            continue
        with pytest.raises(PermissionDenied):
            act(entry, users[name], action, **DISCLOSE)


def test_the_step_owner_acts_in_the_admin(make_entry, users, client):
    entry = make_entry()
    submit(entry, users["a_editor"])
    entry, state = current(entry)
    client.force_login(users["a_reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, "approve", state.pk))
    assert client.post(url, {"comment": "准确"}).status_code == 302
    assert "SecrecyReviewTask" in step_name(entry)
    entry, state = current(entry)
    client.force_login(users["a_secrecy_reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, "review", state.pk))
    response = client.get(url)
    html = response.json()["html"]
    assert response.status_code == 200 and "outcome" in html and "1. Text" in html  # the blocks to withhold
    # From the page editor the modal only collects the data, which must survive JSON.
    collect = reverse("wagtailadmin_pages:collect_workflow_action_data", args=(entry.pk, "review", state.pk))
    response = client.post(collect, {"outcome": "disclose", "withheld_blocks": [entry.body[0].id],
                                     "withheld_description": "正文", "ground": "personal_privacy",
                                     "legal_basis": "第十五条", "task_state_id": state.pk},
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["cleaned_data"]["withheld_blocks"] == [entry.body[0].id]
    response = client.post(url, {"outcome": "disclose", "notes": "", "task_state_id": state.pk})
    assert response.status_code == 302
    assert "supervision" in step_name(entry)


@pytest.mark.parametrize("step,actor", [
    ("review", "a_reviewer"), ("secrecy_review", "a_secrecy_reviewer"), ("supervision", "a_supervisor"),
    ("approval", "a_approver"),
])
def test_rejection_returns_the_entry_to_its_editor_with_the_comment(make_entry, users, step, actor):
    entry = make_entry()
    reach(step, entry, users)
    act(entry, users[actor], "reject", comment="请补充凭证")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    workflow_state = entry.current_workflow_state
    assert workflow_state.status == "needs_changes"
    assert workflow_state.current_task_state.comment == "请补充凭证"
    assert workflow_state.requested_by == users["a_editor"]
    assert not entry.live
    # The editor may edit and resubmit.
    assert not entry.get_lock() or not entry.get_lock().for_user(users["a_editor"])


def test_a_township_entry_has_no_supervision_step_and_escalates_to_the_county(tree, users):
    from cms.models import Domain

    from .conftest import text_block

    item = tree.add_item(tree.township, Domain.GOVERNMENT, "财政预决算", slug="budget")
    entry = tree.add_entry(item, "2026年预算", publish=False, body=[text_block()], owner=users["t_editor"])
    submit(entry, users["t_editor"])
    act(entry, users["t_reviewer"], "approve")
    act(entry, users["t_secrecy_reviewer"], "review", outcome="escalate")
    assert "ApprovalTask" in step_name(entry)
    assert actions(entry, users["t_approver"]) == set()
    assert actions(entry, users["a_approver"]) == set()


def test_final_approver_publishes_and_parent_approvers_publish_after_referral(make_entry, users):
    entry = make_entry()
    through_secrecy(entry, users, outcome="escalate")
    act(entry, users["a_supervisor"], "approve")
    with pytest.raises(PermissionDenied):
        act(entry, users["a_approver"], "approve")
    act(entry, users["t_approver"], "approve")
    assert DisclosurePage.objects.get(pk=entry.pk).live
    other = make_entry(title="另一条", slug="other")
    to_approval(other, users)
    act(other, users["a_approver"], "approve")
    assert DisclosurePage.objects.get(pk=other.pk).live
