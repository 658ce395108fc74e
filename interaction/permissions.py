"""Who sees and handles feedback (docs/interaction.md §4): the one module that answers it.

- a unit's staff — its editors (提出), reviewers (审核) and approvers (审批) — see the unit's feedback and
  handle it (reply, mark complex, hide, duplicate, merge);
- its reviewers and approvers approve or return replies (审核), never their own;
- nobody else sees anything (superusers excepted); the public sees published replies only, through the API.
"""

from django.db.models import Q

from cms.models import Organisation

from .workflow import Actor

STAFF_GROUPS = ("editors", "reviewers", "approvers")
REVIEW_GROUPS = ("reviewers", "approvers")


def _group_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_feedback_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("pk", flat=True))
        user._feedback_group_ids = cached
    return cached


def units_for(user, actor: str = Actor.STAFF) -> set[int]:
    """The organisations in which ``user`` is staff (or a reviewer) for feedback."""
    groups = _group_ids(user)
    if not groups:
        return set()
    names = STAFF_GROUPS if actor == Actor.STAFF else REVIEW_GROUPS
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__in": groups})
    return set(Organisation.objects.filter(condition).values_list("pk", flat=True))


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
