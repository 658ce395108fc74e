"""Full rebuild of the index from the database, without downtime and resumable.

Documents go to a new index (a new tantivy generation, or a new Elasticsearch index behind the
aliases) in id order; at every commit (every ``COMMIT_EVERY`` entries, and at the end) the last id
written is recorded, so an interrupted rebuild continues where it stopped. When all are written
the new index replaces the live one in one step, and every page changed since the rebuild began
is queued again so that the worker brings the new index up to date.

The documents of a batch are analysed by worker processes (:mod:`search.parallel`) while this
process reads the next batches from the database and writes the analysed ones, in order.
"""

import datetime
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.conf import setting

from .backends import SearchBackend
from .documents import EntryDocumentBuilder, entries_to_index
from .indexing import requeue_changed_since
from .parallel import PARALLEL_FROM, AnalysisPool, available_cores
from .types import SearchBackendError

REBUILD_BATCH = 500
# Batches analysed ahead of the one being written, so that workers never wait for the database.
AHEAD = 2
# Entries written between two commits of the new index (each commit also records the last id written,
# where an interrupted rebuild resumes). A tantivy commit waits for the writer's threads to index
# everything added and writes new segments: once per batch it held this process, which reads and builds
# the documents, for ~30 % of a rebuild in a development profile (docs/search.md «Rebuild»).
COMMIT_EVERY = 5000


@dataclass
class RebuildReport:
    target: str
    resumed: bool
    indexed: int
    failed: dict[int, str]
    requeued: int
    processes: int = 1


def analysis_processes(total: int, requested: int | None = None) -> int:
    """How many processes analyse: as requested, else every core for a large rebuild, else one."""
    if requested is not None:
        return requested
    configured = setting("SEARCH_REBUILD_PROCESSES", None)
    if configured:
        return int(configured)
    return available_cores() if total >= PARALLEL_FROM else 1


def rebuild_index(backend: SearchBackend, *, resume: bool = True, batch_size: int = REBUILD_BATCH,
                  processes: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Build a complete new index and make it live; ``progress(done, total)`` after each batch.

    This process reads the database and writes the index; ``processes`` worker processes
    analyse the documents meanwhile (default: every core when there are many entries).
    """
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"the batch size must be a positive integer, not {batch_size!r}")
    target = backend.begin_rebuild(resume=resume)
    remaining = entries_to_index().filter(pk__gt=target.last_id).order_by("pk")
    total = remaining.count()
    processes = analysis_processes(total, processes)
    builder = EntryDocumentBuilder()
    done, failed, last_id = 0, {}, target.last_id
    written_id, uncommitted = target.last_id, 0  # the last id written; entries written since the last commit
    pending = deque()  # (last id of the batch, its size, document errors, analysis futures), oldest first

    def commit():
        nonlocal uncommitted
        backend.mark_progress(target.name, written_id)
        uncommitted = 0

    def write_oldest():
        nonlocal done, written_id, uncommitted
        batch_last_id, size, errors, futures = pending.popleft()
        for future in futures:
            forms, analysis_errors = future.result()
            backend.index_forms(forms, target=target.name)
            failed.update(analysis_errors)
        failed.update(errors)
        done += size
        written_id = batch_last_id
        uncommitted += size
        if uncommitted >= COMMIT_EVERY:
            commit()
        if progress:
            progress(done, total)

    try:
        with AnalysisPool(processes) as pool:
            while True:
                pages = list(remaining.filter(pk__gt=last_id)[:batch_size])
                if not pages:
                    break
                documents, errors = builder.build_many(pages)
                last_id = pages[-1].pk
                pending.append((last_id, len(pages), errors, pool.submit(documents)))
                while len(pending) > (AHEAD if processes > 1 else 0):
                    write_oldest()
            while pending:
                write_oldest()
        if uncommitted:
            commit()
    except BrokenProcessPool as exc:  # a worker was killed (out of memory, a signal)
        raise SearchBackendError(
            _("An analysis process stopped unexpectedly; run the rebuild again to resume it.")) from exc
    backend.finish_rebuild(target.name)
    started = datetime.datetime.fromisoformat(target.started_at)
    requeued = requeue_changed_since(started)
    return RebuildReport(target=target.name, resumed=target.resumed, indexed=done - len(failed), failed=failed,
                         requeued=requeued, processes=processes)


def needs_rebuild(backend: SearchBackend) -> str:
    """Why the live index must be rebuilt ("" if it need not): missing, or another dictionary/schema."""
    health = backend.health()
    if health.metadata is None and health.ok:
        return _("no index yet")
    return health.detail if health.rebuild_required else ""
