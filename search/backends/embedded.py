"""The embedded backend: tantivy on disk under ``SEARCH_INDEX_DIR``, no server (the default).

Layout of the index directory::

    CURRENT                 name of the live generation (replaced atomically)
    gen-20260301T101500-ab12/   a tantivy index + search-meta.json (hash, schema, state)

A rebuild writes a new generation and then points ``CURRENT`` at it; searches keep using the
old one until then. Tantivy allows one writer per index: the process that writes the live
generation (``manage.py search_worker``) owns it; other processes that try get
:class:`~search.types.IndexLocked` and leave the work queued. Readers reload at most every
``reload_interval`` seconds, so a commit is searchable everywhere well within 2 s.
"""

import datetime
import fcntl
import json
import os
import secrets
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.utils.translation import gettext as _

from .. import analysis
from ..query import Clause, Phrase, PreparedQuery, rule_field, visibility_rules
from ..schema import GRAM_FIELDS, ID_LIST_FIELDS, SCHEMA_VERSION, SHINGLE_FIELDS, source_of
from ..types import SCOPES, Health, IndexLocked, IndexMetadata, Reader, SearchBackendError
from .base import (
    ADJACENT_FRACTION, FIELD_SCORES, PROXIMITY_FIELDS, PROXIMITY_TIERS, RESCORE_WINDOW, SYNONYM_SCORE, TEXT_SCORE,
    WORDS_BM25, RawHit, RawResults, RebuildTarget, SearchBackend,
)

Occur = tantivy.Occur
META_FILE = "search-meta.json"
CURRENT_FILE = "CURRENT"
FACET_FIELDS = {"domain": "domain", "organisation": "organisation_id", "catalogue_item": "catalogue_item_id",
                "year": "year"}


