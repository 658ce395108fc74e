"""Audit-log actions of feedback (Wagtail's log entries), registered with ``register_log_actions``."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter


class FeedbackFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


ACTIONS = {
    "interaction.receive": (_("Receive feedback"), _("Feedback received")),
    "interaction.mark_complex": (_("Mark feedback complex"), _("Marked complex: the longer time limit applies")),
    "interaction.submit_reply": (_("Submit reply"), _("Reply submitted for review")),
    "interaction.approve": (_("Approve reply"), _("Reply approved and sent")),
    "interaction.return_reply": (_("Return reply"), _("Reply returned for revision")),
    "interaction.hide": (_("Hide feedback"), _("Feedback hidden")),
    "interaction.unhide": (_("Show feedback again"), _("Feedback shown again")),
    "interaction.mark_duplicate": (_("Mark feedback duplicate"), _("Marked as duplicate")),
    "interaction.merge": (_("Merge feedback"), _("Merged into another feedback")),
    "interaction.rate": (_("Rate reply"), _("Satisfaction given")),
}


def register(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(type("Formatter", (FeedbackFormatter,), {"label": label,
                                                                                 "message": message}))
