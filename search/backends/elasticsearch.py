"""The Elasticsearch backend (client 8.19, ``elasticsearch.dsl``), for sites that run a cluster.

Chinese is analysed in Python (:mod:`search.analysis`) and indexed with the built-in
``whitespace`` analyser, so no plugin (IK, smartcn, ICU) is needed on any node and results match
the embedded backend.

Names (from ``ELASTICSEARCH_INDEX_PREFIX``, default ``disclosure``):

* ``disclosure-entries`` — the read alias searches use;
* ``disclosure-entries-write`` — the write alias the queue worker writes to;
* ``disclosure-entries-<timestamp>-<random>`` — concrete indices, created from the index
  template ``disclosure-entries``.

A rebuild fills a new concrete index, then moves both aliases to it in one ``_aliases`` call
and deletes the old index: searches never see a missing or half-built index.

The request bodies, mappings and bulk actions are built by the module-level functions below, so
that tests can check them exactly without a server.
"""

import datetime
import secrets
import urllib.parse
from collections.abc import Iterable

from django.utils.translation import gettext as _
from elasticsearch import ApiError, ConnectionTimeout, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch import ConnectionError as EngineUnreachable
from elasticsearch.dsl import Date, Index, Integer, Keyword, Long, Mapping, Q, Search, Text

from .. import analysis
from ..query import Clause, Phrase, PreparedQuery, rule_field, visibility_rules
from ..schema import GRAM_FIELDS, SCHEMA_VERSION, SHINGLE_FIELDS, TOKEN_FIELDS, source_of
from ..types import Health, IndexMetadata, Reader, SearchBackendError
from .base import (
    ADJACENT_FRACTION, FIELD_SCORES, PROXIMITY_FIELDS, PROXIMITY_TIERS, RESCORE_WINDOW, SYNONYM_SCORE, TEXT_SCORE,
    WORDS_BM25, RawHit, RawResults, RebuildTarget, SearchBackend,
)

FACET_FIELDS = {"domain": "domain", "organisation": "organisation_id", "catalogue_item": "catalogue_item_id",
                "year": "year"}
BULK_CHUNK = 500


# --- names, mappings, template -------------------------------------------------------------------

def read_alias(prefix: str) -> str:
    return f"{prefix}-entries"


def write_alias(prefix: str) -> str:
    return f"{prefix}-entries-write"


def new_index_name(prefix: str, now: datetime.datetime | None = None) -> str:
    """A fresh concrete index name, e.g. disclosure-entries-20260301t101500-3fa2 (lower case)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return f"{prefix}-entries-{now:%Y%m%dt%H%M%S}-{secrets.token_hex(2)}"


def entry_mapping() -> Mapping:
    """Field mappings: token fields with ``whitespace``, filters as keyword/long/date, texts unindexed.

    The token fields are left out of ``_source`` (they are derived; rebuilds read the database).
    """
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.meta("_source", {"excludes": list(TOKEN_FIELDS)})
    mapping.field("id", Long())
    for name in ("title", "summary", "keywords", "body", "attachments"):
        mapping.field(name, Text(index=False))
    for name in ("title_words", "text_words"):
        mapping.field(name, Text(analyzer="whitespace", index_options="freqs"))
    for name in GRAM_FIELDS:
        mapping.field(name, Text(analyzer="whitespace", index_options="positions"))
    for name in SHINGLE_FIELDS.values():  # only ever matched, never scored: no frequencies, no norms
        mapping.field(name, Text(analyzer="whitespace", index_options="docs", norms=False))
    for name in ("domain", "scope", "disclosure_attribute", "validity", "document_number", "index_number"):
        mapping.field(name, Keyword())
    mapping.field("url", Keyword(index=False))
    for name in ("organisation_id", "organisation_ids", "catalogue_item_id", "catalogue_item_ids", "group_ids"):
        mapping.field(name, Long())
    mapping.field("year", Integer())
    for name in ("published_on", "written_on"):
        mapping.field(name, Date(format="strict_date"))
    mapping.field("expires_at", Date(format="strict_date_optional_time"))
    return mapping


def entry_index(name: str, *, replicas: int = 1) -> Index:
    """An index definition with our settings and mapping (used for the template)."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas, refresh_interval="1s",
                   max_result_window=10_000)
    index.mapping(entry_mapping())
    return index


