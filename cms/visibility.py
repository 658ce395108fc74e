"""The public view: the one module that says what a reader may see (docs/architecture.md, "One path
for every read").

Every channel asks here — GraphQL, search documents and the search reader, previews, file access,
the portal and feeds:

* **which entries** a reader sees (:func:`visible_entries`, :func:`is_visible`): live under a live
  catalogue row, not expired
  (checked at read time, so a notice whose period ended is gone at that moment, before the
  scheduler runs), not withdrawn, not hidden by archiving, not 不予公开; public readers see audience
  全社会 and (party entries) scope 向社会公开; a portal token adds party entries of its units in its
  scopes (党务公开条例 §9), and entries narrowed to a specific group (特定群体) that name one of its groups
  — never those of another group, on every path alike (list, lookup, catalogue, search);
* **which catalogue rows** a reader sees (:func:`visible_catalogue_items`, :func:`catalogue_item_visible`);
* **the public body** of an entry (:func:`public_body`, :func:`public_bodies`): without the entry's own
  withheld parts **and** the blocks withheld by the secrecy review that let its revision through
  (区分处理), for published entries and previews alike;
* **the public attachments** (:func:`public_document_ids`, :func:`entries_showing_file`);
* **what the search index may hold** (:func:`indexable_entries`, :func:`search_scope`) and **the reader
  of the index** (:func:`search_reader`).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Aggregate, CharField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from search.types import Grant as SearchGrant
from search.types import Reader as SearchReader

from .models import (
    Audience,
    CatalogueItemPage,
    DisclosureAttribute,
    DisclosurePage,
    Domain,
    Scope,
    WithheldPart,
)
from .moderation.records import block_ids, governing_reviews, governing_withheld_blocks


@dataclass(frozen=True)
class Grant:
    """Read access to party entries of these organisations in these (non-public) scopes."""

    organisation_ids: frozenset[int]
    scopes: frozenset[str]


@dataclass(frozen=True)
class Reader:
    """Who is reading: anonymous (no grants) or a portal token's grants, and the 特定群体 (cms.AudienceGroup
    ids) it stands for."""

    grants: tuple[Grant, ...] = field(default_factory=tuple)
    group_ids: frozenset[int] = frozenset()

    @classmethod
    def anonymous(cls) -> "Reader":
        return cls()

    @property
    def is_anonymous(self) -> bool:
        return not self.grants and not self.group_ids


# Entries ------------------------------------------------------------------------------------------


def effective_audience_q(audience: str) -> Q:
    return Q(audience=audience) | Q(audience="", catalogue_item__audience=audience)


def effective_scope_q(scopes) -> Q:
    scopes = list(scopes)
    return Q(scope__in=scopes) | Q(scope="", catalogue_item__scope__in=scopes)


def live_entries() -> QuerySet[DisclosurePage]:
    """Entries that are online at all: published under a published catalogue row, not past their
    expiry (at this moment), not withdrawn, not hidden by archiving, not 不予公开."""
    return (
        DisclosurePage.objects.live()
        .filter(expired=False, withdrawn_at__isnull=True, archive_hidden=False, catalogue_item__live=True)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .exclude(disclosure_attribute=DisclosureAttribute.WITHHELD)
    )


def public_q() -> Q:
    return effective_audience_q(Audience.PUBLIC) & (~Q(domain=Domain.PARTY) | effective_scope_q([Scope.PUBLIC]))


def grant_q(grant: Grant) -> Q:
    """Party entries of the grant's units in its scopes; the audience must not be narrowed to a group
    (a token stands for a unit's members, not for a named group)."""
    return (
        Q(domain=Domain.PARTY, organisation_id__in=list(grant.organisation_ids))
        & effective_scope_q(grant.scopes)
        & effective_audience_q(Audience.PUBLIC)
    )


def group_q(group_ids) -> Q:
    """Entries narrowed to a specific group that name one of these groups (特定群体, docs/catalogue.md); a
    party entry also needs a 公开范围 that admits named people (向社会公开 or 对特定…公开)."""
    named = DisclosurePage.audience_groups.through.objects.filter(
        audiencegroup_id__in=list(group_ids)).values("disclosurepage_id")
    return (effective_audience_q(Audience.SPECIFIC_GROUP) & Q(pk__in=named)
            & (~Q(domain=Domain.PARTY) | effective_scope_q([Scope.PUBLIC, Scope.SPECIFIC])))


def visible_entries(reader: Reader | None = None) -> QuerySet[DisclosurePage]:
    """Entries this reader may see; every public resolver, view and feed starts from here."""
    reader = reader or Reader.anonymous()
    condition = public_q()
    for grant in reader.grants:
        condition |= grant_q(grant)
    if reader.group_ids:
        condition |= group_q(reader.group_ids)
    return live_entries().filter(condition)


def current_validity_q(values, today) -> Q:
    """Entries whose 有效性 today (``DisclosurePage.current_validity``) is one of ``values``: 已失效 from the
    entry's ``invalid_from`` on, before the scheduler stores it."""
    from .models import Validity

    values = set(values)
    due = Q(invalid_from__lte=today) & ~Q(validity=Validity.REPEALED)
    condition = Q(validity__in=list(values)) & ~due
    if Validity.EXPIRED in values:
        condition |= due
    return condition


def is_visible(page: DisclosurePage, reader: Reader | None = None) -> bool:
    return visible_entries(reader).filter(pk=page.pk).exists()


GROUP_SCOPE = "group"  # the search scope of entries narrowed to named groups (search.types.SCOPES)


def indexable_entries() -> QuerySet[DisclosurePage]:
    """What the search index may hold: live public entries, party entries of any non-public scope
    (stored with their scope and unit so that only a matching grant can retrieve them), and entries
    narrowed to named groups (stored with scope "group" and their groups' ids)."""
    party_internal = Q(domain=Domain.PARTY) & effective_audience_q(Audience.PUBLIC)
    for_groups = (effective_audience_q(Audience.SPECIFIC_GROUP)
                  & Q(pk__in=DisclosurePage.audience_groups.through.objects.values("disclosurepage_id"))
                  & (~Q(domain=Domain.PARTY) | effective_scope_q([Scope.PUBLIC, Scope.SPECIFIC])))
    return live_entries().filter(public_q() | party_internal | for_groups)


def search_scope(page: DisclosurePage) -> str:
    """The scope an entry is indexed with: public, or its party scope, or "group" for an audience narrowed
    to named groups (found only by a reader granted one of them: :func:`search_group_ids`)."""
    if page.effective_audience != Audience.PUBLIC:
        return GROUP_SCOPE
    return page.effective_scope


def search_group_ids(page: DisclosurePage) -> list[int]:
    """The groups an entry narrowed to a specific group is indexed with (none for other entries)."""
    if page.effective_audience == Audience.PUBLIC:
        return []
    return sorted(group.pk for group in page.audience_groups.all())


def search_reader(reader: Reader | None):
    """The search layer's reader for these grants: the same units and the same non-public scopes, and
    the same named groups."""
    reader = reader or Reader.anonymous()
    grants = []
    for grant in reader.grants:
        for scope in sorted(grant.scopes):
            if scope != Scope.PUBLIC:
                grants.append(SearchGrant(scope=str(scope), organisation_ids=frozenset(grant.organisation_ids)))
    if reader.group_ids:
        grants.append(SearchGrant(scope=GROUP_SCOPE, group_ids=frozenset(reader.group_ids)))
    return SearchReader(grants=tuple(grants))


# Catalogue rows -----------------------------------------------------------------------------------


def visible_catalogue_items(reader: Reader | None = None) -> QuerySet[CatalogueItemPage]:
    """Live catalogue rows this reader may see.

    Government and village rows are public (the row must be published); a party row of a non-public
    公开范围 is shown only to readers granted that scope for its unit, like its entries.
    """
    condition = ~Q(domain=Domain.PARTY) | Q(scope=Scope.PUBLIC)
    for grant in (reader or Reader.anonymous()).grants:
        condition |= Q(domain=Domain.PARTY, organisation_id__in=list(grant.organisation_ids),
                       scope__in=list(grant.scopes))
    return CatalogueItemPage.objects.live().filter(condition)


def catalogue_item_visible(item, reader: Reader | None = None) -> bool:
    """The rule of :func:`visible_catalogue_items` for one loaded row."""
    if item is None or not item.live:
        return False
    if item.domain != Domain.PARTY or item.scope == Scope.PUBLIC:
        return True
    return any(item.organisation_id in grant.organisation_ids and item.scope in grant.scopes
               for grant in (reader or Reader.anonymous()).grants)


# The public body ----------------------------------------------------------------------------------


class CommaList(Aggregate):
    """The values of a group joined with commas (GROUP_CONCAT / STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG",
                           template="%(function)s(%(expressions)s, ',')", **extra_context)


def _withheld_part_ids():
    parts = (WithheldPart.objects.filter(page_id=OuterRef("pk")).exclude(block_id="").order_by()
             .values("page_id").annotate(ids=CommaList("block_id")).values("ids")[:1])
    return Subquery(parts, output_field=CharField())


def with_withheld_blocks(entries: QuerySet[DisclosurePage]) -> QuerySet[DisclosurePage]:
    """Entries annotated with what :func:`withheld_block_ids_for` needs, so that building their
    public bodies costs no query per entry."""
    return entries.annotate(withheld_part_ids=_withheld_part_ids(),
                            reviewed_withheld_blocks=governing_withheld_blocks())


def _preview_revision(entry) -> int | None:
    return getattr(entry, "preview_revision_id", None)


def withheld_block_ids_for(entries) -> dict[int, frozenset[str]]:
    """Body blocks withheld from the public per entry id: the entry's own withheld parts and the blocks
    withheld by the secrecy review governing the revision shown (the live one, or a preview's).

    A review of an earlier revision still counts for a later one published without review, so that a
    block once withheld stays withheld until a new secrecy review says otherwise (block ids survive
    edits). Entries from :func:`with_withheld_blocks` need no query; others take two for the batch.
    """
    entries = list(entries)
    need_reviews = {entry.pk: _preview_revision(entry) or entry.live_revision_id for entry in entries
                    if _preview_revision(entry) or not hasattr(entry, "reviewed_withheld_blocks")}
    reviews = governing_reviews(need_reviews) if need_reviews else {}
    need_parts = [entry.pk for entry in entries if not _preview_revision(entry)
                  and not hasattr(entry, "withheld_part_ids") and entry.pk]
    parts = defaultdict(set)
    if need_parts:
        for page_id, block_id in WithheldPart.objects.filter(page_id__in=need_parts).values_list("page_id", "block_id"):
            if block_id:
                parts[page_id].add(block_id)
    result = {}
    for entry in entries:
        if _preview_revision(entry):
            own = {part.block_id for part in entry.withheld_parts.all() if part.block_id}
        elif hasattr(entry, "withheld_part_ids"):
            own = set(filter(None, (entry.withheld_part_ids or "").split(",")))
        else:
            own = parts.get(entry.pk, set())
        if entry.pk in need_reviews:
            record = reviews.get(entry.pk)
            by_review = record.withheld_block_ids if record else set()
        else:
            by_review = block_ids(entry.reviewed_withheld_blocks)
        result[entry.pk] = frozenset(own | by_review)
    return result


def withheld_block_ids(entry) -> frozenset[str]:
    return withheld_block_ids_for([entry])[entry.pk]


def load_deferred_bodies(entries) -> None:
    """Fill in the body of entries loaded without it (``defer("body")``) with one query for them all,
    instead of Django's query per entry on first access."""
    missing = {entry.pk: entry for entry in entries if "body" in entry.get_deferred_fields()}
    if missing:
        bodies = dict(DisclosurePage.objects.filter(pk__in=missing).order_by().values_list("pk", "body"))
        for pk, entry in missing.items():
            entry.body = bodies.get(pk)


def public_raw_bodies(entries) -> list[list[dict]]:
    """The raw body blocks of each entry (in order) without the withheld ones; entries whose body was
    deferred get it in one query."""
    entries = list(entries)
    withheld = withheld_block_ids_for(entries)
    load_deferred_bodies(entries)
    return [[block for block in (entry.body.raw_data if entry.body is not None else ())
             if block.get("id") not in withheld[entry.pk]] for entry in entries]


def public_bodies(entries) -> dict[int, list]:
    """The public body (bound blocks) of many entries by id; their chosen documents and images are
    fetched together (``DisclosurePage.bind_bodies``)."""
    entries = list(entries)
    bodies = DisclosurePage.bind_bodies(public_raw_bodies(entries))
    return {entry.pk: body for entry, body in zip(entries, bodies)}


def public_body(entry) -> list:
    return public_bodies([entry])[entry.pk]


# Files --------------------------------------------------------------------------------------------


def public_document_ids(body) -> list[int]:
    """Ids of the documents attached in a public body (the ``attachments`` blocks), in order."""
    ids = []
    for block in body:
        if block.block_type != "attachments":
            continue
        for item in block.value:
            document = item.get("document") if hasattr(item, "get") else None
            if document is not None and document.pk not in ids:
                ids.append(document.pk)
    return ids


def entries_showing_file(obj, reader: Reader | None = None) -> list[int]:
    """Ids of entries this reader sees that show ``obj`` (a document or an image) outside their
    withheld blocks, by Wagtail's reference index (StreamField choosers and rich text of the page row)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    references = ReferenceIndex.get_references_to(obj).filter(
        content_type=ContentType.objects.get_for_model(DisclosurePage))
    paths: dict[int, list[str]] = defaultdict(list)
    for object_id, content_path in references.values_list("object_id", "content_path"):
        if str(object_id).isdigit():
            paths[int(object_id)].append(content_path)
    if not paths:
        return []
    visible = list(with_withheld_blocks(visible_entries(reader).filter(pk__in=list(paths))))
    withheld = withheld_block_ids_for(visible)
    return [entry.pk for entry in visible
            if any(_top_block(path) not in withheld[entry.pk] for path in paths[entry.pk])]


def _top_block(content_path: str) -> str | None:
    """The body block a reference sits in: "body.<block id>.<item id>.document" → "<block id>"."""
    parts = content_path.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "body" else None
