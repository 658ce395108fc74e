"""Catalogue import as a background job (django-tasks): the upload is checked in the request, recorded as
a :class:`~cms.models.CatalogueImportJob` and imported by the task worker, which reports rows done and the
result on the job (docs/catalogue.md, "Import as a job").

The job imports as the user who started it, re-checking that the user still keeps the catalogue's rows
(:mod:`.access`): rows enter the catalogue as its keepers' work, published. The import itself is the same
all-or-nothing :func:`.service.import_rows` as in the request and the commands.
"""

import datetime
import logging
import time
from dataclasses import asdict

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.conf import setting
from ..models import CatalogueImportJob, CataloguePage, JobStatus
from .access import importable_catalogues, may_publish
from .errors import CatalogueFileError, RowError
from .rows import read_catalogue_file
from .service import ImportSummary, import_rows

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between two progress writes


def start_import(catalogue: CataloguePage, user, file_name: str, data: bytes) -> CatalogueImportJob:
    """Record a job for a file that was already checked and enqueue it once the record is committed."""
    job = CatalogueImportJob.objects.create(catalogue=catalogue, user=user, file_name=file_name[:255], data=data,
                                            language=translation.get_language() or "")
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    result = import_job.enqueue(job_id)  # the immediate backend has run the job by now
    CatalogueImportJob.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


@task()
def import_job(job_id: int) -> str:
    """The task: run one job; returns its final status."""
    return run_job(job_id)


def run_job(job_id: int) -> str:
    """Import a queued job's file. A job runs once: another worker (or a second delivery) finds it taken."""
    taken = CatalogueImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now())
    job = CatalogueImportJob.objects.select_related("catalogue", "user").get(pk=job_id)
    if not taken:
        return job.status
    with translation.override(job.language or None):
        try:
            summary = _import(job)
        except CatalogueFileError as refusal:
            _finish(job, JobStatus.FAILED, errors=refusal.errors)
        except Exception:  # the job must end, and the user sees why; the details go to the log
            logger.exception("Catalogue import job %s failed", job_id)
            _finish(job, JobStatus.FAILED, errors=[RowError(0, _(
                "The import stopped on an unexpected error. Nothing was changed; try again or tell the "
                "administrator."))])
        else:
            _finish(job, JobStatus.DONE, summary=summary)
    return job.status


def fail_abandoned(jobs=None, now: datetime.datetime | None = None) -> int:
    """Mark as failed the jobs still running ``CATALOGUE_IMPORT_ABANDON_MINUTES`` after they started.

    A worker that is killed or loses its machine mid-import leaves its job "running" for ever; its
    transaction was rolled back by the database, so the catalogue is as it was. Such a job is ended with
    that explanation the next time someone looks at it (its page, its status, the list); the user can
    start the import again. Returns how many were ended.
    """
    minutes = float(setting("CATALOGUE_IMPORT_ABANDON_MINUTES", 30))
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=minutes)
    jobs = CatalogueImportJob.objects.all() if jobs is None else jobs
    ended = 0
    for job in jobs.filter(status=JobStatus.RUNNING, started_at__lt=cutoff).select_related(None).defer("data"):
        with translation.override(job.language or None):
            message = _("The import was interrupted: the worker stopped before it finished (no result after "
                        "%(minutes)s minutes). Nothing was changed; start the import again.") % {
                "minutes": f"{minutes:g}"}
        ended += CatalogueImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), data=b"",
            errors=[{"row": 0, "column": "", "message": message}])
    return ended


def _import(job: CatalogueImportJob) -> ImportSummary:
    user, catalogue = job.user, job.catalogue
    if user is None or not user.is_active or not importable_catalogues(user).filter(pk=catalogue.pk).exists():
        raise CatalogueFileError([RowError(0, _(
            "The user who started the import may no longer import into this catalogue."))])
    rows = read_catalogue_file(bytes(job.data), catalogue.domain)
    progress = Progress(job)
    try:
        return import_rows(catalogue, rows, user=user, publish=may_publish(user, catalogue), progress=progress)
    finally:
        progress.close()


def _finish(job: CatalogueImportJob, status: str, summary: ImportSummary | None = None,
            errors: list[RowError] = ()) -> None:
    job.status, job.finished_at, job.data = status, timezone.now(), b""  # the file is not kept once imported
    if summary is not None:
        job.summary = asdict(summary)
    job.errors = [{"row": error.row, "column": error.column, "message": str(error.message)} for error in errors]
    job.save(update_fields=["status", "finished_at", "data", "summary", "rows_done", "rows_total", "errors"])


class Progress:
    """Writes rows done and total to the job while it runs.

    The import's own writes are invisible to the progress page until its transaction commits, so inside
    it the count goes through a second, autocommitting connection on PostgreSQL. SQLite has one writer at
    a time, so there the page sees the total at the start and the count at the end.
    """

    def __init__(self, job: CatalogueImportJob):
        self.job = job
        self.last = 0.0
        self.main = connections[DEFAULT_DB_ALIAS]
        self.side = connections.create_connection(DEFAULT_DB_ALIAS) if self.main.vendor == "postgresql" else None

    def __call__(self, done: int, total: int) -> None:
        self.job.rows_done, self.job.rows_total = done, total  # saved with the job's end in any case
        if not self.main.in_atomic_block:
            CatalogueImportJob.objects.filter(pk=self.job.pk).update(rows_done=done, rows_total=total)
            return
        now = time.monotonic()
        if self.side is None or (done < total and now - self.last < PROGRESS_INTERVAL):
            return
        self.last = now
        table = self.side.ops.quote_name(CatalogueImportJob._meta.db_table)
        with self.side.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET rows_done = %s, rows_total = %s WHERE id = %s",
                           [done, total, self.job.pk])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
