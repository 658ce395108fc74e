"""Full rebuild of the index from the database, without downtime and resumable.

Documents go to a new index (a new tantivy generation, or a new Elasticsearch index behind the
aliases) in id order; after every batch the last id written is recorded, so an interrupted
rebuild continues where it stopped. When all are written the new index replaces the live one in
one step, and every page changed since the rebuild began is queued again so that the worker
brings the new index up to date.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from .backends import SearchBackend
from .documents import EntryDocumentBuilder, entries_to_index
from .indexing import requeue_changed_since

REBUILD_BATCH = 500


@dataclass
class RebuildReport:
    target: str
    resumed: bool
    indexed: int
    failed: dict[int, str]
    requeued: int


def rebuild_index(backend: SearchBackend, *, resume: bool = True, batch_size: int = REBUILD_BATCH,
                  progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Build a complete new index and make it live; ``progress(done, total)`` after each batch."""
    target = backend.begin_rebuild(resume=resume)
    remaining = entries_to_index().filter(pk__gt=target.last_id).order_by("pk")
    total = remaining.count()
    builder = EntryDocumentBuilder()
    done, failed, last_id = 0, {}, target.last_id
    while True:
        pages = list(remaining.filter(pk__gt=last_id)[:batch_size])
        if not pages:
            break
        documents, errors = builder.build_many(pages)
        backend.index_documents(documents, target=target.name)
        last_id = pages[-1].pk
        backend.mark_progress(target.name, last_id)
        failed.update(errors)
        done += len(pages)
        if progress:
            progress(done, total)
    backend.finish_rebuild(target.name)
    started = datetime.datetime.fromisoformat(target.started_at)
    requeued = requeue_changed_since(started)
    return RebuildReport(target=target.name, resumed=target.resumed, indexed=done - len(failed), failed=failed,
                         requeued=requeued)


def needs_rebuild(backend: SearchBackend) -> str:
    """Why the live index must be rebuilt ("" if it need not): missing, or another dictionary/schema."""
    health = backend.health()
    if health.metadata is None and health.ok:
        return "no index yet"
    return health.detail if health.rebuild_required else ""