def index_template_body(prefix: str, *, replicas: int = 1) -> dict:
    """The composable index template applied to every concrete ``<prefix>-entries-*`` index."""
    template = entry_index(f"{prefix}-entries-*", replicas=replicas).as_composable_template(
        read_alias(prefix), priority=200)
    body = template.to_dict()
    # The template must carry the whole mapping, meta fields (dynamic, _source) included.
    body["template"]["mappings"] = entry_mapping().to_dict()
    return body


def index_meta(state: str, started_at: str, last_id: int = 0) -> dict:
    """``_meta`` of a concrete index: what it was built with and how far a rebuild got."""
    return {"dictionary_hash": analysis.dictionary_hash(), "schema_version": SCHEMA_VERSION,
            "created_at": started_at, "state": state, "last_id": last_id}


def alias_swap_actions(prefix: str, new_index: str, old_indices: Iterable[str]) -> list[dict]:
    """One atomic ``_aliases`` request: both aliases leave the old indices and point to the new one."""
    actions = []
    for old in sorted(set(old_indices) - {new_index}):
        actions.append({"remove": {"index": old, "alias": read_alias(prefix)}})
        actions.append({"remove": {"index": old, "alias": write_alias(prefix)}})
    actions.append({"add": {"index": new_index, "alias": read_alias(prefix)}})
    actions.append({"add": {"index": new_index, "alias": write_alias(prefix), "is_write_index": True}})
    return actions


# --- documents ----------------------------------------------------------------------------------

def es_source(form: dict) -> dict:
    """The JSON document sent for one analysed entry."""
    body = source_of(form)
    body.update({name: form[name] for name in TOKEN_FIELDS})
    return body


def bulk_index_actions(forms: Iterable[dict], index: str) -> list[dict]:
    return [{"_op_type": "index", "_index": index, "_id": str(form["id"]), "_source": es_source(form)}
            for form in forms]


def bulk_delete_actions(ids: Iterable[int], index: str) -> list[dict]:
    return [{"_op_type": "delete", "_index": index, "_id": str(doc_id)} for doc_id in ids]


# --- queries ------------------------------------------------------------------------------------

def phrase_query(field: str, phrase: Phrase, boost: float = 1.0) -> Q:
    """A phrase in one grams field: one unit as a gram starting with it, three or four units as the
    shingle beside the field, any other length as the phrase of its pairs."""
    extra = {"boost": boost} if boost != 1.0 else {}
    if phrase.shingle is not None:
        return Q("term", **{SHINGLE_FIELDS[field]: {"value": phrase.shingle, **extra}})
    unit = phrase.single
    if unit is not None:
        if phrase.ascii_run:
            return Q("regexp", **{field: {"value": f"{unit}[^0-9a-z]?", **extra}})
        return Q("prefix", **{field: {"value": unit, **extra}})
    grams = phrase.grams
    if len(grams) == 1:
        return Q("term", **{field: {"value": grams[0], **extra}})
    return Q("match_phrase", **{field: {"query": " ".join(grams), **extra}})


def phrase_tiers(phrase: Phrase) -> list[tuple[Q, float]]:
    """Where a phrase is found, each with its constant: the grams fields, or for a dictionary word its
    word tokens in the title and the texts (term lookups) and the summary's grams."""
    if phrase.dictionary_word:
        return [(Q("term", title_words=phrase.text), FIELD_SCORES[0][1]),
                (phrase_query("summary_grams", phrase), FIELD_SCORES[1][1]),
                (Q("term", text_words=phrase.text), TEXT_SCORE)]
    return [(phrase_query(field, phrase), score) for field, score in FIELD_SCORES]


def clause_query(clause: Clause) -> Q:
    """The phrase as typed (the constant of each field it is in), or a synonym (far below); the BM25
    of the typed phrase's words adds a little (optional: it never makes an entry match)."""
    tiers = [Q("constant_score", filter=q, boost=score) for q, score in phrase_tiers(clause.typed)]
    for synonym in clause.synonyms:
        tiers += [Q("constant_score", filter=q, boost=score * SYNONYM_SCORE) for q, score in phrase_tiers(synonym)]
    words = [Q("term", text_words={"value": word, "boost": WORDS_BM25}) for word in clause.typed.words]
    return Q("bool", must=[Q("bool", should=tiers, minimum_should_match=1)], should=words)


