"""The contract every search backend fulfils, and the engine-neutral steps they share.

A backend translates a :class:`~search.query.PreparedQuery` into its engine's query, filters
and aggregations (:meth:`SearchBackend._execute`) and stores the analysed documents; this base
class validates queries, applies the reader's visibility through the backend, builds
highlights and suggestions, and checks that the index matches the running dictionary.

Rebuilds go to a new index (``begin_rebuild`` → ``index_documents(target=...)`` →
``finish_rebuild``) which replaces the live one in one step, so searches never see a half-built
index.
"""

import dataclasses
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .. import analysis, highlight
from ..query import Clause, PreparedQuery, clauses_for, prepare, validate_text
from ..schema import SCHEMA_VERSION, fields_from_source, indexed_form
from ..types import (
    MAX_SUGGESTIONS, PUBLIC_READER, FacetBucket, Health, IndexMetadata, Reader, RebuildRequired, SearchBackendError,
    SearchHit, SearchQuery, SearchQueryError, SearchResults, Suggestion,
)

# Where a phrase is found decides first: title > summary (with keywords, document number) > body >
# attachments. Each field where the phrase as typed occurs adds its constant; the BM25 of the
# phrase's words in the texts (``text_words``) × WORDS_BM25, well below the gap between two fields,
# orders entries within the same fields (term lookups: far cheaper than scoring the phrases).
FIELD_SCORES = (("title_grams", 1000.0), ("summary_grams", 100.0), ("body_grams", 10.0), ("attachments_grams", 1.0))
WORDS_BM25 = 0.001
# A dictionary word is found by its word tokens (exact, no positions read): title_words for the
# title, text_words for summary, body and attachments together (one constant, TEXT_SCORE, plus the
# summary's when it is there), so body and attachments rank alike for such words.
TEXT_SCORE = 10.0
# A synonym (not what was typed) adds this fraction of its field's constant: below any entry with
# the phrase as typed.
SYNONYM_SCORE = 0.0005
# Proximity, for a query of several parts, in the body: two consecutive parts written side by side as
# typed (the exact phrase of both, PreparedQuery.adjacent_phrases) gain ADJACENT_FRACTION of the body's
# constant; where one part ends within ``slop`` positions of where the next begins (a sloppy phrase of the
# two grams at the seam, PreparedQuery.proximity_pairs; a unit between two parts costs one, parts in the
# other order two more) they gain ``fraction`` for each tier of PROXIMITY_TIERS they meet. Side by side >
# near > far apart. At most five seams × 0.7 of the body's constant stay below the summary's constant, so
# the fields decide first and nearness orders entries with the parts in the same fields. The tiers
# re-score the first RESCORE_WINDOW hits of that ranking (Elasticsearch's rescore, the same window in
# both engines): checking positions in a window costs a fraction of a millisecond, while a sloppy phrase
# over every hit costs a pass over every entry holding both grams (docs/search.md «Proximity»). They
# never make an entry match; a page beyond the window keeps the fields' order.
ADJACENT_FRACTION = 0.5
PROXIMITY_TIERS = ((15, 0.2),)
PROXIMITY_FIELDS = (("body_grams", 10.0),)
RESCORE_WINDOW = 100
SUGGEST_CANDIDATES = 50
# How long a backend trusts its last look at the index metadata (seconds).
METADATA_TTL = 5.0


@dataclass
class RawHit:
    """A hit as an engine returns it: id, score and the stored source."""

    id: int
    score: float
    source: dict


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple]] = field(default_factory=dict)


@dataclass(frozen=True)
class RebuildTarget:
    """A new index being built: its name, when the build began, and the last id already written."""

    name: str
    started_at: str
    last_id: int = 0
    resumed: bool = False


