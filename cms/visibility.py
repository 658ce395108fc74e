"""Who may see which entries: the one place that builds the querysets every reader starts from.

Public readers see entries that are live, not withdrawn, not hidden by archiving, not 不予公开,
with audience 全社会 and (party entries) scope 向社会公开. A portal token adds grants: party
entries of the named units within the named scopes (党务公开条例 §9), and nothing wider.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from .models import Audience, DisclosureAttribute, DisclosurePage, Domain, Scope


@dataclass(frozen=True)
class Grant:
    """Read access to party entries of these organisations in these (non-public) scopes."""

    organisation_ids: frozenset[int]
    scopes: frozenset[str]


@dataclass(frozen=True)
class Reader:
    """Who is reading: anonymous (no grants) or a portal token's grants."""

    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @classmethod
    def anonymous(cls) -> "Reader":
        return cls()

    @property
    def is_anonymous(self) -> bool:
        return not self.grants


def effective_audience_q(audience: str) -> Q:
    return Q(audience=audience) | Q(audience="", catalogue_item__audience=audience)


def effective_scope_q(scopes) -> Q:
    scopes = list(scopes)
    return Q(scope__in=scopes) | Q(scope="", catalogue_item__scope__in=scopes)


def live_entries() -> QuerySet[DisclosurePage]:
    """Entries that are online at all: published, not expired, not withdrawn, not hidden, not withheld."""
    return (
        DisclosurePage.objects.live()
        .filter(expired=False, withdrawn_at__isnull=True, archive_hidden=False)
        .exclude(disclosure_attribute=DisclosureAttribute.WITHHELD)
    )


def public_q() -> Q:
    return effective_audience_q(Audience.PUBLIC) & (~Q(domain=Domain.PARTY) | effective_scope_q([Scope.PUBLIC]))


def grant_q(grant: Grant) -> Q:
    return (
        Q(domain=Domain.PARTY, organisation_id__in=list(grant.organisation_ids))
        & effective_scope_q(grant.scopes)
    )


def visible_entries(reader: Reader | None = None) -> QuerySet[DisclosurePage]:
    """Entries this reader may see; every public resolver and view starts from here."""
    reader = reader or Reader.anonymous()
    condition = public_q()
    for grant in reader.grants:
        condition |= grant_q(grant)
    return live_entries().filter(condition)


def is_visible(page: DisclosurePage, reader: Reader | None = None) -> bool:
    return visible_entries(reader).filter(pk=page.pk).exists()


def indexable_entries() -> QuerySet[DisclosurePage]:
    """What the search index may hold: live public entries and party entries of any non-public scope
    (stored with their scope and unit so that only a matching grant can retrieve them)."""
    party_internal = Q(domain=Domain.PARTY) & effective_audience_q(Audience.PUBLIC)
    return live_entries().filter(public_q() | party_internal)


def search_scope(page: DisclosurePage) -> str:
    """The scope an entry is indexed with: public, or its party scope, or "specific" for a narrowed audience."""
    if page.effective_audience != Audience.PUBLIC:
        return Scope.SPECIFIC
    return page.effective_scope
