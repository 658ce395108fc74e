"""The catalogue import job through django-tasks' database backend and its worker command (db_worker),
as scripts/serve.sh runs them; the other tests use the immediate backend, which runs the same job code."""

import io
from itertools import pairwise

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import pre_save
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cms.catalogue_io import jobs
from cms.models import CatalogueImportJob, CatalogueItemPage, Domain, JobStatus
from tests.cms.test_catalogue_io import GOVERNMENT_ROWS, xlsx_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_runs_the_queued_job(client, tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    client.force_login(tree.users["t_approver"])
    response = client.post(reverse("catalogue_io:import"), {
        "catalogue": catalogue.pk, "file": SimpleUploadedFile("政务目录.xlsx", xlsx_file(GOVERNMENT_ROWS))})
    job = CatalogueImportJob.objects.get()
    assert response["Location"] == reverse("catalogue_io:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.task_id
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["args"] == [job.pk]
    assert client.get(reverse("catalogue_io:job_status", args=[job.pk])).json()["status"] == "queued"
    assert not CatalogueItemPage.objects.descendant_of(catalogue).exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(), verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (JobStatus.DONE, 9, 9)
    assert job.started_at and job.finished_at and not bytes(job.data)
    assert len(job.summary["created"]) == 9 and job.summary["published"]
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert CatalogueItemPage.objects.descendant_of(catalogue).filter(live=True).count() == 9
    page = client.get(reverse("catalogue_io:job", args=[job.pk])).content.decode()
    assert "9 items added, 0 updated, 0 unchanged." in page and "干部任前公示" in page


def test_progress_is_seen_from_outside_while_the_import_runs(tree, settings, monkeypatch):
    """PostgreSQL: rows done grow on the job while the import's transaction is open (a second connection);
    SQLite has one writer at a time, so there the count is only written at the start and the end."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    job = CatalogueImportJob.objects.create(catalogue=catalogue, user=tree.users["t_approver"], file_name="x.xlsx",
                                            data=xlsx_file(GOVERNMENT_ROWS))
    observer = connections.create_connection(DEFAULT_DB_ALIAS)
    seen = []

    def look(sender, instance, **kwargs):  # each item saved inside the import's transaction
        with observer.cursor() as cursor:
            cursor.execute(f"SELECT rows_done, rows_total FROM {CatalogueImportJob._meta.db_table} WHERE id = %s",
                           [job.pk])
            seen.append(cursor.fetchone())

    pre_save.connect(look, sender=CatalogueItemPage)
    try:
        assert jobs.run_job(job.pk) == JobStatus.DONE
    finally:
        pre_save.disconnect(look, sender=CatalogueItemPage)
        observer.close()
    assert seen[0] == (0, 9) and (4, 9) in seen and all(a[0] <= b[0] for a, b in pairwise(seen))
    assert CatalogueItemPage.objects.descendant_of(catalogue).count() == 9
