"""Index vs database: which entries are missing, which should not be there, which are stale."""

import random
from dataclasses import dataclass, field

from .backends import SearchBackend
from .documents import EntryDocumentBuilder, entries_to_index
from .schema import clean_document, fields_from_source, source_of

COMPARED_FIELDS = ("title", "scope", "domain", "organisation_id", "catalogue_item_id", "validity",
                   "disclosure_attribute", "published_on", "document_number", "url")


@dataclass
class ConsistencyReport:
    database_count: int
    index_count: int
    missing: set[int] = field(default_factory=set)
    extra: set[int] = field(default_factory=set)
    sampled: int = 0
    differing: dict[int, list[str]] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        return not (self.missing or self.extra or self.differing)


def check_consistency(backend: SearchBackend, *, sample: int = 200, seed: int | None = None) -> ConsistencyReport:
    """Compare ids in full and the fields of a random sample of entries."""
    database_ids = set(entries_to_index().values_list("pk", flat=True))
    index_ids = backend.document_ids()
    report = ConsistencyReport(database_count=len(database_ids), index_count=len(index_ids),
                               missing=database_ids - index_ids, extra=index_ids - database_ids)
    common = sorted(database_ids & index_ids)
    chosen = random.Random(seed).sample(common, min(sample, len(common)))
    if not chosen:
        return report
    indexed = backend.get_documents(chosen)
    documents, errors = EntryDocumentBuilder().build_many(entries_to_index().filter(pk__in=chosen))
    for page_id in errors:
        report.differing[page_id] = ["(document cannot be built)"]
    for document in documents:
        expected = fields_from_source(source_of(clean_document(document)))
        actual = indexed.get(document["id"], {})
        wrong = [name for name in COMPARED_FIELDS if expected.get(name) != actual.get(name)]
        if wrong:
            report.differing[document["id"]] = wrong
    report.sampled = len(chosen)
    return report
