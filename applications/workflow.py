"""The handling procedure as data (Plone-style): the states, the transitions out of each, who may take
each transition and the guard on it. Nothing else in the app decides what may happen next: the admin
offers ``available_transitions(application, user)`` and ``services.perform`` refuses anything else.

States and transitions: docs/applications.md §2 (条例 §§30–33).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    REGISTERED = "registered", _("Registered")
    COMPLETION_REQUESTED = "completion_requested", _("Completion requested")
    COMPLETED = "completed", _("Completion received")
    IN_PROGRESS = "in_progress", _("In progress")
    THIRD_PARTY = "third_party", _("Third-party consultation")
    EXTENDED = "extended", _("Extension approved")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")
    TRANSFERRED = "transferred", _("Transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    DEEMED_WITHDRAWN = "deemed_withdrawn", _("Deemed withdrawn")


# States in which the office still owes an answer (counted in 结转 of the annual report).
OPEN_STATES = frozenset({State.RECEIVED, State.REGISTERED, State.COMPLETION_REQUESTED, State.COMPLETED,
                         State.IN_PROGRESS, State.THIRD_PARTY, State.EXTENDED})
# States in which the 20-working-day clock runs (it stands still while 补正 is awaited).
CLOCK_RUNNING_STATES = OPEN_STATES - {State.COMPLETION_REQUESTED}


class Actor(models.TextChoices):
    """Who may take a transition: the unit's application handlers, or its approvers (审批)."""

    HANDLER = "handler", _("Application handlers")
    APPROVER = "approver", _("Approvers")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str | None          # None: back to the state before (after a third party has answered)
    actors: frozenset = frozenset({Actor.HANDLER})
    guard: str = ""             # the name of a guard in services.GUARDS, refusing with a reason
    fields: tuple = ()          # what the action's form asks for besides the comment and date
    outcome: str = ""           # an outcome the transition gives by itself
    requires_comment: bool = False
    extra: dict = field(default_factory=dict)


S = State
TRANSITIONS = [
    Transition("register", _("Register"), frozenset({S.RECEIVED}), S.REGISTERED),
    Transition("request_completion", _("Ask for completion (补正)"), frozenset({S.RECEIVED, S.REGISTERED}),
               S.COMPLETION_REQUESTED, guard="completion_allowed", fields=("completion_due_on",),
               requires_comment=True),
    Transition("receive_completion", _("Completion received"), frozenset({S.COMPLETION_REQUESTED}), S.COMPLETED),
    Transition("deem_withdrawn", _("Deem withdrawn (no completion in time)"), frozenset({S.COMPLETION_REQUESTED}),
               S.DEEMED_WITHDRAWN, guard="completion_overdue", outcome="other_1"),
    Transition("start", _("Start handling"), frozenset({S.REGISTERED, S.COMPLETED}), S.IN_PROGRESS),
    Transition("consult_third_party", _("Consult a third party"), frozenset({S.IN_PROGRESS, S.EXTENDED}),
               S.THIRD_PARTY, fields=("third_party",), requires_comment=True),
    Transition("third_party_answered", _("Third party answered"), frozenset({S.THIRD_PARTY}), None),
    Transition("approve_extension", _("Approve an extension"), frozenset({S.IN_PROGRESS}), S.EXTENDED,
               actors=frozenset({Actor.APPROVER}), guard="extension_allowed", fields=("extension_days",),
               requires_comment=True),
    Transition("reply", _("Reply"), frozenset({S.REGISTERED, S.COMPLETED, S.IN_PROGRESS, S.EXTENDED}), S.REPLIED,
               fields=("outcome", "legal_basis", "withheld_parts", "privacy_reviewed", "fee_method", "pages"),
               guard="reply_allowed"),
    Transition("close", _("Close (delivered)"), frozenset({S.REPLIED}), S.CLOSED, guard="fee_settled"),
    Transition("fee_unpaid", _("Close: fee not paid in time"), frozenset({S.REPLIED}), S.CLOSED,
               guard="fee_due", outcome="other_2"),
    Transition("transfer", _("Transfer (not held here)"), frozenset({S.RECEIVED, S.REGISTERED, S.IN_PROGRESS}),
               S.TRANSFERRED, fields=("transferred_to",), outcome="unavailable_1"),
    Transition("withdraw", _("Withdrawn by the applicant"), frozenset(OPEN_STATES), S.WITHDRAWN,
               outcome="other_3", requires_comment=True),
]
TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if state in transition.sources]