class SearchBackend(ABC):
    """Abstract search backend. Subclasses: ``TantivySearchBackend``, ``ElasticsearchSearchBackend``."""

    name = "base"

    def __init__(self):
        self._metadata_checked_at = 0.0
        self._rebuild_reason = ""
        self._schema_outdated = False

    # --- writing -----------------------------------------------------------------------------

    def index_documents(self, documents: Iterable[dict], *, target: str | None = None) -> int:
        """Add or replace documents (by id); ``target`` names a rebuild's index, else the live one.

        Raises :class:`RebuildRequired` when the live index was built with another dictionary.
        """
        return self.index_forms([indexed_form(doc) for doc in documents], target=target)

    def index_forms(self, forms: list[dict], *, target: str | None = None) -> int:
        """Add or replace documents already analysed (:func:`search.schema.indexed_form`)."""
        if target is None:
            self.check_writable()
        if not forms:
            return 0
        return self._write(forms, target)

    def delete_documents(self, ids: Iterable[int], *, target: str | None = None) -> int:
        """Remove documents by id (ids not in the index are ignored)."""
        ids = sorted({int(i) for i in ids})
        if not ids:
            return 0
        return self._delete(ids, target)

    def check_writable(self):
        """Raise :class:`RebuildRequired` if the live index does not match the running analysis."""
        reason = self.rebuild_reason(force=True)
        if reason:
            raise RebuildRequired(reason, index_hash=self._index_hash(), current_hash=analysis.dictionary_hash())

    def rebuild_reason(self, force: bool = False) -> str:
        """Why the live index must be rebuilt ("" when it is fine); cached for a few seconds."""
        now = time.monotonic()
        if force or now - self._metadata_checked_at > METADATA_TTL:
            meta = self.metadata()
            self._rebuild_reason = meta.rebuild_reason(analysis.dictionary_hash(), SCHEMA_VERSION) if meta else ""
            self._schema_outdated = bool(meta) and meta.schema_version != SCHEMA_VERSION
            self._metadata_checked_at = now
        return self._rebuild_reason

    def check_searchable(self):
        """Raise :class:`SearchBackendError` while the live index has another schema (its fields are not
        the ones queries name: tantivy would panic, Elasticsearch would find nothing) until it is rebuilt.
        An index of another dictionary stays searchable (phrases do not depend on the dictionary)."""
        self.rebuild_reason()
        if self._schema_outdated:
            raise SearchBackendError(str(_("The search index is being rebuilt for a new version; "
                                           "search is unavailable until it is done.")))

    def _index_hash(self) -> str:
        meta = self.metadata()
        return meta.dictionary_hash if meta else ""

    @abstractmethod
    def _write(self, forms: list[dict], target: str | None) -> int:
        """Store analysed documents (replacing any with the same id); return how many."""

    @abstractmethod
    def _delete(self, ids: list[int], target: str | None) -> int:
        """Remove documents by id."""

    @abstractmethod
    def ensure_index(self) -> None:
        """Create an empty live index if there is none (first start)."""

    @abstractmethod
    def begin_rebuild(self, *, resume: bool = True) -> RebuildTarget:
        """Start building a new index beside the live one, or resume an unfinished build."""

    @abstractmethod
    def mark_progress(self, target: str, last_id: int) -> None:
        """Make the documents written to ``target`` durable and remember the last id written."""

    @abstractmethod
    def finish_rebuild(self, target: str) -> None:
        """Make ``target`` the live index in one step and drop the old one."""

    @abstractmethod
    def refresh(self) -> None:
        """Make everything written so far visible to searches (tests, commands)."""

    # --- reading -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query for its reader; raises :class:`SearchQueryError` for bad input."""
        started = time.perf_counter()
        stale = bool(self.rebuild_reason())
        # An index of another dictionary may lack word tokens: phrases are then found through grams only.
        prepared = prepare(query, dictionary_words=not stale)
        self.check_searchable()
        raw = self._execute(prepared)
        hits = [self._hit(raw_hit, prepared) for raw_hit in raw.hits]
        facets = {name: [FacetBucket(key, count) for key, count in buckets] for name, buckets in raw.facets.items()}
        suggestions = self._suggestions(prepared) if raw.total == 0 and query.suggest else []
        return SearchResults(
            total=raw.total, hits=hits, facets=facets, suggestions=suggestions,
            took_ms=(time.perf_counter() - started) * 1000, rebuild_required=stale,
        )

    def count(self, reader: Reader = PUBLIC_READER) -> int:
        """How many documents the reader may see (all scopes with a reader granted everything)."""
        return self._count_visible(reader)

    def suggest(self, text: str, reader: Reader = PUBLIC_READER, limit: int = 10) -> list[Suggestion]:
        """Titles containing what the reader has typed so far, those starting with it first."""
        try:
            text = validate_text(text)
        except SearchQueryError:
            return []
        clauses = clauses_for(text)
        if not clauses:
            return []
        self.check_searchable()
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        typed = [clause.label for clause in clauses]
        candidates = self._title_candidates(clauses, reader, SUGGEST_CANDIDATES)
        ranked = []
        for order, (doc_id, title, url) in enumerate(candidates):
            norm = analysis.normalise(title)
            if all(term in norm for term in typed):
                ranked.append((not norm.startswith(typed[0]), len(title), order, Suggestion(doc_id, title, url)))
        ranked.sort(key=lambda row: row[:3])
        return [row[3] for row in ranked[:limit]]

    def _hit(self, raw: RawHit, prepared: PreparedQuery) -> SearchHit:
        source = raw.source
        terms = prepared.highlight_terms
        if prepared.query.highlight:
            title_html = highlight.highlight_title(source.get("title") or "", terms)
            texts = [source.get("body"), source.get("attachments"), source.get("summary")]
            snippet_list = highlight.snippets(texts, terms)
        else:
            title_html = highlight.mark(source.get("title") or "", [])
            snippet_list = []
        return SearchHit(id=raw.id, score=raw.score, title_html=title_html, snippets=snippet_list,
                         fields=fields_from_source(source))

    def _suggestions(self, prepared: PreparedQuery) -> list[str]:
        """When nothing is found: the query without its words that find nothing, if that finds something.

        Words are judged by :meth:`_estimate` (cheap, may ignore filters); a suggestion is offered
        only after an exact count with the reader's visibility and filters finds entries.
        """
        if len(prepared.clauses) < 2:
            return []
        estimates = [(self._estimate(prepared, clause), clause) for clause in prepared.clauses]
        useful = tuple(clause for estimate, clause in estimates if estimate)
        if useful and len(useful) < len(prepared.clauses) and self._count(self._narrow(prepared, useful)):
            return [" ".join(clause.label for clause in useful)]
        likely = sorted((row for row in estimates if row[0]), key=lambda row: -row[0])[:2]
        return [clause.label for _estimate, clause in likely if self._count(self._narrow(prepared, (clause,)))]

    def _estimate(self, prepared: PreparedQuery, clause: Clause) -> int:
        """About how many entries one clause finds (0 only if it finds none); exact by default."""
        return self._count(self._narrow(prepared, (clause,)))

    @staticmethod
    def _narrow(prepared: PreparedQuery, clauses: tuple[Clause, ...]) -> PreparedQuery:
        return dataclasses.replace(prepared, clauses=clauses)

    @abstractmethod
    def _execute(self, prepared: PreparedQuery) -> RawResults:
        """Run the query with filters, visibility, sort, paging and the facets asked for."""

    @abstractmethod
    def _count(self, prepared: PreparedQuery) -> int:
        """How many documents the prepared query finds (same filters and visibility)."""

    @abstractmethod
    def _count_visible(self, reader: Reader) -> int:
        """How many documents the reader may see, whatever their text."""

    @abstractmethod
    def _title_candidates(self, clauses: tuple[Clause, ...], reader: Reader, size: int) -> list[tuple[int, str, str]]:
        """(id, title, url) of visible documents whose title matches every clause."""

    # --- administration ----------------------------------------------------------------------

    def get_documents(self, ids: list[int]) -> dict[int, dict]:
        """Hit fields (see :data:`search.schema.STORED_FIELDS`) of the documents with these ids."""
        return {doc_id: fields_from_source(source) for doc_id, source in self.get_sources(ids).items()}

    @abstractmethod
    def get_sources(self, ids: list[int]) -> dict[int, dict]:
        """The stored source of the documents with these ids, texts included (:func:`search.schema.source_of`)."""

    @abstractmethod
    def document_ids(self) -> set[int]:
        """Every id in the live index (for consistency checks)."""

    @abstractmethod
    def metadata(self) -> IndexMetadata | None:
        """What the live index was built with; None when there is no index yet."""

    @abstractmethod
    def health(self) -> Health:
        """Whether the engine answers and the index is usable."""

    def release_writers(self) -> None:
        """Let other processes write (the embedded index has one writer at a time)."""

    def close(self) -> None:
        """Release files, writers and connections."""
