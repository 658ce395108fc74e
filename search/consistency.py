"""Index vs database: which entries are missing, which should not be there, which are stale.

Staleness is judged on the whole stored document, texts included: the body, summary, keywords
and attachment text an index holds must be those the database gives now (the body after secrecy
review, 区分处理), not only the title and the filter fields.
"""

import hashlib
import json
import random
from dataclasses import dataclass, field

from .backends import SearchBackend
from .documents import EntryDocumentBuilder, entries_to_index
from .schema import clean_document, source_of

TEXT_FIELDS = ("summary", "keywords", "body", "attachments")
COMPARED_FIELDS = ("title", "scope", "domain", "organisation_id", "catalogue_item_id", "validity",
                   "disclosure_attribute", "published_on", "written_on", "year", "document_number",
                   "index_number", "url", "organisation_ids", "catalogue_item_ids") + TEXT_FIELDS


def describe(name: str, value) -> str:
    """A short, comparable form of a field's value: texts as a digest and a length, the rest as is."""
    if name in TEXT_FIELDS:
        text = value or ""
        return f"sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]} ({len(text)} chars)"
    return json.dumps(value, ensure_ascii=False)


@dataclass
class ConsistencyReport:
    database_count: int
    index_count: int
    missing: set[int] = field(default_factory=set)
    extra: set[int] = field(default_factory=set)
    sampled: int = 0
    differing: dict[int, list[str]] = field(default_factory=dict)
    # entry id → field → (what the index holds, what the database gives), both through describe()
    details: dict[int, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        return not (self.missing or self.extra or self.differing)


def indexed_sources(backend: SearchBackend, ids: list[int]) -> dict[int, dict]:
    """The stored source of each indexed entry (texts included), by id."""
    return backend.get_sources(ids)


def check_consistency(backend: SearchBackend, *, sample: int = 200, seed: int | None = None) -> ConsistencyReport:
    """Compare ids in full, and every stored field (texts included) of a random sample of entries."""
    database_ids = set(entries_to_index().values_list("pk", flat=True))
    index_ids = backend.document_ids()
    report = ConsistencyReport(database_count=len(database_ids), index_count=len(index_ids),
                               missing=database_ids - index_ids, extra=index_ids - database_ids)
    common = sorted(database_ids & index_ids)
    chosen = random.Random(seed).sample(common, min(sample, len(common)))
    if not chosen:
        return report
    indexed = indexed_sources(backend, chosen)
    documents, errors = EntryDocumentBuilder().build_many(entries_to_index().filter(pk__in=chosen))
    for page_id in errors:
        report.differing[page_id] = ["(document cannot be built)"]
    for document in documents:
        expected = source_of(clean_document(document))
        actual = indexed.get(document["id"], {})
        wrong = [name for name in COMPARED_FIELDS if expected.get(name) != actual.get(name)]
        if wrong:
            report.differing[document["id"]] = wrong
            report.details[document["id"]] = {
                name: (describe(name, actual.get(name)), describe(name, expected.get(name))) for name in wrong}
    report.sampled = len(chosen)
    return report