def visibility_query(reader: Reader) -> Q:
    """What the reader may see: the rules of its grants, minus entries past their expiry (at this
    moment: a notice whose period ended is gone before the scheduler takes it down, cms.visibility)."""
    should = []
    for scope, organisation_ids, subtree in visibility_rules(reader):
        if organisation_ids is None:
            should.append(Q("term", scope=scope))
        else:
            field = rule_field(scope, subtree)
            should.append(Q("bool", filter=[Q("term", scope=scope), Q("terms", **{field: sorted(organisation_ids)})]))
    return Q("bool", should=should, minimum_should_match=1, must_not=[Q("range", expires_at={"lte": "now"})])


def filter_queries(prepared: PreparedQuery) -> list[Q]:
    query = prepared.query
    filters = [visibility_query(query.reader)]
    for field, values in (("domain", query.domains), ("disclosure_attribute", query.disclosure_attributes),
                          ("validity", query.validities)):
        if values:
            filters.append(Q("terms", **{field: list(values)}))
    if query.organisation_ids:
        field = "organisation_ids" if query.organisation_subtree else "organisation_id"
        filters.append(Q("terms", **{field: list(query.organisation_ids)}))
    if query.catalogue_item_id is not None:
        field = "catalogue_item_ids" if query.catalogue_subtree else "catalogue_item_id"
        filters.append(Q("term", **{field: query.catalogue_item_id}))
    if query.published_from or query.published_to:
        bounds = {}
        if query.published_from:
            bounds["gte"] = query.published_from.isoformat()
        if query.published_to:
            bounds["lte"] = query.published_to.isoformat()
        filters.append(Q("range", published_on=bounds))
    return filters


def proximity_queries(prepared: PreparedQuery) -> list[Q]:
    """The tiers for the parts found side by side, then near one another, in one field
    (base.ADJACENT_FRACTION, base.PROXIMITY_TIERS); empty for a query of one part."""
    adjacent = [Q("constant_score", filter=Q("match_phrase", **{field: {"query": " ".join(grams)}}),
                  boost=score * ADJACENT_FRACTION)
                for grams in prepared.adjacent_phrases if ADJACENT_FRACTION and len(grams) > 1
                for field, score in PROXIMITY_FIELDS]
    return adjacent + [
        Q("constant_score", filter=Q("match_phrase", **{field: {"query": " ".join(pair), "slop": slop}}),
          boost=score * fraction)
        for pair in prepared.proximity_pairs
        for field, score in PROXIMITY_FIELDS for slop, fraction in PROXIMITY_TIERS]


def text_query(prepared: PreparedQuery) -> Q:
    return Q("bool", must=[clause_query(clause) for clause in prepared.clauses], filter=filter_queries(prepared))


def proximity_rescore(prepared: PreparedQuery) -> dict | None:
    """The proximity tiers as a rescore of the first RESCORE_WINDOW hits (base.RESCORE_WINDOW): each
    tier an entry meets adds its constant to its score; None without tiers."""
    nearness = proximity_queries(prepared)
    if not nearness:
        return None
    return {"window_size": RESCORE_WINDOW, "query": {
        "rescore_query": Q("bool", should=nearness).to_dict(),
        "query_weight": 1.0, "rescore_query_weight": 1.0, "score_mode": "total"}}


def build_search(prepared: PreparedQuery, index: str, using: Elasticsearch | None = None) -> Search:
    """The search request of a prepared query: query, filters, sort or proximity rescore, page, facets."""
    query = prepared.query
    search = Search(using=using, index=index).query(text_query(prepared))
    search = search.extra(track_total_hits=True)
    if query.sort == "date":
        search = search.sort({"published_on": {"order": "desc"}}, "_score")
    else:
        rescore = proximity_rescore(prepared)
        if rescore:
            search = search.extra(rescore=rescore)
    search = search[query.offset:query.offset + query.limit]
    for name in query.facets:
        search.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=query.facet_size)
    return search


def build_count(prepared: PreparedQuery, index: str, using: Elasticsearch | None = None) -> Search:
    return Search(using=using, index=index).query(text_query(prepared)).extra(size=0, track_total_hits=True)


def build_title_search(clauses: tuple[Clause, ...], reader: Reader, size: int, index: str,
                       using: Elasticsearch | None = None) -> Search:
    """Candidates for title suggestions: every part, as typed, in the title, visible to the reader."""
    typed = [phrase_query("title_grams", clause.typed) for clause in clauses]
    search = Search(using=using, index=index).query(Q("bool", must=typed, filter=[visibility_query(reader)]))
    return search.source(["id", "title", "url"])[:size]


def public_address(url: str) -> str:
    """The engine's address as errors name it: scheme, host and port, never a user name or password."""
    first = (url or "").split(",")[0].strip()
    try:
        parts = urllib.parse.urlsplit(first)
        return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return "?"


