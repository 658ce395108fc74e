"""Who sees and acts on applications (docs/applications.md §4): the one module that answers it.

- a unit's application handlers and its approvers see the unit's applications and act on them
  (handlers: the procedure; approvers: extensions);
- a parent unit's handlers and approvers see counts of their child units' applications, not contents;
- nobody else sees anything (superusers excepted); the public only asks for a state with 查询码 + phone.
"""

from django.db.models import Count, Q

from cms.models import Organisation
from cms.roles import group_ids, units_where

from .workflow import Actor


def units_for(user, actor: str) -> set[int]:
    """The organisations in which ``user`` is one of the ``actor``s."""
    groups = group_ids(user)
    if not groups:
        return set()
    if actor == Actor.HANDLER:
        return set(Organisation.objects.filter(application_office__handlers__in=groups).values_list("pk", flat=True))
    return set(units_where(user, "approvers"))


def visible_applications(user):
    from .models import Application

    if getattr(user, "is_superuser", False) and user.is_active:
        return Application.objects.all()
    units = units_for(user, Actor.HANDLER) | units_for(user, Actor.APPROVER)
    return Application.objects.filter(organisation_id__in=units)


def can_see(user, application) -> bool:
    return visible_applications(user).filter(pk=application.pk).exists()


def actors_for(user, application) -> set[str]:
    """The roles ``user`` holds on ``application``'s unit (superusers act as both)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return {Actor.HANDLER, Actor.APPROVER}
    return {actor for actor in Actor if application.organisation_id in units_for(user, actor)}


def child_unit_counts(user) -> list[dict]:
    """For a parent unit's handlers and approvers: per descendant unit, the number of applications in each
    state — counts only, never contents."""
    from .models import Application

    own = units_for(user, Actor.HANDLER) | units_for(user, Actor.APPROVER)
    if not own:
        return []
    condition = Q()
    for unit in Organisation.objects.filter(pk__in=own):
        condition |= Q(path__startswith=unit.path, depth__gt=unit.depth)
    below = Organisation.objects.filter(condition).exclude(pk__in=own)
    rows = (Application.objects.filter(organisation__in=below)
            .values("organisation_id", "organisation__name", "state").annotate(n=Count("pk"))
            .order_by("organisation__path", "state"))
    return list(rows)
