"""Who the reader is, and the few querysets not about entries (entries: cms.visibility only).

A request is anonymous unless it carries ``Authorization: Bearer <token>`` with an active
:class:`~graphql_api.models.ApiToken`; the token becomes a :class:`cms.visibility.Reader` with one
:class:`~cms.visibility.Grant` (its units, with subunits when the token says so, and its scopes).
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.models import CatalogueItemPage, Domain, Organisation, Scope
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
    if not ids or not scopes:
        return Reader.anonymous()
    return Reader(grants=(Grant(organisation_ids=frozenset(ids), scopes=scopes),))


def record_use(token) -> None:
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOKEN_USE_RECORD_INTERVAL:
        type(token).objects.filter(pk=token.pk).update(last_used_at=now)


def visible_catalogue_items(reader: Reader) -> QuerySet[CatalogueItemPage]:
    """Live catalogue rows this reader may see.

    Government and village rows are public (the catalogue itself must be published); a party row
    of a non-public 公开范围 is shown only to readers granted that scope for its unit, like its
    entries (cms.visibility).
    """
    condition = ~Q(domain=Domain.PARTY) | Q(scope=Scope.PUBLIC)
    for grant in reader.grants:
        condition |= Q(domain=Domain.PARTY, organisation_id__in=list(grant.organisation_ids),
                       scope__in=list(grant.scopes))
    return CatalogueItemPage.objects.live().filter(condition)


def search_reader(reader: Reader):
    """The search layer's reader for these grants (same units, same scopes)."""
    from search.types import Grant as SearchGrant, Reader as SearchReader

    grants = []
    for grant in reader.grants:
        for scope in sorted(grant.scopes):
            grants.append(SearchGrant(scope=scope, organisation_ids=frozenset(grant.organisation_ids)))
    return SearchReader(grants=tuple(grants))


def catalogue_item_visible(item, reader: Reader) -> bool:
    """The rule of :func:`visible_catalogue_items` for one loaded row."""
    if item is None or not item.live:
        return False
    if item.domain != Domain.PARTY or item.scope == Scope.PUBLIC:
        return True
    return any(item.organisation_id in grant.organisation_ids and item.scope in grant.scopes
               for grant in reader.grants)