class ElasticsearchSearchBackend(SearchBackend):
    """Elasticsearch 8 (or 9 through compatibility headers) behind read and write aliases."""

    name = "elasticsearch"

    def __init__(self, url: str, *, prefix: str = "disclosure", replicas: int = 1, client: Elasticsearch | None = None,
                 request_timeout: float = 10.0):
        super().__init__()
        if client is None and not url:
            raise SearchBackendError("ELASTICSEARCH_URL is not set")
        self.prefix = prefix
        self.replicas = replicas
        self.client = client or Elasticsearch(url, request_timeout=request_timeout, retry_on_timeout=True,
                                              max_retries=2)
        self.read_alias = read_alias(prefix)
        self.write_alias = write_alias(prefix)
        self.address = public_address(url)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (ApiError, TransportError, helpers.BulkIndexError) as exc:
            raise self._failure(exc) from exc

    def _failure(self, exc: Exception) -> SearchBackendError:
        """The engine's error as the operator reads it on queued tasks and in search_status (docs/faults.md)."""
        if isinstance(exc, EngineUnreachable | ConnectionTimeout):
            return SearchBackendError(_("Elasticsearch at %(address)s cannot be reached: %(error)s") % {
                "address": self.address, "error": exc})
        return SearchBackendError(f"Elasticsearch: {exc}")

    # --- indices and aliases -----------------------------------------------------------------

    def put_template(self) -> None:
        self._call(self.client.indices.put_index_template, name=self.read_alias,
                   **index_template_body(self.prefix, replicas=self.replicas))

    def _create_index(self, name: str, meta: dict, *, building: bool) -> None:
        settings = {"refresh_interval": "-1", "number_of_replicas": 0} if building else {}
        self._call(self.client.indices.create, index=name, mappings={"_meta": meta}, settings=settings or None)

    def _alias_targets(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []
        except (ApiError, TransportError) as exc:
            raise self._failure(exc) from exc

    def _meta_of(self, index: str) -> dict:
        mapping = self._call(self.client.indices.get_mapping, index=index).body
        return next(iter(mapping.values()), {}).get("mappings", {}).get("_meta", {})

    def ensure_index(self) -> None:
        if self._alias_targets(self.read_alias):
            return
        self.put_template()
        name = new_index_name(self.prefix)
        started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        self._create_index(name, index_meta("live", started), building=False)
        self._call(self.client.indices.update_aliases, actions=alias_swap_actions(self.prefix, name, []))

    def begin_rebuild(self, *, resume: bool = True) -> RebuildTarget:
        live = set(self._alias_targets(self.read_alias))
        try:
            existing = self.client.indices.get(index=f"{self.prefix}-entries-*").body
        except NotFoundError:
            existing = {}
        for name in sorted(existing):
            meta = existing[name].get("mappings", {}).get("_meta", {})
            if name in live or meta.get("state") != "building":
                continue
            if resume and meta.get("dictionary_hash") == analysis.dictionary_hash() \
                    and meta.get("schema_version") == SCHEMA_VERSION:
                return RebuildTarget(name, meta["created_at"], int(meta.get("last_id", 0)), resumed=True)
            self._call(self.client.indices.delete, index=name)
        self.put_template()
        name = new_index_name(self.prefix)
        started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        self._create_index(name, index_meta("building", started), building=True)
        return RebuildTarget(name, started)

    def mark_progress(self, target: str, last_id: int) -> None:
        meta = self._meta_of(target)
        meta["last_id"] = last_id
        self._call(self.client.indices.put_mapping, index=target, meta=meta)

    def finish_rebuild(self, target: str) -> None:
        self._call(self.client.indices.put_settings, index=target,
                   settings={"refresh_interval": "1s", "number_of_replicas": self.replicas})
        self._call(self.client.indices.refresh, index=target)
        meta = self._meta_of(target)
        meta["state"] = "live"
        self._call(self.client.indices.put_mapping, index=target, meta=meta)
        old = set(self._alias_targets(self.read_alias)) | set(self._alias_targets(self.write_alias))
        self._call(self.client.indices.update_aliases, actions=alias_swap_actions(self.prefix, target, old))
        for name in sorted(old - {target}):
            self._call(self.client.indices.delete, index=name)
        self._metadata_checked_at = 0.0

    def refresh(self) -> None:
        self._call(self.client.indices.refresh, index=self.read_alias)

    def delete_all_indices(self) -> None:
        """Drop every index, alias and the template of this prefix (tests, decommissioning)."""
        client = self.client.options(ignore_status=404)
        names = sorted(client.indices.get(index=f"{self.prefix}-entries-*", expand_wildcards="all").body)
        for name in names:  # deleting by wildcard is refused by default (destructive_requires_name)
            client.indices.delete(index=name)
        client.indices.delete_index_template(name=self.read_alias)

    # --- writing -----------------------------------------------------------------------------

    def _write(self, forms: list[dict], target: str | None) -> int:
        if target is None:
            self.ensure_index()
            actions = bulk_index_actions(forms, self.write_alias)
            done, _errors = self._call(helpers.bulk, self.client, actions, chunk_size=BULK_CHUNK, require_alias=True)
        else:
            done, _errors = self._call(helpers.bulk, self.client, bulk_index_actions(forms, target),
                                       chunk_size=BULK_CHUNK)
        return done

    def _delete(self, ids: list[int], target: str | None) -> int:
        index = target or self.write_alias
        if target is None:
            self.ensure_index()
        done, _errors = self._call(helpers.bulk, self.client, bulk_delete_actions(ids, index), chunk_size=BULK_CHUNK,
                                   ignore_status=(404,))
        return len(ids)

    # --- reading -----------------------------------------------------------------------------

    def _execute(self, prepared: PreparedQuery) -> RawResults:
        query = prepared.query
        response = self._call(build_search(prepared, self.read_alias, self.client).execute)
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            score = float(hit.meta.score or 0.0) if query.sort == "relevance" else 0.0
            hits.append(RawHit(id=int(source["id"]), score=score, source=source))
        facets = {}
        for name in query.facets:
            buckets = response.aggregations[name].buckets
            facets[name] = [(b.key if name == "domain" else int(b.key), int(b.doc_count)) for b in buckets]
        return RawResults(total=response.hits.total.value, hits=hits, facets=facets)

    def _count(self, prepared: PreparedQuery) -> int:
        return self._call(build_count(prepared, self.read_alias, self.client).execute).hits.total.value

    def _count_visible(self, reader: Reader) -> int:
        response = self._call(self.client.count, index=self.read_alias, query=visibility_query(reader).to_dict())
        return int(response["count"])

    def _title_candidates(self, clauses, reader, size):
        response = self._call(build_title_search(clauses, reader, size, self.read_alias, self.client).execute)
        return [(int(hit.id), hit.title or "", getattr(hit, "url", "") or "") for hit in response.hits]

    # --- administration ----------------------------------------------------------------------

    def get_sources(self, ids: list[int]) -> dict[int, dict]:
        ids = sorted({int(i) for i in ids})
        if not ids:
            return {}
        response = self._call(self.client.mget, index=self.read_alias, ids=[str(i) for i in ids])
        return {int(doc["_id"]): doc["_source"] for doc in response["docs"] if doc.get("found")}

    def document_ids(self) -> set[int]:
        search = Search(using=self.client, index=self.read_alias).source(False).params(size=1000)
        return {int(hit.meta.id) for hit in self._call(lambda: list(search.scan()))}

    def metadata(self) -> IndexMetadata | None:
        targets = self._alias_targets(self.read_alias)
        if not targets:
            return None
        meta = self._meta_of(targets[0])
        documents = int(self._call(self.client.count, index=self.read_alias)["count"])
        return IndexMetadata(name=targets[0], dictionary_hash=meta.get("dictionary_hash", ""),
                             schema_version=meta.get("schema_version", ""), created_at=meta.get("created_at", ""),
                             documents=documents)

    def health(self) -> Health:
        try:
            cluster = self.client.cluster.health().body
            meta = self.metadata()
        except (ApiError, TransportError, SearchBackendError) as exc:
            return Health(ok=False, backend=self.name, detail=str(exc))
        status = cluster.get("status", "unknown")
        if meta is None:
            return Health(ok=status != "red", backend=self.name,
                          detail=_("cluster %(status)s; no index yet") % {"status": status})
        reason = meta.rebuild_reason(analysis.dictionary_hash(), SCHEMA_VERSION)
        return Health(ok=status != "red" and not reason, backend=self.name,
                      detail=reason or _("cluster %(status)s; %(count)d documents in %(name)s") % {
                          "status": status, "count": meta.documents, "name": meta.name},
                      metadata=meta, rebuild_required=bool(reason))

    def close(self) -> None:
        self.client.close()
