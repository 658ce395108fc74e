"""Signal wiring: the personal-data guard on every publication, e-mail for approval tasks, and fresh
attachment text when a file is replaced. Connected by ``ModerationConfig.ready()``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.signals import task_submitted

from cms.models import DisclosureDocument, DisclosurePage

from . import guard, table_checks
from .tasks import ApprovalTaskState


@receiver(pre_save, sender=DisclosurePage, dispatch_uid="moderation.guard_going_live")
def guard_going_live(sender, instance: DisclosurePage, raw=False, **kwargs):
    """Whatever the path (editor, last approval, scheduled publishing, code calling
    ``revision.publish()``), a revision going live passes the personal-data guard (docs/privacy.md) and
    its financial tables add up (a draft saved with a wrong total by a reviewer, then approved from the
    dashboard, bulk-published or scheduled, is refused here; docs/editors.md, 财务表格)."""
    if not raw and instance.is_going_live():
        guard.assert_may_go_live(instance)
        if problems := table_checks.total_problems(instance):
            raise table_checks.refusal(problems)


class ApprovalSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted" e-mail for approval tasks, sent to whoever may act: the unit's approvers, or
    the parent unit's after 需报审. (Wagtail connects its notifier to plain TaskState senders only.)"""

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, ApprovalTaskState)

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"

    def get_recipient_users(self, task_state, **kwargs):
        users = get_user_model().objects
        recipients = users.filter(groups__in=task_state.task.specific.acting_groups(task_state).all())
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | users.filter(is_superuser=True)
        if kwargs.get("user") is not None:
            recipients = recipients.exclude(pk=kwargs["user"].pk)
        return recipients.distinct()


approval_submission_notifier = ApprovalSubmissionNotifier()
task_submitted.connect(approval_submission_notifier, sender=ApprovalTaskState,
                       dispatch_uid="moderation_approval_task_submitted_email")


@receiver(pre_save, sender=DisclosureDocument, dispatch_uid="moderation_document_text_follows_file")
def forget_text_of_replaced_file(sender, instance, **kwargs):
    """The cached extracted text belongs to the file it was read from; a new file is read again."""
    if instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("file", "file_hash").first()
    if before and (before["file"] != instance.file.name or before["file_hash"] != instance.file_hash):
        instance.extracted_text, instance.extraction_error = "", ""
