"""Forms of the workflow actions: request changes, secrecy review, approval.

Wagtail builds these forms from the POST data alone; a hidden ``task_state_id`` (filled in by our modal
templates) tells them which entry they are about, so that they can offer its blocks and run the guard.
Their cleaned data must stay JSON-serialisable: the page editor passes it on as JSON.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import TaskState

from cms.models import WithholdingGround, ground_choices

from . import guard
from .records import Outcome
from .review import block_choices, entry_of


class TaskStateForm(forms.Form):
    task_state_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, task_state=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if task_state is None and self.is_bound:
            task_state = self._load(self.data.get("task_state_id"))
        self.task_state = task_state
        if task_state is not None:
            self.fields["task_state_id"].initial = task_state.pk
            self.bind_task_state(task_state)

    @staticmethod
    def _load(pk):
        try:
            return TaskState.objects.get(pk=int(pk)).specific
        except (TypeError, ValueError, TaskState.DoesNotExist):
            return None

    def bind_task_state(self, task_state):
        """Adapt the form to the entry under review."""

    def guard_report(self, withheld=None):
        """The guard's findings in what the public would see of the revision under review; ``withheld``:
        the blocks the reviewer is withholding now (区分处理), instead of an earlier review's."""
        if self.task_state is None:
            return None
        revision, entry = entry_of(self.task_state)
        return guard.check(entry, revision.pk, withheld=withheld)


class RejectForm(TaskStateCommentForm):
    """Request changes: the entry goes back to its editor with this comment."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea({"rows": 3}),
                              help_text=_("What the editor must change."))


class ApprovalForm(TaskStateForm, TaskStateCommentForm):
    """审批: approve and publish. Refused while the guard has findings the secrecy review did not exempt."""

    def clean(self):
        cleaned = super().clean()
        report = self.guard_report()
        if report is not None and report.blocking:
            raise ValidationError(report.messages(), code="personal_data")
        return cleaned


class SecrecyReviewForm(TaskStateForm):
    """保密审查: the outcome, its grounds, the blocks withheld (区分处理) and any privacy exemption."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))
    ground = forms.ChoiceField(label=_("Ground for withholding"), required=False,
                               choices=[("", "---------"), *WithholdingGround.choices],
                               help_text=_("For exemption from disclosure or withheld blocks."))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea({"rows": 2}),
                             help_text=_("Why the entry is exempt from disclosure."))
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=200,
                                  help_text=_("The provision relied on, e.g. 《政府信息公开条例》第十四条."))
    withheld_blocks = forms.MultipleChoiceField(
        label=_("Blocks withheld from the public"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Partly secret content is published with these blocks removed."))
    withheld_description = forms.CharField(label=_("What is withheld"), required=False, max_length=200)
    exemption = forms.BooleanField(
        label=_("Publish the personal data found (privacy exemption)"), required=False,
        help_text=_("Only where a law requires the data to be published, e.g. 惩戒公示."))
    exemption_reason = forms.CharField(label=_("Exemption"), required=False, max_length=200,
                                       help_text=_("e.g. 惩戒公示"))
    exemption_basis = forms.CharField(label=_("Legal basis of the exemption"), required=False, max_length=200)

    def bind_task_state(self, task_state):
        _revision, entry = entry_of(task_state)
        self.fields["withheld_blocks"].choices = block_choices(entry)
        # Only the grounds of the entry's domain (docs/moderation.md "Withholding grounds"); a ground of
        # another domain posted anyway is refused by the choice field.
        self.fields["ground"].choices = [("", "---------"), *ground_choices(getattr(entry, "domain", None))]

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        required = set()
        if outcome == Outcome.EXEMPT:
            required |= {"ground", "reason", "legal_basis"}
            cleaned["withheld_blocks"], cleaned["exemption"] = [], False
        if cleaned.get("withheld_blocks"):
            required |= {"ground", "legal_basis", "withheld_description"}
        if cleaned.get("exemption"):
            required |= {"exemption_reason", "exemption_basis"}
        for name in sorted(required):
            if not (cleaned.get(name) or "").strip():
                self.add_error(name, _("Required for this outcome."))
        if outcome and outcome != Outcome.EXEMPT and not cleaned.get("exemption"):
            report = self.guard_report(withheld=cleaned.get("withheld_blocks") or [])
            if report is not None and report.items:
                self.add_error(None, ValidationError(
                    [_("The entry contains personal data: mask it, request changes, or record an exemption "
                       "with its legal basis.")] + [item.message for item in report.items[:guard.MESSAGE_LIMIT]],
                    code="personal_data"))
        return cleaned
