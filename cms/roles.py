"""In which units a user works, and in which roles — asked by every app's permissions and menus, answered
once per request: two queries (the user's groups; the units whose role groups they are), kept on the user
object, which lives as long as the request (Django keeps its permission cache there the same way).

Roles are the Organisation's group fields (docs/architecture.md «Units and roles»): ``editors``,
``reviewers``, ``secrecy_reviewers``, ``approvers`` and, in villages, ``supervisors`` (村务监督委员会).
"""

from django.db.models import Q

from .models import Organisation

ROLES = ("editors", "reviewers", "secrecy_reviewers", "approvers", "supervisors")
_CACHE = "_disclosure_roles"


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _cache(user) -> dict:
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE, cache)
    return cache


def group_ids(user) -> frozenset[int]:
    """The ids of the user's groups (empty for anonymous or inactive users)."""
    if not _active(user):
        return frozenset()
    cache = _cache(user)
    if "groups" not in cache:
        cache["groups"] = frozenset(user.groups.values_list("pk", flat=True))
    return cache["groups"]


def memberships(user) -> dict[int, frozenset[str]]:
    """Organisation id → the roles (group fields) the user holds there."""
    groups = group_ids(user)
    if not groups:
        return {}
    cache = _cache(user)
    if "units" not in cache:
        condition = Q()
        for role in ROLES:
            condition |= Q(**{f"{role}__in": groups})
        rows = Organisation.objects.filter(condition).values_list("pk", *(f"{role}_id" for role in ROLES))
        cache["units"] = {row[0]: frozenset(role for role, group in zip(ROLES, row[1:]) if group in groups)
                          for row in rows}
    return cache["units"]


def units_where(user, *roles: str) -> frozenset[int]:
    """The organisations where the user holds one of ``roles`` (any role when none is named)."""
    wanted = set(roles or ROLES)
    unknown = wanted - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return frozenset(pk for pk, held in memberships(user).items() if held & wanted)


def forget(user) -> None:
    """Drop what was kept (after the user's groups changed within the same request or test)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
