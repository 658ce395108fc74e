"""What happens to a feedback: receipt, the transitions of ``workflow.TRANSITIONS`` with their guards, and
the asker's satisfaction (docs/interaction.md §2). Every action is written to Wagtail's audit log
(``log(...)`` with the actions registered in ``log_actions.py``); nothing is ever deleted."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.moderation.guard import sensitive_words
from cms.privacy import mask_text, scan_text

from . import clocks, permissions
from .models import Feedback, Satisfaction
from .workflow import OPEN_STATES, SET_ASIDE_STATES, TRANSITIONS_BY_NAME, State, transitions_from


def findings_of(text: str, words=None) -> list[dict]:
    """The personal data the scanner finds in ``text``: kind, place and masked form (never the data)."""
    words = sensitive_words() if words is None else words
    return [{"kind": str(f.kind), "label": str(f.label), "start": f.start, "end": f.end, "mask": f.mask}
            for f in scan_text(text, "text", words)]


def _due(received_on, complex_) -> datetime.date | None:
    try:
        return clocks.due_on(received_on, complex_)
    except clocks.CalendarYearMissing:
        return None


@transaction.atomic
def receive(feedback: Feedback, user=None, files=()) -> Feedback:
    """Save a new feedback with its due date, its findings and its files; logged as received."""
    feedback.received_on = feedback.received_on or timezone.localdate()
    feedback.findings = findings_of(feedback.text)
    feedback.due_on = _due(feedback.received_on, feedback.complex)
    feedback.full_clean(exclude=["code"])
    feedback.save()
    for upload in files:
        attached = feedback.files.model(feedback=feedback, name=upload.name[-100:], size=upload.size)
        attached.file.save(upload.name, upload, save=False)
        attached.save()
    log(instance=feedback, action="interaction.receive", user=user,
        data={"target": feedback.target, "files": len(files), "findings": len(feedback.findings)})
    return feedback


def refresh_pending_due_dates() -> int:
    """Set the due dates that waited for a year of the calendar (run after the calendar tables change)."""
    count = 0
    for feedback in Feedback.objects.filter(state__in=OPEN_STATES, due_on__isnull=True):
        due = _due(feedback.received_on, feedback.complex)
        if due is not None:
            Feedback.objects.filter(pk=feedback.pk).update(due_on=due)
            count += 1
    return count


def available_transitions(feedback: Feedback, user) -> list:
    actors = permissions.actors_for(user, feedback)
    offered = []
    for transition in transitions_from(feedback.state):
        if transition.actor not in actors:
            continue
        if transition.name == "mark_complex" and feedback.complex:
            continue
        if transition.name in ("approve", "return_reply") and feedback.reply_author_id == user.pk:
            continue
        offered.append(transition)
    return offered


def candidates_for_other(feedback: Feedback):
    """What a feedback may be marked a duplicate of or merged into: the same unit's others, not set aside."""
    return (Feedback.objects.filter(organisation_id=feedback.organisation_id)
            .exclude(pk=feedback.pk).exclude(state__in=SET_ASIDE_STATES).order_by("-received_on", "-pk"))


def _approve(feedback: Feedback, user, on):
    if feedback.reply_author_id == user.pk:
        raise ValidationError(_("A reply is approved by a second person, not by its author."))
    if not feedback.reply.strip():
        raise ValidationError(_("There is no reply to approve."))
    words = sensitive_words()
    if not feedback.keep_private:
        found = scan_text(feedback.reply, "reply", words)
        if found:
            raise ValidationError(_("The reply contains personal data and cannot be published: %(list)s. Mask it "
                                    "in the reply first.") % {
                "list": "；".join(f"{finding.label} → {finding.mask}" for finding in found[:10])})
    feedback.public_question = mask_text(feedback.text, words)
    feedback.reviewer = user
    feedback.replied_on = on


@transaction.atomic
def perform(feedback: Feedback, name: str, user, comment: str = "", on: datetime.date | None = None,
            reply: str | None = None, other: Feedback | None = None) -> Feedback:
    """Take transition ``name``; raises PermissionDenied or ValidationError (with a Chinese message)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    transition = TRANSITIONS_BY_NAME.get(name)
    if transition is None or transition not in available_transitions(feedback, user):
        if transition is not None and name in ("approve", "return_reply") and feedback.reply_author_id == user.pk:
            raise ValidationError(_("A reply is approved by a second person, not by its author."))
        raise PermissionDenied(_("This action is not available."))
    comment = (comment or "").strip()
    if transition.requires_comment and not comment:
        raise ValidationError(_("Give a reason or comment."))
    on = on or timezone.localdate()
    before = feedback.state
    data = {"comment": comment, "from": before}
    if name == "mark_complex":
        feedback.complex, feedback.complex_since = True, on
        feedback.due_on = _due(feedback.received_on, True)
        data["due_on"] = feedback.due_on.isoformat() if feedback.due_on else ""
    elif name == "submit_reply":
        reply = (reply or "").strip()
        if not reply:
            raise ValidationError(_("Write the reply."))
        feedback.reply, feedback.reply_author = reply, user
    elif name == "approve":
        _approve(feedback, user, on)
    elif name == "hide":
        feedback.state_before_hidden = before
    elif name in ("mark_duplicate", "merge"):
        if other is None or other.pk == feedback.pk or other.organisation_id != feedback.organisation_id \
                or other.state in SET_ASIDE_STATES:
            raise ValidationError(_("Choose another feedback of the same unit that is not set aside."))
        feedback.other = other
        data["other"] = other.code
    target = transition.target
    if name == "unhide":
        target = feedback.state_before_hidden or State.RECEIVED
        feedback.state_before_hidden = ""
    feedback.state = target
    data["to"] = target
    feedback.save()
    log(instance=feedback, action=f"interaction.{name}", user=user, data=data)
    return feedback


def answer_of(feedback: Feedback) -> Feedback | None:
    """The feedback whose approved reply answers this one: itself, or the one it was merged into."""
    if feedback.state == State.ANSWERED:
        return feedback
    if feedback.state == State.MERGED and feedback.other_id:
        other = feedback.other
        return other if other.state == State.ANSWERED else None
    return None


@transaction.atomic
def rate(feedback: Feedback, satisfaction: str) -> Feedback:
    """The asker's satisfaction with the reply: once (满意/基本满意/不满意)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("Choose satisfied, fairly satisfied or dissatisfied."))
    if answer_of(feedback) is None:
        raise ValidationError(_("This feedback has no reply yet."))
    if feedback.satisfaction:
        raise ValidationError(_("Satisfaction was already given for this reply."))
    feedback.satisfaction, feedback.rated_at = satisfaction, timezone.now()
    feedback.save(update_fields=["satisfaction", "rated_at"])
    log(instance=feedback, action="interaction.rate", user=None, data={"satisfaction": satisfaction})
    return feedback