def build_schema() -> tantivy.Schema:
    """The tantivy schema: analysed token fields, filter fields and the stored source."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for field in ("title_words", "text_words"):
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="freq")
    for field in GRAM_FIELDS:
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="position")
    for field in SHINGLE_FIELDS.values():  # only ever matched, never scored: no frequencies
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="basic")
    for field in ("domain", "scope", "disclosure_attribute", "validity"):
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic", fast=True)
    for field in ("document_number", "index_number"):
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic")
    for field in ("organisation_id", "catalogue_item_id", "year"):
        builder.add_integer_field(field, indexed=True, fast=True)
    for field in ID_LIST_FIELDS:
        builder.add_integer_field(field, indexed=True)
    builder.add_date_field("published_on", indexed=True, fast=True)
    builder.add_date_field("expires_at", indexed=True, fast=True)
    builder.add_bytes_field("source", stored=True, indexed=False)
    return builder.build()


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def _tantivy_document(form: dict) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_integer("id", form["id"])
    for name in ("title_words", "text_words") + GRAM_FIELDS + tuple(SHINGLE_FIELDS.values()):
        doc.add_text(name, form[name])
    for name in ("domain", "scope", "disclosure_attribute", "validity"):
        doc.add_text(name, form[name])
    for name in ("document_number", "index_number"):
        if form[name]:
            doc.add_text(name, form[name])
    for name in ("organisation_id", "catalogue_item_id", "year"):
        doc.add_integer(name, form[name])
    for name in ID_LIST_FIELDS:
        for value in form[name]:
            doc.add_integer(name, value)
    doc.add_date("published_on", _as_datetime(form["published_on"]))
    if form.get("expires_at"):
        doc.add_date("expires_at", form["expires_at"])
    doc.add_bytes("source", json.dumps(source_of(form), ensure_ascii=False).encode("utf-8"))
    return doc


class TantivySearchBackend(SearchBackend):
    """Tantivy index on disk, one generation live at a time (see module docstring)."""

    name = "embedded"

    def __init__(self, path: str | Path, *, writer_heap: int = 64_000_000, rebuild_heap: int = 256_000_000,
                 reload_interval: float = 0.2):
        super().__init__()
        self.path = Path(path)
        self.writer_heap = writer_heap
        self.rebuild_heap = rebuild_heap
        self.reload_interval = reload_interval
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._reader: tuple[str, tantivy.Index] | None = None
        self._reader_checked = 0.0
        self._writers: dict[str, tuple[tantivy.Index, tantivy.IndexWriter]] = {}

    # --- generations -------------------------------------------------------------------------

    @contextmanager
    def _directory_lock(self):
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / ".lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def current_name(self) -> str | None:
        """The live generation's directory name, or None before the first index exists."""
        try:
            return (self.path / CURRENT_FILE).read_text().strip() or None
        except FileNotFoundError:
            return None

    def _set_current(self, name: str):
        tmp = self.path / f".{CURRENT_FILE}.{secrets.token_hex(4)}"
        tmp.write_text(name)
        os.replace(tmp, self.path / CURRENT_FILE)

    def _read_meta(self, name: str) -> dict:
        try:
            return json.loads((self.path / name / META_FILE).read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def _write_meta(self, name: str, meta: dict):
        tmp = self.path / name / f".{META_FILE}.tmp"
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
        os.replace(tmp, self.path / name / META_FILE)

    def _create_generation(self, state: str) -> str:
        now = datetime.datetime.now(datetime.timezone.utc)
        name = f"gen-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"
        (self.path / name).mkdir(parents=True)
        tantivy.Index(self.schema, path=str(self.path / name), reuse=False)
        self._write_meta(name, {
            "name": name, "dictionary_hash": analysis.dictionary_hash(), "schema_version": SCHEMA_VERSION,
            "created_at": now.isoformat(timespec="seconds"), "state": state, "last_id": 0,
        })
        return name

    def _generations(self) -> list[str]:
        if not self.path.exists():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.is_dir() and p.name.startswith("gen-"))

    def ensure_index(self) -> None:
        with self._directory_lock():
            if self.current_name() is None:
                self._set_current(self._create_generation("live"))

    def _prune(self, keep: set[str]):
        for name in self._generations():
            if name not in keep and self._read_meta(name).get("state") != "building":
                self._release_writer(name)
                shutil.rmtree(self.path / name, ignore_errors=True)

    # --- writers -----------------------------------------------------------------------------

    def _writer(self, name: str) -> tantivy.IndexWriter:
        with self._lock:
            if name not in self._writers:
                index = tantivy.Index.open(str(self.path / name))
                heap = self.writer_heap if name == self.current_name() else self.rebuild_heap
                try:
                    writer = index.writer(heap_size=heap, num_threads=1 if heap == self.writer_heap else 0)
                except ValueError as exc:
                    raise IndexLocked(f"the search index {name} is being written by another process: {exc}") from exc
                self._writers[name] = (index, writer)
            return self._writers[name][1]

    def _release_writer(self, name: str):
        with self._lock:
            entry = self._writers.pop(name, None)
        if entry is not None:
            entry[1].wait_merging_threads()

    def _live_target(self, target: str | None) -> str:
        if target is not None:
            return target
        self.ensure_index()
        name = self.current_name()
        for stale in [n for n in self._writers if n != name and self._read_meta(n).get("state") != "building"]:
            self._release_writer(stale)
        return name

    def _apply(self, target: str | None, operation) -> int:
        name = self._live_target(target)
        with self._lock:
            writer = self._writer(name)
            try:
                count = operation(writer)
                if target is None:
                    writer.commit()
                    self._reader_checked = 0.0
            except IndexLocked:
                raise
            except Exception as exc:
                writer.rollback()
                raise SearchBackendError(f"tantivy write failed: {exc}") from exc
        return count

    def _delete_query(self, ids: list[int]) -> tantivy.Query:
        return tantivy.Query.term_set_query(self.schema, "id", ids)

    def _write(self, forms: list[dict], target: str | None) -> int:
        def operation(writer):
            writer.delete_documents_by_query(self._delete_query([form["id"] for form in forms]))
            for form in forms:
                writer.add_document(_tantivy_document(form))
            return len(forms)

        return self._apply(target, operation)

    def _delete(self, ids: list[int], target: str | None) -> int:
        def operation(writer):
            writer.delete_documents_by_query(self._delete_query(ids))
            return len(ids)

        return self._apply(target, operation)

    # --- rebuilds ----------------------------------------------------------------------------

    def begin_rebuild(self, *, resume: bool = True) -> RebuildTarget:
        with self._directory_lock():
            for name in self._generations():
                meta = self._read_meta(name)
                if meta.get("state") != "building":
                    continue
                if resume and meta.get("dictionary_hash") == analysis.dictionary_hash() \
                        and meta.get("schema_version") == SCHEMA_VERSION:
                    return RebuildTarget(name, meta["created_at"], int(meta.get("last_id", 0)), resumed=True)
                shutil.rmtree(self.path / name, ignore_errors=True)
            name = self._create_generation("building")
            return RebuildTarget(name, self._read_meta(name)["created_at"])

    def mark_progress(self, target: str, last_id: int) -> None:
        with self._lock:
            self._writer(target).commit()
        meta = self._read_meta(target)
        meta["last_id"] = last_id
        self._write_meta(target, meta)

    def finish_rebuild(self, target: str) -> None:
        with self._lock:
            writer = self._writer(target)
            writer.commit()
            self._release_writer(target)
        with self._directory_lock():
            meta = self._read_meta(target)
            meta["state"] = "live"
            self._write_meta(target, meta)
            previous = self.current_name()
            self._set_current(target)
            self._prune(keep={target, previous} - {None})
        self._reader_checked = 0.0
        self._metadata_checked_at = 0.0

    def refresh(self) -> None:
        self._reader_checked = 0.0

    # --- reading -----------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        now = time.monotonic()
        with self._lock:
            if self._reader is None or now - self._reader_checked >= self.reload_interval:
                name = self.current_name()
                if name is None:
                    self.ensure_index()
                    name = self.current_name()
                if self._reader is None or self._reader[0] != name:
                    self._reader = (name, tantivy.Index.open(str(self.path / name)))
                else:
                    self._reader[1].reload()
                self._reader_checked = now
            return self._reader[1].searcher()

    def _phrase_query(self, field: str, phrase: Phrase) -> tantivy.Query:
        """A phrase in one grams field: one unit as a gram starting with it, three or four units as the
        shingle beside the field, any other length as the phrase of its pairs."""
        if phrase.shingle is not None:
            return tantivy.Query.term_query(self.schema, SHINGLE_FIELDS[field], phrase.shingle)
        unit = phrase.single
        if unit is not None:
            pattern = f"{unit}[^0-9a-z]?" if phrase.ascii_run else f"\\x{{{ord(unit):x}}}.*"
            return tantivy.Query.regex_query(self.schema, field, pattern)
        grams = phrase.grams
        if len(grams) == 1:
            return tantivy.Query.term_query(self.schema, field, grams[0])
        return tantivy.Query.phrase_query(self.schema, field, list(grams))

    def _tiers(self, phrase: Phrase) -> list[tuple[tantivy.Query, float]]:
        """Where a phrase is found, each with its constant: the grams fields, or for a dictionary word
        its word tokens in the title and the texts (term lookups) and the summary's grams."""
        if phrase.dictionary_word:
            term = tantivy.Query.term_query
            return [(term(self.schema, "title_words", phrase.text), FIELD_SCORES[0][1]),
                    (self._phrase_query("summary_grams", phrase), FIELD_SCORES[1][1]),
                    (term(self.schema, "text_words", phrase.text), TEXT_SCORE)]
        return [(self._phrase_query(field, phrase), score) for field, score in FIELD_SCORES]

    def _clause_query(self, clause: Clause) -> tantivy.Query:
        """The phrase as typed (the constant of each field it is in), or a synonym (far below); the
        BM25 of the typed phrase's words adds a little (optional: it never makes an entry match)."""
        tiers = [tantivy.Query.const_score_query(q, score) for q, score in self._tiers(clause.typed)]
        for synonym in clause.synonyms:
            tiers += [tantivy.Query.const_score_query(q, score * SYNONYM_SCORE) for q, score in self._tiers(synonym)]
        parts = [(Occur.Must, tantivy.Query.boolean_query([(Occur.Should, q) for q in tiers]))]
        parts += [(Occur.Should, tantivy.Query.boost_query(
            tantivy.Query.term_query(self.schema, "text_words", word), WORDS_BM25)) for word in clause.typed.words]
        return tantivy.Query.boolean_query(parts)

    def _proximity_tiers(self, prepared: PreparedQuery) -> list[tuple[tantivy.Query, float]]:
        """The tiers for the parts found side by side, then near one another, in one field, each with
        its constant (base.ADJACENT_FRACTION, base.PROXIMITY_TIERS); empty for a query of one part."""
        phrase = tantivy.Query.phrase_query
        adjacent = [(phrase(self.schema, field, list(grams)), score * ADJACENT_FRACTION)
                    for grams in prepared.adjacent_phrases if ADJACENT_FRACTION and len(grams) > 1
                    for field, score in PROXIMITY_FIELDS]
        return adjacent + [(phrase(self.schema, field, list(pair), slop=slop), score * fraction)
                           for pair in prepared.proximity_pairs
                           for field, score in PROXIMITY_FIELDS for slop, fraction in PROXIMITY_TIERS]

    def _match_clause(self, clause: Clause) -> tantivy.Query:
        """The same entries as :meth:`_clause_query`, unscored (facets and counts)."""
        should = []
        for phrase in clause.alternatives:
            if phrase.dictionary_word:
                should += [tantivy.Query.term_query(self.schema, field, phrase.text)
                           for field in ("title_words", "text_words")]
            else:
                should += [self._phrase_query(field, phrase) for field, _score in FIELD_SCORES]
        return tantivy.Query.boolean_query([(Occur.Should, q) for q in should])

    def _hidden_query(self, reader: Reader) -> tantivy.Query:
        """What the reader may not see: entries past their expiry (at this moment, cms.visibility), and
        non-public scopes minus the grants.

        Excluding the few hidden entries is cheaper than intersecting with the many visible ones;
        every document has exactly one scope of SCOPES (schema.clean_document), so both agree.
        """
        rules = visibility_rules(reader)
        hidden = [tantivy.Query.range_query(self.schema, "expires_at", tantivy.FieldType.Date,
                                            tantivy.MIN_DATETIME, datetime.datetime.now(datetime.timezone.utc))]
        for scope in SCOPES:
            if scope == "public" or any(r[0] == scope and r[1] is None for r in rules):
                continue
            scope_query = tantivy.Query.term_query(self.schema, "scope", scope)
            granted = []
            for _scope, organisation_ids, subtree in (r for r in rules if r[0] == scope):
                field = rule_field(scope, subtree)
                granted.append(tantivy.Query.term_set_query(self.schema, field, sorted(organisation_ids)))
            if granted:
                scope_query = tantivy.Query.boolean_query(
                    [(Occur.Must, scope_query)] + [(Occur.MustNot, q) for q in granted])
            hidden.append(scope_query)
        return tantivy.Query.boolean_query([(Occur.Should, q) for q in hidden])

    def _visible(self, parts: list[tuple], reader: Reader) -> tantivy.Query:
        """``parts`` (scored clauses) restricted to what the reader may see."""
        return tantivy.Query.boolean_query(parts + [(Occur.MustNot, self._hidden_query(reader))])

    def _filter_queries(self, prepared: PreparedQuery) -> list[tantivy.Query]:
        query = prepared.query
        schema = self.schema
        filters = []
        for field, values in (("domain", query.domains), ("disclosure_attribute", query.disclosure_attributes),
                              ("validity", query.validities)):
            if values:
                filters.append(tantivy.Query.term_set_query(schema, field, list(values)))
        if query.organisation_ids:
            field = "organisation_ids" if query.organisation_subtree else "organisation_id"
            filters.append(tantivy.Query.term_set_query(schema, field, list(query.organisation_ids)))
        if query.catalogue_item_id is not None:
            field = "catalogue_item_ids" if query.catalogue_subtree else "catalogue_item_id"
            filters.append(tantivy.Query.term_query(schema, field, query.catalogue_item_id))
        if query.published_from or query.published_to:
            filters.append(tantivy.Query.range_query(
                schema, "published_on", tantivy.FieldType.Date,
                _as_datetime(query.published_from) if query.published_from else tantivy.MIN_DATETIME,
                _as_datetime(query.published_to) if query.published_to else tantivy.MAX_DATETIME,
            ))
        return filters

    def _query(self, prepared: PreparedQuery, scored: bool = True) -> tantivy.Query:
        """The whole query; ``scored=False`` matches the same entries without ranking them (cheaper)."""
        clause_query = self._clause_query if scored else self._match_clause
        parts = [(Occur.Must, clause_query(clause)) for clause in prepared.clauses]
        filters = self._filter_queries(prepared)
        if filters:
            parts.append((Occur.Must, tantivy.Query.const_score_query(
                tantivy.Query.boolean_query([(Occur.Must, f) for f in filters]), 0.0)))
        return self._visible(parts, prepared.query.reader)

    def _execute(self, prepared: PreparedQuery) -> RawResults:
        query = prepared.query
        searcher = self._searcher()
        ranked = query.sort == "relevance"
        # Sorted by date, nothing is scored: the unscored query matches the same entries, cheaper.
        tq = self._query(prepared, scored=ranked)
        matched = self._query(prepared, scored=False) if ranked else tq
        # Facets are a second pass over the matching documents (unscored); tantivy releases the GIL, so
        # it runs on another core while this thread collects the top hits and reads their documents.
        facets = (_facet_executor().submit(self._facets, searcher, matched, query.facets, query.facet_size)
                  if query.facets else None)
        tiers = self._proximity_tiers(prepared) if ranked else []
        if not ranked:
            result = searcher.search(tq, query.limit, count=True, order_by_field="published_on",
                                     offset=query.offset, order=tantivy.Order.Desc)
            found = [(0.0, address) for _date, address in result.hits]
        elif tiers:
            result = searcher.search(tq, max(RESCORE_WINDOW, query.offset + query.limit), count=True)
            found = self._rescore(searcher, result.hits, tiers)[query.offset:query.offset + query.limit]
        else:
            result = searcher.search(tq, query.limit, count=True, offset=query.offset)
            found = result.hits
        hits = []
        for score, address in found:
            source = json.loads(searcher.doc(address).get_first("source"))
            hits.append(RawHit(id=int(source["id"]), score=float(score), source=source))
        return RawResults(total=result.count, hits=hits, facets=facets.result() if facets else {})

    def _rescore(self, searcher, hits: list, tiers: list[tuple[tantivy.Query, float]]) -> list:
        """``hits`` (score, address) best first, the first RESCORE_WINDOW of them re-scored by ``tiers``.

        Each tier is checked on the window's entries only: an intersection of the window (its ids) and
        the tier, which tantivy leads with the window and answers with one position check per entry. As
        an optional clause of the whole query, a sloppy phrase is evaluated on every entry holding its
        grams (docs/search.md «Proximity»). A hit beyond the window keeps its score and place.
        """
        window = hits[:RESCORE_WINDOW]
        if not window:
            return hits
        ids = searcher.fast_field_values("id", [address for _score, address in window])
        within = tantivy.Query.const_score_query(tantivy.Query.boolean_query(
            [(Occur.Should, tantivy.Query.term_query(self.schema, "id", i)) for i in ids]), 0.0)
        bonus = dict.fromkeys(((a.segment_ord, a.doc) for _score, a in window), 0.0)
        for tier, score in tiers:
            both = tantivy.Query.boolean_query([(Occur.Must, within), (Occur.Must, tier)])
            for _score, address in searcher.search(both, len(window), count=False).hits:
                bonus[address.segment_ord, address.doc] += score
        rescored = [(score + bonus[address.segment_ord, address.doc], address) for score, address in window]
        rescored.sort(key=lambda hit: -hit[0])  # stable: equal scores keep the engine's order
        return rescored + hits[RESCORE_WINDOW:]

    @staticmethod
    def _facets(searcher, tq, names, size) -> dict[str, list[tuple]]:
        request = {name: {"terms": {"field": FACET_FIELDS[name], "size": size}} for name in names}
        answer = searcher.aggregate(tq, request)
        facets = {}
        for name in names:
            buckets = answer.get(name, {}).get("buckets", [])
            facets[name] = [(_facet_key(name, b["key"]), int(b["doc_count"])) for b in buckets]
        return facets

    def _estimate(self, prepared: PreparedQuery, clause: Clause) -> int:
        """An upper bound from document frequencies, ignoring filters (0 means the clause finds nothing)."""
        searcher = self._searcher()

        def frequency(phrase: Phrase) -> int:
            if phrase.dictionary_word:
                return sum(searcher.doc_freq(field, phrase.text) for field in ("title_words", "text_words"))
            if phrase.single is not None:
                return 1  # unknown without enumerating terms; the exact count decides
            if phrase.shingle is not None:
                return sum(searcher.doc_freq(SHINGLE_FIELDS[field], phrase.shingle) for field in GRAM_FIELDS)
            return min(sum(searcher.doc_freq(field, gram) for field in GRAM_FIELDS) for gram in phrase.grams)

        return max(frequency(phrase) for phrase in clause.alternatives)

    def _count(self, prepared: PreparedQuery) -> int:
        # Without scores: counting does not need BM25 (about a quarter faster on broad queries).
        query = tantivy.Query.const_score_query(self._query(prepared, scored=False), 1.0)
        return self._searcher().search(query, 1, count=True).count

    def _count_visible(self, reader: Reader) -> int:
        query = self._visible([(Occur.Must, tantivy.Query.all_query())], reader)
        return self._searcher().search(query, 1, count=True).count

    def _title_candidates(self, clauses, reader, size):
        typed = [(Occur.Must, self._phrase_query("title_grams", clause.typed)) for clause in clauses]
        query = self._visible(typed, reader)
        searcher = self._searcher()
        candidates = []
        for _score, address in searcher.search(query, size, count=False).hits:
            source = json.loads(searcher.doc(address).get_first("source"))
            candidates.append((int(source["id"]), source.get("title") or "", source.get("url") or ""))
        return candidates

    # --- administration ----------------------------------------------------------------------

    def get_sources(self, ids: list[int]) -> dict[int, dict]:
        ids = sorted({int(i) for i in ids})
        if not ids:
            return {}
        searcher = self._searcher()
        hits = searcher.search(self._delete_query(ids), len(ids), count=False).hits
        sources = (json.loads(searcher.doc(address).get_first("source")) for _score, address in hits)
        return {int(source["id"]): source for source in sources}

    def document_ids(self) -> set[int]:
        searcher = self._searcher()
        total = searcher.num_docs
        if not total:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), total, count=False).hits
        values = searcher.fast_field_values("id", [address for _score, address in hits])
        return {int(v) for v in values if v is not None}

    def metadata(self) -> IndexMetadata | None:
        name = self.current_name()
        if name is None:
            return None
        meta = self._read_meta(name)
        try:
            documents = self._searcher().num_docs
        except ValueError:
            documents = 0
        return IndexMetadata(name=name, dictionary_hash=meta.get("dictionary_hash", ""),
                             schema_version=meta.get("schema_version", ""), created_at=meta.get("created_at", ""),
                             documents=documents)

    def size_bytes(self) -> int:
        """Disk space of the live generation."""
        name = self.current_name()
        if name is None:
            return 0
        return sum(p.stat().st_size for p in (self.path / name).rglob("*") if p.is_file())

    def health(self) -> Health:
        try:
            meta = self.metadata()
        except (OSError, ValueError) as exc:
            return Health(ok=False, backend=self.name, detail=str(exc))
        if meta is None:
            return Health(ok=True, backend=self.name, detail=_("no index yet in %(path)s") % {"path": self.path})
        reason = meta.rebuild_reason(analysis.dictionary_hash(), SCHEMA_VERSION)
        detail = reason or _("%(count)d documents in %(name)s") % {"count": meta.documents, "name": meta.name}
        return Health(ok=not reason, backend=self.name, detail=detail,
                      metadata=meta, rebuild_required=bool(reason))

    def release_writers(self) -> None:
        for name in list(self._writers):
            self._release_writer(name)

    def close(self) -> None:
        self.release_writers()
        self._reader = None


_facet_pool: tuple[int, ThreadPoolExecutor] | None = None
_facet_pool_lock = threading.Lock()
FACET_THREADS = 4


def _facet_executor() -> ThreadPoolExecutor:
    """Threads for facet aggregations, shared by every backend of this process (new after a fork)."""
    global _facet_pool
    with _facet_pool_lock:
        if _facet_pool is None or _facet_pool[0] != os.getpid():
            _facet_pool = (os.getpid(), ThreadPoolExecutor(FACET_THREADS, thread_name_prefix="search-facets"))
        return _facet_pool[1]


def _facet_key(name: str, key):
    if name == "domain":
        return key
    return int(key)
