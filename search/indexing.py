"""The index queue: enqueue in the change's transaction, apply in batches after commit, retry.

* :func:`enqueue` writes :class:`~search.models.IndexTask` rows inside the caller's transaction
  and asks for them to be applied once it commits (``transaction.on_commit``).
* :func:`process_batch` applies due tasks: it reads each page's current state, indexes what
  ``cms.visibility.indexable_entries`` allows and deletes the rest. If the engine fails, the
  tasks stay and are retried with exponential back-off; saves never see the failure.
* In the default set-up ``manage.py search_worker`` runs :func:`process_batch` in a loop and
  owns the embedded index's writer. With ``SEARCH_APPLY_ON_COMMIT = True`` (single-process
  set-ups, some tests) the committing process applies its own tasks right after commit.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting

from .backends import SearchBackend, get_backend, index_dir
from .documents import EntryDocumentBuilder, entries_to_index
from .models import IndexTask
from .types import IndexLocked, SearchBackendError

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BACKOFF = datetime.timedelta(minutes=10)
DONE_RETENTION = datetime.timedelta(days=1)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next attempt: 2, 4, 8 … seconds, at most 10 minutes."""
    return min(datetime.timedelta(seconds=2 ** min(attempts, 20)), MAX_BACKOFF)


def enqueue(page_ids: Iterable[int], action: str = IndexTask.Action.INDEX) -> int:
    """Queue pages for (re)indexing in the current transaction; applied after it commits."""
    ids = sorted({int(pk) for pk in page_ids if pk})
    if not ids:
        return 0
    now = timezone.now()
    IndexTask.objects.bulk_create(
        [IndexTask(page_id=pk, action=action, created_at=now, next_attempt_at=now) for pk in ids],
        batch_size=1000,
    )
    transaction.on_commit(_after_commit, robust=True)
    return len(ids)


def _after_commit():
    """Apply the queue now if this process is meant to; never raises into the committing code."""
    if not setting("SEARCH_APPLY_ON_COMMIT", False):
        return
    try:
        backend = get_backend()
        try:
            process_pending(backend, max_batches=10)
        finally:
            backend.release_writers()
    except Exception:  # the engine's trouble must never reach a save
        logger.exception("applying the search queue after commit failed; the worker will retry")


@dataclass
class BatchResult:
    """What one batch did: pages indexed and deleted, pages that failed, tasks closed."""

    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    tasks: int = 0
    error: str = ""

    @property
    def empty(self) -> bool:
        return self.tasks == 0 and self.failed == 0


def claim(limit: int, now) -> dict[int, list[int]]:
    """Lock and return the tasks this worker will apply, by page: ``{page_id: [task ids]}``.

    Runs inside the caller's transaction, which holds the claim until it commits. A page is
    claimed whole or not at all: every pending task of it (due or not) is locked, and a page of
    which another worker holds a task is left to that worker, so two workers never apply the same
    page at once and the one that applies it last has read it last (a later save always wins).
    On PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED`` keeps workers off each other's tasks; on
    SQLite the transaction itself is the lock (``transaction_mode = IMMEDIATE``: one writer).
    """
    due = (IndexTask.objects.filter(done_at__isnull=True, next_attempt_at__lte=now)
           .select_for_update(skip_locked=True).order_by("id").values_list("page_id", flat=True)[:limit])
    page_ids = set(due)
    if not page_ids:
        return {}
    pending = IndexTask.objects.filter(done_at__isnull=True, page_id__in=page_ids).order_by("id")
    locked = list(pending.select_for_update(skip_locked=True).values_list("id", "page_id"))
    held_elsewhere = set(pending.exclude(pk__in=[pk for pk, _page in locked]).values_list("page_id", flat=True))
    claimed: dict[int, list[int]] = {}
    for pk, page_id in locked:
        if page_id not in held_elsewhere:
            claimed.setdefault(page_id, []).append(pk)
    return claimed


