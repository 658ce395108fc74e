"""``search``: full-text search through the search layer (search/), never database text matching.

The search layer applies the reader's grants to hits, facet counts and suggestions; hits are then
loaded through cms.visibility, so an entry the index still holds after it went offline is dropped.
"""

import base64
import binascii

import graphene
from django.utils.translation import gettext as _

from cms.models import CatalogueItemPage, Organisation
from cms.visibility import search_reader

from ..core.context import api_context
from ..core.enums import DisclosureAttributeEnum, DomainEnum, ValidityEnum, value_of
from ..core.errors import BadUserInput, SearchUnavailable, logger
from ..core.limits import page_size
from ..disclosures.dataloaders import VisibleEntryByIdLoader
from ..disclosures.filters import DateRange
from ..organisations.filters import organisation_lookup, parse_id
from .types import SearchFacetName, SearchResults, SearchSort

MAX_QUERY_CHARACTERS = 200


class SearchFilter(graphene.InputObjectType):
    domains = graphene.List(graphene.NonNull(DomainEnum))
    organisation = graphene.ID()
    organisation_code = graphene.String()
    include_subunits = graphene.Boolean(default_value=False)
    catalogue_item = graphene.ID(description="Under this catalogue row (and its sub-rows).")
    published = graphene.Field(DateRange)
    disclosure_attributes = graphene.List(graphene.NonNull(DisclosureAttributeEnum))
    validities = graphene.List(graphene.NonNull(ValidityEnum))


def encode_offset(offset: int) -> str:
    return base64.urlsafe_b64encode(f"search:{offset}".encode()).decode().rstrip("=")


def decode_offset(cursor: str) -> int:
    error = BadUserInput(_("`after` is not a valid search cursor."), argument="after")
    if not isinstance(cursor, str) or len(cursor) > 100:
        raise error
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise error from None
    kind, _sep, number = text.partition(":")
    if kind != "search" or not (number.isascii() and number.isdigit()) or len(number) > 9:
        raise error
    return int(number) + 1


def search_query(text, filter, sort, offset, limit, facets, reader):
    from search.types import SearchQuery

    filter = filter or {}
    fields = {}
    lookup = organisation_lookup(filter.get("organisation"), filter.get("organisation_code"))
    if lookup is not None:
        organisation_id = Organisation.objects.filter(lookup).values_list("pk", flat=True).first()
        fields["organisation_ids"] = (organisation_id or 0,)
        fields["organisation_subtree"] = bool(filter.get("include_subunits"))
    if filter.get("catalogue_item") is not None:
        item_id = parse_id(filter["catalogue_item"], "catalogueItem")
        fields["catalogue_item_id"] = item_id if CatalogueItemPage.objects.filter(pk=item_id).exists() else 0
    published = filter.get("published") or {}
    return SearchQuery(
        text=text,
        domains=tuple(value_of(d) for d in filter.get("domains") or ()),
        published_from=published.get("start"), published_to=published.get("end"),
        disclosure_attributes=tuple(value_of(a) for a in filter.get("disclosure_attributes") or ()),
        validities=tuple(value_of(v) for v in filter.get("validities") or ()),
        sort=value_of(sort), offset=offset, limit=limit,
        facets=tuple(value_of(f) for f in facets or ()),
        reader=search_reader(reader), **fields,
    )


class SearchQueries(graphene.ObjectType):
    search = graphene.Field(
        SearchResults, required=True,
        query=graphene.String(required=True, description="Plain text; no operators (at most 200 characters)."),
        filter=graphene.Argument(SearchFilter),
        sort=graphene.Argument(SearchSort, default_value="relevance"),
        first=graphene.Int(description="Hits per page (default 20, at most 100)."),
        after=graphene.String(description="Cursor of the last hit of the previous page."),
        facets=graphene.List(graphene.NonNull(SearchFacetName),
                             default_value=["domain", "organisation", "catalogue_item", "year"]),
        description="Full-text search of the entries the reader may see, with highlights and facets.",
    )

    @staticmethod
    def resolve_search(root, info, query, filter=None, sort="relevance", first=None, after=None, facets=None):
        from search.backends import get_backend
        from search.types import SearchBackendError, SearchQueryError

        if len(query) > MAX_QUERY_CHARACTERS * 4:
            raise BadUserInput(_("The search text is too long."), argument="query", reason="too_long")
        limit = page_size(first)
        offset = decode_offset(after) if after is not None else 0
        reader = api_context(info).reader
        try:
            prepared = search_query(query, filter, sort, offset, limit, facets, reader)
            results = get_backend().search(prepared)
        except SearchQueryError as error:
            raise BadUserInput(error.message, argument="query", reason=error.code) from None
        except (SearchBackendError, OSError, RuntimeError):
            logger.exception("Search backend failed")
            raise SearchUnavailable(_("Search is unavailable at the moment; please try again later.")) from None
        visible = VisibleEntryByIdLoader.get(info).load_now([hit.id for hit in results.hits])
        hits = [{"title_html": hit.title_html, "snippets": hit.snippets, "score": hit.score,
                 "cursor": encode_offset(offset + index), "entry": visible[hit.id]}
                for index, hit in enumerate(results.hits) if visible.get(hit.id) is not None]
        last = offset + len(results.hits) - 1
        return {
            "total": results.total,
            "hits": hits,
            "facets": [{"name": name, "buckets": [{"facet": name, "key": bucket.key, "count": bucket.count}
                                                  for bucket in buckets]}
                       for name, buckets in results.facets.items()],
            "suggestions": list(results.suggestions),
            "page_info": {
                "has_next_page": last + 1 < results.total,
                "has_previous_page": offset > 0,
                "start_cursor": encode_offset(offset) if results.hits else None,
                "end_cursor": encode_offset(last) if results.hits else None,
            },
        }
