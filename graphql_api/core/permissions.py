"""Who the reader is: a request's token as a :class:`cms.visibility.Reader` (what a reader sees: cms.visibility).

A request is anonymous unless it carries ``Authorization: Bearer <token>`` with an active
:class:`~graphql_api.models.ApiToken`; the token becomes a :class:`cms.visibility.Reader` with one
:class:`~cms.visibility.Grant` (its units, with subunits when the token says so, and its scopes) and
its 特定群体 (``group_ids``).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from cms.models import Organisation, Scope
from cms.visibility import Grant, Reader

TOKEN_USE_RECORD_INTERVAL = 300  # seconds between writes of ApiToken.last_used_at


def bearer_token(request) -> str | None:
    """The raw token of an ``Authorization: Bearer …`` header; "" for a malformed header; None if absent."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    kind, _sep, value = header.strip().partition(" ")
    if kind.lower() != "bearer" or not value.strip():
        return ""
    return value.strip()


def reader_for_token(token) -> Reader:
    """The reader an active token stands for."""
    organisations = list(token.organisations.values_list("id", "path"))
    ids = {pk for pk, _path in organisations}
    if token.include_subunits and organisations:
        below = reduce(or_, (Q(path__startswith=path) for _pk, path in organisations))
        ids |= set(Organisation.objects.filter(below).values_list("id", flat=True))
    scopes = frozenset(scope for scope in token.scopes if scope != Scope.PUBLIC)
    grants = (Grant(organisation_ids=frozenset(ids), scopes=scopes),) if ids and scopes else ()
    group_ids = frozenset(token.audience_groups.values_list("id", flat=True))
    return Reader(grants=grants, group_ids=group_ids)


def record_use(token) -> None:
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOKEN_USE_RECORD_INTERVAL:
        type(token).objects.filter(pk=token.pk).update(last_used_at=now)
