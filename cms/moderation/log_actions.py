"""Audit-log actions of the procedure. Submitting, approving and rejecting are Wagtail's own
(wagtail.workflow.start / approve / reject, with the comment); these add what Wagtail does not know."""

from django.utils.translation import gettext_lazy as _, ngettext
from wagtail.log_actions import LogFormatter

from .records import Outcome


class CommentFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


class SecrecyReviewFormatter(CommentFormatter):
    label = _("Secrecy review")

    def format_message(self, log_entry):
        outcome = log_entry.data.get("outcome")
        label = Outcome(outcome).label if outcome in Outcome.values else outcome
        withheld = len(log_entry.data.get("withheld") or [])
        if not withheld:
            return _("Secrecy review recorded: %(outcome)s") % {"outcome": label}
        return ngettext("Secrecy review recorded: %(outcome)s (%(count)d block withheld)",
                        "Secrecy review recorded: %(outcome)s (%(count)d blocks withheld)",
                        withheld) % {"outcome": label, "count": withheld}


class ExemptionFormatter(CommentFormatter):
    label = _("Privacy exemption")

    def format_message(self, log_entry):
        return _("Privacy exemption recorded: %(exemption)s, %(basis)s") % {
            "exemption": log_entry.data.get("exemption", ""), "basis": log_entry.data.get("legal_basis", "")}


class MaskFormatter(LogFormatter):
    label = _("Mask personal data")

    def format_message(self, log_entry):
        return _("Personal data masked: %(total)s findings") % {"total": log_entry.data.get("total", 0)}


class RefusalFormatter(CommentFormatter):
    label = _("Publication refused")
    message = _("Publication refused by the personal-data guard")


FORMATTERS = {
    "moderation.secrecy_review": SecrecyReviewFormatter,
    "moderation.exemption": ExemptionFormatter,
    "moderation.mask": MaskFormatter,
    "moderation.publish_refused": RefusalFormatter,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
