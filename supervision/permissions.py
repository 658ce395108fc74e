"""Who sees what in supervision (docs/supervision.md «权限»): the one module that answers it.

* Supervisors — members of the 督查 group (permission ``supervision.supervise``) and superusers — see every
  unit, its findings, circulars and assessment.
* A unit's staff (its editors, reviewers, secrecy reviewers, approvers, village supervisors) see their own
  unit and its subtree: its own findings and those of the units below it, nothing of other units.
"""

from django.db.models import Q

from cms.models import Organisation
from cms.roles import units_where

SUPERVISE = "supervision.supervise"
SUPERVISORS_GROUP = "督查"
UNIT_GROUP_FIELDS = ("editors", "reviewers", "secrecy_reviewers", "approvers", "supervisors")


def is_supervisor(user) -> bool:
    return bool(getattr(user, "is_active", False) and user.has_perm(SUPERVISE))


def own_units(user):
    """The units in whose groups the user is."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=units_where(user, *UNIT_GROUP_FIELDS))


def visible_organisations(user):
    """Every unit a supervisor sees; for a unit's staff their units and the subtrees below them."""
    if is_supervisor(user):
        return Organisation.objects.all()
    paths = list(own_units(user).values_list("path", flat=True))
    if not paths:
        return Organisation.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Organisation.objects.filter(condition)


def may_enter(user) -> bool:
    return is_supervisor(user) or own_units(user).exists()
