"""The procedure as data: every unit gets its workflow when provisioned, built from PROCEDURE."""

from wagtail.models import GroupApprovalTask, WorkflowPage

from cms.models import CataloguePage
from cms.moderation.procedure import PROCEDURE
from cms.moderation.tasks import ApprovalTask, SecrecyReviewTask
from cms.units import provision

from .conftest import DISCLOSE, act, current, step_name, submit, text_block


def task_types(workflow):
    return [type(task.specific) for task in workflow.tasks]


def test_each_unit_gets_its_workflow_on_its_catalogues(tree):
    for unit in (tree.county, tree.township, tree.village_a, tree.village_b):
        unit.refresh_from_db()
        assert unit.workflow is not None
        for catalogue in CataloguePage.objects.filter(organisation=unit).exclude(domain="party"):
            assert WorkflowPage.objects.get(page=catalogue).workflow == unit.workflow
    assert tree.village_a.workflow != tree.village_b.workflow


def test_a_village_party_catalogue_skips_the_supervision_committee(tree):
    """The 村务监督委员会 oversees village affairs, not the village party branch's entries."""
    tree.village_a.refresh_from_db()
    party = CataloguePage.objects.get(organisation=tree.village_a, domain="party")
    village = CataloguePage.objects.get(organisation=tree.village_a, domain="village")
    party_workflow = WorkflowPage.objects.get(page=party).workflow
    assert WorkflowPage.objects.get(page=village).workflow == tree.village_a.workflow != party_workflow
    assert task_types(party_workflow) == [GroupApprovalTask, SecrecyReviewTask, ApprovalTask]
    review, secrecy, approval = [task.specific for task in party_workflow.tasks]
    assert list(review.groups.all()) == [tree.village_a.reviewers]
    assert list(approval.escalation_groups.all()) == [tree.township.approvers]
    township_party = CataloguePage.objects.get(organisation=tree.township, domain="party")
    assert WorkflowPage.objects.get(page=township_party).workflow == tree.township.workflow


def test_provisioning_again_moves_a_village_party_catalogue_off_the_supervision_step(tree):
    """Databases provisioned before the split (``manage.py ensure_unit_workflows`` runs provision again)."""
    tree.village_a.refresh_from_db()
    party = CataloguePage.objects.get(organisation=tree.village_a, domain="party")
    WorkflowPage.objects.get(page=party).workflow.delete()  # as before the split: one workflow for all
    WorkflowPage.objects.create(page=party, workflow=tree.village_a.workflow)
    provision(tree.village_a)
    second = WorkflowPage.objects.get(page=party).workflow
    assert second != tree.village_a.workflow
    assert task_types(second) == [GroupApprovalTask, SecrecyReviewTask, ApprovalTask]
    provision(tree.village_a)  # again: nothing changes
    assert WorkflowPage.objects.get(page=party).workflow == second


def test_villages_have_the_supervision_committee_step(tree):
    tree.village_a.refresh_from_db()
    tree.township.refresh_from_db()
    assert task_types(tree.village_a.workflow) == [GroupApprovalTask, SecrecyReviewTask, GroupApprovalTask,
                                                   ApprovalTask]
    assert task_types(tree.township.workflow) == [GroupApprovalTask, SecrecyReviewTask, ApprovalTask]
    assert tree.village_a.supervisors is not None and tree.township.supervisors is None
    review, secrecy, supervision, approval = [task.specific for task in tree.village_a.workflow.tasks]
    assert list(review.groups.all()) == [tree.village_a.reviewers]
    assert list(secrecy.groups.all()) == [tree.village_a.secrecy_reviewers]
    assert list(supervision.groups.all()) == [tree.village_a.supervisors]
    assert list(approval.groups.all()) == [tree.village_a.approvers]
    assert list(approval.escalation_groups.all()) == [tree.township.approvers]
    county_approval = tree.county.workflow.tasks.last().specific
    assert not county_approval.escalation_groups.exists()


def test_provisioning_again_keeps_an_edited_workflow(tree):
    tree.village_a.refresh_from_db()
    workflow = tree.village_a.workflow
    workflow.name = "东山村自定义流程"
    workflow.save()
    village = CataloguePage.objects.get(organisation=tree.village_a, domain="village")
    WorkflowPage.objects.get(page=village, workflow=workflow).delete()
    provision(tree.village_a)
    tree.village_a.refresh_from_db()
    assert tree.village_a.workflow == workflow
    assert tree.village_a.workflow.name == "东山村自定义流程"
    assert WorkflowPage.objects.get(page=village).workflow == workflow


def test_procedure_table_names_every_step():
    assert [step.key for step in PROCEDURE] == ["review", "secrecy_review", "supervision", "approval"]


def test_full_procedure_publishes(make_entry, users):
    entry = make_entry(body=[text_block()])
    submit(entry, users["a_editor"])
    assert step_name(entry).startswith("GroupApprovalTask")
    act(entry, users["a_reviewer"], "approve")
    assert step_name(entry).startswith("SecrecyReviewTask")
    act(entry, users["a_secrecy_reviewer"], "review", **DISCLOSE)
    assert step_name(entry).endswith("Village supervision committee check")
    act(entry, users["a_supervisor"], "approve")
    assert step_name(entry).startswith("ApprovalTask")
    assert act(entry, users["a_approver"], "approve", comment="同意公开") is None
    entry, state = current(entry)
    assert entry.live and state is None


def test_existing_units_get_their_workflow_from_the_command(tree):
    from io import StringIO

    from django.core.management import call_command

    from cms.models import Organisation

    Organisation.objects.filter(pk=tree.village_b.pk).update(workflow=None, supervisors=None)
    WorkflowPage.objects.filter(page__in=CataloguePage.objects.filter(organisation=tree.village_b)).delete()
    out = StringIO()
    call_command("ensure_unit_workflows", stdout=out)
    assert out.getvalue().startswith("1 workflows created")
    village_b = Organisation.objects.get(pk=tree.village_b.pk)
    assert village_b.workflow is not None and village_b.supervisors is not None
    assert [link.page.specific.domain for link in WorkflowPage.objects.filter(workflow=village_b.workflow)
            .select_related("page")] == ["village"]
    party = CataloguePage.objects.get(organisation=village_b, domain="party")
    assert task_types(WorkflowPage.objects.get(page=party).workflow) == [GroupApprovalTask, SecrecyReviewTask,
                                                                         ApprovalTask]
