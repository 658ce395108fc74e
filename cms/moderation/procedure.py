"""The procedure before publication as data (domain.md §5; docs/moderation.md shows the same table).

提出 (the editor submits) → 审核 → 保密审查 → [village affairs: 村务监督委员会] → 审批 (publishes).
Each unit gets its own Wagtail workflow built from PROCEDURE when it is provisioned; administrators may
change it afterwards in Wagtail's workflow admin, and provisioning again leaves it alone. The
村务监督委员会 oversees village affairs (村民委员会组织法 §32), not the village party branch's: a village's
party catalogue gets a second workflow without that step.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.models import Domain, OrganisationLevel, Role
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
    domains: tuple = ()

    def applies_to(self, organisation, domain) -> bool:
        return ((not self.levels or organisation.level in self.levels)
                and (not self.domains or domain in self.domains))


PROCEDURE = (
    Step("review", gettext_lazy("Review"), GroupApprovalTask, Role.REVIEWER,
         outcomes=gettext_lazy("approve; request changes (back to the editor, with a comment)")),
    Step("secrecy_review", gettext_lazy("Secrecy review"), SecrecyReviewTask, Role.SECRECY_REVIEWER,
         outcomes=gettext_lazy("disclose; exempt from disclosure (ends without publication); refer to the "
                               "parent unit; request changes"),
         guard=gettext_lazy("personal data masked, or exempted with a legal basis")),
    Step("supervision", gettext_lazy("Village supervision committee check"), GroupApprovalTask,
         VillageRole.SUPERVISOR, levels=(OrganisationLevel.VILLAGE,), domains=(Domain.VILLAGE,),
         outcomes=gettext_lazy("approve; request changes")),
    Step("approval", gettext_lazy("Approval"), ApprovalTask, Role.APPROVER, escalates_to_parent=True,
         outcomes=gettext_lazy("approve and publish; request changes"),
         guard=gettext_lazy("the personal-data guard, on every path that makes the entry live")),
)


def home_domain(organisation) -> str | None:
    """The affairs a unit's default workflow is built for: a village's own (village affairs)."""
    return Domain.VILLAGE if organisation.level == OrganisationLevel.VILLAGE else None


def steps_for(organisation, domain=None) -> list[Step]:
    """The steps for entries of ``domain`` in this unit's catalogues (its default workflow without one)."""
    if domain is None:
        domain = home_domain(organisation)
    return [step for step in PROCEDURE if step.applies_to(organisation, domain)]


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


def _create_workflow(organisation, steps: list[Step], name: str) -> Workflow:
    workflow = Workflow.objects.create(name=name[:255])
    for order, step in enumerate(steps):
        WorkflowTask.objects.create(workflow=workflow, task=_create_task(step, organisation), sort_order=order)
    return workflow


@transaction.atomic
def ensure_workflow(organisation, catalogues) -> Workflow:
    """The unit's default workflow, created on first call, on those of its catalogues without one; a
    catalogue whose entries take other steps (a village's party catalogue) gets the unit's second
    workflow — also when an earlier provisioning had given it the default one, so that
    ``manage.py ensure_unit_workflows`` corrects older databases. Workflows chosen in the admin stay."""
    names = {"unit": organisation.name, "code": organisation.code}
    workflow = organisation.workflow
    if workflow is None:
        workflow = _create_workflow(organisation, steps_for(organisation),
                                    _("%(unit)s (%(code)s) procedure before publication") % names)
        organisation.workflow = workflow
        organisation.save(update_fields=["workflow"])
    default_keys = [step.key for step in steps_for(organisation)]
    assigned = dict(WorkflowPage.objects.filter(page__in=catalogues).values_list("page_id", "workflow_id"))
    second = None
    for catalogue in catalogues:
        steps = steps_for(organisation, catalogue.domain)
        target = workflow
        if [step.key for step in steps] != default_keys:
            if second is None:
                other = (WorkflowPage.objects.filter(page__in=[c for c in catalogues if c.domain == catalogue.domain])
                         .exclude(workflow=workflow).select_related("workflow").first())
                second = other.workflow if other is not None else _create_workflow(
                    organisation, steps, _("%(unit)s (%(code)s) procedure before publication, party affairs") % names)
            target = second
        current = assigned.get(catalogue.pk)
        if current is None:
            WorkflowPage.objects.create(page=catalogue, workflow=target)
        elif current == workflow.pk and target != workflow:
            WorkflowPage.objects.filter(page=catalogue).update(workflow=target)
    return workflow
