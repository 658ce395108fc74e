"""The procedure before publication as data (domain.md §5; docs/moderation.md shows the same table).

提出 (the editor submits) → 审核 → 保密审查 → [villages: 村务监督委员会] → 审批 (publishes).
Each unit gets its own Wagtail workflow built from PROCEDURE when it is provisioned; administrators may
change it afterwards in Wagtail's workflow admin, and provisioning again leaves it alone.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.models import OrganisationLevel, Role
from cms.models.organisations import VillageRole

from .tasks import ApprovalTask, SecrecyReviewTask


@dataclass(frozen=True)
class Step:
    """One step: who acts (a group of the entry's unit), what they may decide, the guard on leaving it."""

    key: str
    name: str
    task_class: type
    role: str
    outcomes: str
    guard: str = ""
    escalates_to_parent: bool = False
    levels: tuple = ()

    def applies_to(self, organisation) -> bool:
        return not self.levels or organisation.level in self.levels


PROCEDURE = (
    Step("review", gettext_lazy("Review"), GroupApprovalTask, Role.REVIEWER,
         outcomes=gettext_lazy("approve; request changes (back to the editor, with a comment)")),
    Step("secrecy_review", gettext_lazy("Secrecy review"), SecrecyReviewTask, Role.SECRECY_REVIEWER,
         outcomes=gettext_lazy("disclose; exempt from disclosure (ends without publication); refer to the "
                               "parent unit; request changes"),
         guard=gettext_lazy("personal data masked, or exempted with a legal basis")),
    Step("supervision", gettext_lazy("Village supervision committee check"), GroupApprovalTask,
         VillageRole.SUPERVISOR, levels=(OrganisationLevel.VILLAGE,),
         outcomes=gettext_lazy("approve; request changes")),
    Step("approval", gettext_lazy("Approval"), ApprovalTask, Role.APPROVER, escalates_to_parent=True,
         outcomes=gettext_lazy("approve and publish; request changes"),
         guard=gettext_lazy("the personal-data guard, on every path that makes the entry live")),
)


def steps_for(organisation) -> list[Step]:
    return [step for step in PROCEDURE if step.applies_to(organisation)]


def _create_task(step: Step, organisation):
    task = step.task_class.objects.create(name=f"{organisation.short_name} {step.name}"[:255])
    group = organisation.group_for(step.role)
    if group is not None:
        task.groups.add(group)
    parent = organisation.get_parent()
    if step.escalates_to_parent and parent is not None:
        escalation = parent.group_for(step.role)
        if escalation is not None:
            task.escalation_groups.add(escalation)
    return task


@transaction.atomic
def ensure_workflow(organisation, catalogues) -> Workflow:
    """The unit's workflow, created on first call, and assigned to those of its catalogues without one."""
    workflow = organisation.workflow
    if workflow is None:
        workflow = Workflow.objects.create(
            name=(_("%(unit)s (%(code)s) procedure before publication")
                  % {"unit": organisation.name, "code": organisation.code})[:255])
        for order, step in enumerate(steps_for(organisation)):
            WorkflowTask.objects.create(workflow=workflow, task=_create_task(step, organisation), sort_order=order)
        organisation.workflow = workflow
        organisation.save(update_fields=["workflow"])
    assigned = set(WorkflowPage.objects.filter(page__in=catalogues).values_list("page_id", flat=True))
    for catalogue in catalogues:
        if catalogue.pk not in assigned:
            WorkflowPage.objects.create(page=catalogue, workflow=workflow)
    return workflow
