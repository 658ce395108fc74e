"""The procedure of a feedback as data: states, the transitions out of each, who may take each and its
guard (docs/interaction.md «留言 Feedback» §2). ``services.perform`` refuses anything not offered here.

- the unit's staff (editors 提出, reviewers 审核, approvers 审批) handle feedback: mark it complex, write
  and submit a reply, hide, mark as duplicate, merge;
- a reply is approved or returned by a **second person** holding the review role (审核: the unit's
  reviewers or approvers), never by its author.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Awaiting reply")
    RETURNED = "returned", _("Reply returned for revision")
    IN_REVIEW = "in_review", _("Reply in review")
    ANSWERED = "answered", _("Answered")
    DUPLICATE = "duplicate", _("Duplicate")
    MERGED = "merged", _("Merged")
    HIDDEN = "hidden", _("Hidden")


# The unit still owes an answer: the clock runs.
OPEN_STATES = frozenset({State.RECEIVED, State.RETURNED, State.IN_REVIEW})
# Closed without a reply of its own (spam and abuse handling): not counted in the figures.
SET_ASIDE_STATES = frozenset({State.DUPLICATE, State.MERGED, State.HIDDEN})


class Actor(models.TextChoices):
    STAFF = "staff", _("Feedback staff")
    REVIEWER = "reviewer", _("Feedback reviewers")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str | None            # None: back to the state before (unhide)
    actor: str = Actor.STAFF
    fields: tuple = ()            # what the action's form asks for besides the comment
    requires_comment: bool = False


S = State
TRANSITIONS = [
    Transition("mark_complex", _("Mark as complex (longer time limit)"), frozenset({S.RECEIVED, S.RETURNED}),
               S.RECEIVED, requires_comment=True),
    Transition("submit_reply", _("Submit the reply for review"), frozenset({S.RECEIVED, S.RETURNED}), S.IN_REVIEW,
               fields=("reply",)),
    Transition("approve", _("Approve and send the reply"), frozenset({S.IN_REVIEW}), S.ANSWERED,
               actor=Actor.REVIEWER),
    Transition("return_reply", _("Return the reply for revision"), frozenset({S.IN_REVIEW}), S.RETURNED,
               actor=Actor.REVIEWER, requires_comment=True),
    Transition("hide", _("Hide (spam or abuse)"), frozenset(OPEN_STATES | {S.ANSWERED}), S.HIDDEN,
               requires_comment=True),
    Transition("unhide", _("Show again"), frozenset({S.HIDDEN}), None, requires_comment=True),
    Transition("mark_duplicate", _("Mark as duplicate of another feedback"), frozenset(OPEN_STATES), S.DUPLICATE,
               fields=("other",), requires_comment=True),
    Transition("merge", _("Merge into another feedback (its reply answers both)"), frozenset(OPEN_STATES),
               S.MERGED, fields=("other",), requires_comment=True),
]
TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if state in transition.sources]
