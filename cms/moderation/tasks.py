"""Workflow task types of the procedure (procedure.py puts them in order).

审核 and the 村务监督委员会 check are Wagtail's GroupApprovalTask. 保密审查 records a review (records.py)
before it lets an entry through; 审批 publishes, and after a 需报审 outcome only the parent unit's
approvers (the task's escalation groups) may act.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import AbstractGroupApprovalTask, GroupApprovalTask, TaskState

from ..roles import group_ids
from . import records

REJECT = ("reject", _("Request changes"), True)


def _member(user, groups) -> bool:
    return user.is_superuser or groups.filter(pk__in=user.groups.values("pk")).exists()


class CheckedActionsMixin:
    """on_action refuses what get_actions does not offer this user (the admin checks it too; the API must)."""

    def _check_action(self, task_state, user, action_name):
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied(_("This action is not available to you at this step."))

    def get_form_for_action(self, action):
        from .forms import RejectForm

        if action == "reject":
            return RejectForm
        return super().get_form_for_action(action)


class SecrecyReviewTask(CheckedActionsMixin, AbstractGroupApprovalTask):
    """保密审查: the secrecy reviewers record an outcome (公开 / 免予公开 / 需报审) with its grounds.

    免予公开 ends the workflow without publication: the task is rejected with the record kept, and the
    entry goes back to its editor.
    """

    def get_actions(self, obj, user):
        if _member(user, self.groups):
            return [REJECT, ("review", _("Record secrecy review"), True)]
        return []

    def get_form_for_action(self, action):
        from .forms import SecrecyReviewForm

        if action == "review":
            return SecrecyReviewForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "review":
            return "moderation/workflow/action_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .forms import SecrecyReviewForm
        from .review import record_secrecy_review

        self._check_action(task_state, user, action_name)
        if action_name == "reject":
            task_state.reject(user=user, comment=kwargs.get("comment", ""))
            return None
        form = SecrecyReviewForm({**kwargs, "task_state_id": task_state.pk}, task_state=task_state)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        record = record_secrecy_review(task_state, user, form.cleaned_data)
        comment = record.reason if record.outcome == records.Outcome.EXEMPT else record.notes
        if record.outcome == records.Outcome.EXEMPT:
            task_state.reject(user=user, comment=comment)
        else:
            task_state.approve(user=user, comment=comment)
        return None

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups record the secrecy review (disclose, exempt, or refer up)")

    class Meta:
        verbose_name = _("Secrecy review task")
        verbose_name_plural = _("Secrecy review tasks")


class ApprovalTaskState(TaskState):
    """An approval task state; ``escalated`` is fixed when it starts, from the workflow's secrecy review."""

    escalated = models.BooleanField(_("referred to the parent unit"), default=False)

    def save(self, *args, **kwargs):
        if self._state.adding and not self.escalated:
            self.escalated = records.escalation_requested(self.workflow_state_id)
        super().save(*args, **kwargs)

    class Meta:
        verbose_name = _("Approval task state")
        verbose_name_plural = _("Approval task states")


class ApprovalTask(CheckedActionsMixin, AbstractGroupApprovalTask):
    """审批: the unit's approvers approve and publish; after 需报审 only the escalation groups act.

    Approving runs the personal-data guard: when it refuses, the approval is rolled back and the
    approver is sent to the entry's findings.
    """

    escalation_groups = models.ManyToManyField(
        Group, verbose_name=_("escalation groups"), blank=True, related_name="+",
        help_text=_("Who approves instead when the secrecy review refers the entry up (需报审): "
                    "the parent unit's approvers."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["escalation_groups"]
    admin_form_widgets = {**AbstractGroupApprovalTask.admin_form_widgets,
                          "escalation_groups": AbstractGroupApprovalTask.admin_form_widgets["groups"]}
    task_state_class = ApprovalTaskState

    def acting_groups(self, task_state):
        return self.escalation_groups if getattr(task_state, "escalated", False) else self.groups

    def may_act(self, task_state, user) -> bool:
        return _member(user, self.acting_groups(task_state))

    def _current_state(self, obj):
        state = obj.current_workflow_task_state
        return state if state is not None and state.task_id == self.pk else None

    def user_can_access_editor(self, obj, user):
        state = self._current_state(obj)
        return state is not None and self.may_act(state, user)

    def locked_for_user(self, obj, user):
        state = self._current_state(obj)
        return not (state is not None and self.may_act(state, user))

    def user_can_lock(self, obj, user):
        return self.user_can_access_editor(obj, user)

    def get_actions(self, obj, user):
        state = self._current_state(obj)
        if state is None or not self.may_act(state, user):
            return []
        return [REJECT, ("approve", _("Approve"), True)]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        groups = user.groups.values("pk")
        own = Q(approvaltaskstate__escalated=False) if self.groups.filter(pk__in=groups).exists() else Q(pk=None)
        up = (Q(approvaltaskstate__escalated=True) if self.escalation_groups.filter(pk__in=groups).exists()
              else Q(pk=None))
        return states.filter(own | up)

    def get_form_for_action(self, action):
        from .forms import ApprovalForm

        if action == "approve":
            return ApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "moderation/workflow/action_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .review import refuse_publication

        self._check_action(task_state, user, action_name)
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            task_state.reject(user=user, comment=comment)
            return None
        try:
            with transaction.atomic():
                task_state.approve(user=user, comment=comment)
        except ValidationError as error:
            return refuse_publication(task_state, user, error.messages)
        except PublishPermissionError:
            return refuse_publication(task_state, user, [_("You may not publish this entry: the approvers of its "
                                                           "unit need the publish permission on its catalogue.")])
        return None

    @classmethod
    def get_description(cls):
        return _("The unit's approvers approve and publish; the parent unit's when the secrecy review refers up")

    class Meta:
        verbose_name = _("Approval task")
        verbose_name_plural = _("Approval tasks")


def task_states_waiting_for(user):
    """In-progress task states this user may act on, in one query (the dashboard; Wagtail's
    ``TaskState.objects.reviewable_by`` asks every task, and every unit has its own)."""
    states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    if user.is_superuser:
        return states
    groups = sorted(group_ids(user))
    if not groups:
        return states.none()
    allowed = (
        Q(task__groupapprovaltask__groups__in=groups)
        | Q(task__secrecyreviewtask__groups__in=groups)
        | Q(task__approvaltask__groups__in=groups, approvaltaskstate__escalated=False)
        | Q(task__approvaltask__escalation_groups__in=groups, approvaltaskstate__escalated=True)
    )
    return states.filter(pk__in=states.filter(allowed).values("pk"))


__all__ = ["ApprovalTask", "ApprovalTaskState", "GroupApprovalTask", "SecrecyReviewTask", "task_states_waiting_for"]
