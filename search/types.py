"""The public types of the search layer: what callers (GraphQL, portals, commands) pass and get back.

Every backend takes a :class:`SearchQuery` and returns :class:`SearchResults`; nothing
engine-specific leaks out. A query always carries a :class:`Reader`: without grants a reader
sees public entries only (党务公开条例 §9: anything not 向社会公开 never reaches an anonymous
reader) — in hits, facet counts and suggestions alike.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

DOMAINS = ("party", "government", "village")
# "group": entries narrowed to named groups (特定群体), found only through a grant of one of their groups.
SCOPES = ("public", "all_members", "unit_members", "specific", "group")
DISCLOSURE_ATTRIBUTES = ("proactive", "on_application", "withheld")
VALIDITIES = ("valid", "amended", "repealed", "expired")
FACETS = ("domain", "organisation", "catalogue_item", "year")
SORTS = ("relevance", "date")

MAX_QUERY_LENGTH = 200  # characters, after stripping surrounding whitespace
MAX_QUERY_WORDS = 24  # words after segmentation
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000  # offset + limit; Elasticsearch's default index.max_result_window
MAX_FACET_SIZE = 100
MAX_SUGGESTIONS = 20


class SearchError(Exception):
    """Base class of the search layer's errors."""


class SearchQueryError(SearchError, ValueError):
    """The caller's query is not acceptable; ``code`` is stable, the message is for people.

    Codes: ``empty``, ``too_long``, ``no_words``, ``too_many_words``, ``bad_page``,
    ``bad_filter``, ``bad_sort``, ``bad_facet``.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class SearchBackendError(SearchError):
    """The engine failed (down, timeout, refused the request). Saves never see this error."""


class IndexLocked(SearchBackendError):
    """Another process owns the writer of the embedded index (usually ``search_worker``)."""


class RebuildRequired(SearchBackendError):
    """The index was built with another dictionary or schema: run ``manage.py search_rebuild``."""

    def __init__(self, message: str, *, index_hash: str = "", current_hash: str = ""):
        super().__init__(message)
        self.index_hash = index_hash
        self.current_hash = current_hash


@dataclass(frozen=True)
class Grant:
    """A right to see entries of one non-public scope.

    ``organisation_ids`` None means entries of that scope of every organisation (e.g. 在全党公开
    for any party member); otherwise only entries published by these organisations, or, with
    ``subtree``, by these organisations and every organisation below them. Scope "group" takes
    ``group_ids`` instead: entries naming one of these groups (a group grant always names its groups).
    """

    scope: str
    organisation_ids: frozenset[int] | None = None
    subtree: bool = False
    group_ids: frozenset[int] | None = None

    def __post_init__(self):
        if self.scope not in SCOPES:
            raise SearchQueryError("bad_filter", _("Unknown scope: %(scope)s") % {"scope": self.scope})
        if self.organisation_ids is not None:
            object.__setattr__(self, "organisation_ids", frozenset(int(i) for i in self.organisation_ids))
        if (self.scope == "group") != (self.group_ids is not None):
            raise SearchQueryError("bad_filter", _("Only a grant of scope “group” names groups, and it must."))
        if self.group_ids is not None:
            object.__setattr__(self, "group_ids", frozenset(int(i) for i in self.group_ids))


@dataclass(frozen=True)
class Reader:
    """Who is searching: public entries always, plus what the grants allow (e.g. an API token's)."""

    grants: tuple[Grant, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "grants", tuple(self.grants))

    @property
    def is_public(self) -> bool:
        return not any(grant.scope != "public" for grant in self.grants)


PUBLIC_READER = Reader()


@dataclass(frozen=True)
class SearchQuery:
    """A search as the caller asks for it; validated by :func:`search.query.prepare`.

    ``text`` is plain text: operators and syntax characters of Lucene, tantivy or SQL have no
    meaning. Filters combine with AND; the values inside one filter with OR.
    """

    text: str
    domains: tuple[str, ...] = ()
    organisation_ids: tuple[int, ...] = ()
    organisation_subtree: bool = False
    catalogue_item_id: int | None = None
    catalogue_subtree: bool = True
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    disclosure_attributes: tuple[str, ...] = ()
    validities: tuple[str, ...] = ()
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    facets: tuple[str, ...] = ()
    facet_size: int = 20
    reader: Reader = PUBLIC_READER
    highlight: bool = True
    suggest: bool = True


@dataclass(frozen=True)
class SearchHit:
    """One entry found: ``title_html`` and ``snippets`` are HTML-escaped with ``<em>`` marks."""

    id: int
    score: float
    title_html: str
    snippets: list[str]
    fields: dict[str, Any]


@dataclass(frozen=True)
class FacetBucket:
    key: Any
    count: int

    def __iter__(self):
        return iter((self.key, self.count))


@dataclass(frozen=True)
class SearchResults:
    """The answer of every backend. ``facets`` maps a facet name to buckets, largest first.

    ``suggestions``: when nothing is found, shorter queries (words dropped) that do find entries.
    ``rebuild_required``: the index was built with another dictionary; results may miss entries.
    """

    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    took_ms: float = 0.0
    rebuild_required: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A title offered while the reader types."""

    id: int
    title: str
    url: str


@dataclass(frozen=True)
class IndexMetadata:
    """What an index was built with, and how big it is."""

    name: str
    dictionary_hash: str
    schema_version: str
    created_at: str
    documents: int

    def rebuild_reason(self, current_hash: str, current_schema: str) -> str:
        """Why this index must be rebuilt, or "" when it matches the running code."""
        if self.schema_version != current_schema:
            return str(_("The index schema is %(old)s, the code expects %(new)s.")
                       % {"old": self.schema_version, "new": current_schema})
        if self.dictionary_hash != current_hash:
            return str(_("The index was built with dictionary %(old)s, the code uses %(new)s.")
                       % {"old": self.dictionary_hash, "new": current_hash})
        return ""


@dataclass(frozen=True)
class Health:
    """The state of a backend as ``search_status`` and monitoring show it."""

    ok: bool
    backend: str
    detail: str
    metadata: IndexMetadata | None = None
    rebuild_required: bool = False