def process_batch(backend: SearchBackend | None = None, *, limit: int = BATCH_SIZE, now=None) -> BatchResult:
    """Apply up to ``limit`` due tasks in one engine round-trip; failures are rescheduled.

    Claim, read, write and close happen in one transaction: the pages are read after their tasks
    are locked (so every change those tasks stand for is seen), and only the claimed task ids are
    closed, never tasks queued meanwhile. If another process owns the embedded index's writer
    (:class:`IndexLocked`), nothing changes and the tasks stay for that process.
    """
    backend = backend or get_backend()
    now = now or timezone.now()
    with transaction.atomic():
        claimed = claim(limit, now)
        if not claimed:
            return BatchResult()
        task_ids = [pk for pks in claimed.values() for pk in pks]
        page_ids = sorted(claimed)
        pages = list(entries_to_index().filter(pk__in=page_ids))
        documents, build_errors = EntryDocumentBuilder().build_many(pages)
        to_delete = set(page_ids) - {page.pk for page in pages}
        try:
            backend.index_documents(documents)
            backend.delete_documents(to_delete)
        except IndexLocked:
            logger.info("search index is owned by another process; leaving %d tasks to it", len(task_ids))
            transaction.set_rollback(True)
            return BatchResult(error="locked")
        except Exception as exc:
            _reschedule(task_ids, failure_message(exc), now)
            logger.warning("search batch failed, will retry: %s", exc)
            return BatchResult(failed=len(page_ids), error=str(exc))
        done = [pk for page_id, pks in claimed.items() if page_id not in build_errors for pk in pks]
        closed = IndexTask.objects.filter(pk__in=done).update(done_at=timezone.now(), last_error="")
        for page_id, error in build_errors.items():
            _reschedule(claimed[page_id], error, now)
    return BatchResult(indexed=len(documents), deleted=len(to_delete), failed=len(build_errors), tasks=closed)


def failure_message(exc: Exception) -> str:
    """What a failed batch records on its tasks, for the operator (``search_status``; docs/faults.md)."""
    if isinstance(exc, SearchBackendError):
        return str(exc)
    if isinstance(exc, OSError):  # the embedded index's directory: missing, not a directory, read-only, full
        return _("The search index cannot be written at %(path)s: %(error)s") % {
            "path": exc.filename or index_dir(), "error": exc.strerror or exc}
    return f"{type(exc).__name__}: {exc}"


def _reschedule(task_ids: list[int], error: str, now):
    for task in IndexTask.objects.filter(pk__in=task_ids):
        task.attempts += 1
        task.next_attempt_at = now + backoff(task.attempts)
        task.last_error = error[:2000]
        task.save(update_fields=["attempts", "next_attempt_at", "last_error"])


def process_pending(backend: SearchBackend | None = None, *, max_batches: int | None = None) -> BatchResult:
    """Apply every due task (or ``max_batches`` batches); stops at the first failing batch."""
    total = BatchResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        result = process_batch(backend)
        batches += 1
        total.indexed += result.indexed
        total.deleted += result.deleted
        total.failed += result.failed
        total.tasks += result.tasks
        if result.error or result.empty:
            total.error = result.error
            break
    return total


def purge_done(older_than: datetime.timedelta = DONE_RETENTION) -> int:
    """Forget applied tasks older than the retention (they only serve rebuild catch-up)."""
    deleted, _by_model = IndexTask.objects.filter(done_at__lt=timezone.now() - older_than).delete()
    return deleted


def requeue_changed_since(moment: datetime.datetime) -> int:
    """Queue again every page with a task created since ``moment`` (changes made during a rebuild)."""
    page_ids = IndexTask.objects.filter(created_at__gte=moment).values_list("page_id", flat=True).distinct()
    with transaction.atomic():
        return enqueue(list(page_ids))


@dataclass(frozen=True)
class QueueStatus:
    pending: int
    due: int
    failing: int
    oldest_pending: datetime.datetime | None
    next_retry: datetime.datetime | None
    max_attempts: int
    last_error: str
    done_last_hour: int


def queue_status() -> QueueStatus:
    """Numbers for ``search_status`` and monitoring."""
    now = timezone.now()
    pending = IndexTask.objects.filter(done_at__isnull=True)
    numbers = pending.aggregate(count=Count("id"), oldest=Min("created_at"), attempts=Max("attempts"))
    failing = pending.filter(attempts__gt=0)
    last_failure = failing.order_by("-id").values_list("last_error", flat=True).first() or ""
    return QueueStatus(
        pending=numbers["count"],
        due=pending.filter(next_attempt_at__lte=now).count(),
        failing=failing.count(),
        oldest_pending=numbers["oldest"],
        next_retry=failing.aggregate(next=Min("next_attempt_at"))["next"],
        max_attempts=numbers["attempts"] or 0,
        last_error=last_failure,
        done_last_hour=IndexTask.objects.filter(done_at__gte=now - datetime.timedelta(hours=1)).count(),
    )
