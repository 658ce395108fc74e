"""Who sees and handles feedback (docs/interaction.md §4): the one module that answers it.

- a unit's staff — its editors (提出), reviewers (审核) and approvers (审批) — see the unit's feedback and
  handle it (reply, mark complex, hide, duplicate, merge);
- its reviewers and approvers approve or return replies (审核), never their own;
- nobody else sees anything (superusers excepted); the public sees published replies only, through the API.
"""

from cms.roles import units_where

from .workflow import Actor

STAFF_GROUPS = ("editors", "reviewers", "approvers")
REVIEW_GROUPS = ("reviewers", "approvers")


def units_for(user, actor: str = Actor.STAFF) -> set[int]:
    """The organisations in which ``user`` is staff (or a reviewer) for feedback."""
    return set(units_where(user, *(STAFF_GROUPS if actor == Actor.STAFF else REVIEW_GROUPS)))


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def visible_feedback(user):
    from .models import Feedback

    if is_superuser(user):
        return Feedback.objects.all()
    return Feedback.objects.filter(organisation_id__in=units_for(user, Actor.STAFF))


def actors_for(user, feedback) -> set[str]:
    if is_superuser(user):
        return {Actor.STAFF, Actor.REVIEWER}
    return {actor for actor in Actor if feedback.organisation_id in units_for(user, actor)}


def involved(user) -> bool:
    return is_superuser(user) or bool(units_for(user, Actor.STAFF))
