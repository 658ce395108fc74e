"""An import job whose worker died mid-import (killed, machine lost) is ended, not left 进行中 for ever."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from cms.catalogue_io import fail_abandoned, run_job
from cms.models import CatalogueImportJob, Domain, JobStatus

from .test_catalogue_io import items, upload, village_file


def started_job(client, tree, minutes_ago):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    client.force_login(tree.users["a_approver"])
    upload(client, catalogue, village_file())  # queued (no commit in a test: the worker is not called)
    job = CatalogueImportJob.objects.get()
    # What a worker leaves when it is killed after taking the job: running, started, its transaction gone.
    CatalogueImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        language="zh-hans")
    return catalogue, job


def test_a_job_running_past_the_limit_is_ended_when_it_is_looked_at(client, tree):
    catalogue, job = started_job(client, tree, minutes_ago=31)
    with translation.override("zh-hans"):
        page = client.get(reverse("catalogue_io:job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at and bytes(job.data) == b""
    assert "导入中断" in job.errors[0]["message"] and "30" in job.errors[0]["message"]
    assert "导入中断" in page.content.decode() and 'http-equiv="refresh"' not in page.content.decode()
    assert items(catalogue).count() == 0  # nothing of the dead import
    assert run_job(job.pk) == JobStatus.FAILED  # a late second delivery does not run it


def test_a_job_running_within_the_limit_keeps_running(client, tree, settings):
    _catalogue, job = started_job(client, tree, minutes_ago=5)
    assert client.get(reverse("catalogue_io:job_status", args=[job.pk])).json()["status"] == "running"
    settings.DISCLOSURE = {**getattr(settings, "DISCLOSURE", {}), "CATALOGUE_IMPORT_ABANDON_MINUTES": 4}
    assert client.get(reverse("catalogue_io:job_status", args=[job.pk])).json()["status"] == "failed"
    assert fail_abandoned() == 0  # already ended
