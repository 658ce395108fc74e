"""The daily run through django-tasks' database backend and its worker: queued for the check time, run by
db_worker, and each run queues the next; queueing twice queues once; the immediate backend refuses."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from supervision.models import CheckRun, RunStatus
from supervision.tasks import next_check_time, schedule_daily

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_next_check_time(settings):
    settings.DISCLOSURE = {"SUPERVISION_CHECK_TIME": "02:15"}
    zone = timezone.get_current_timezone()
    assert next_check_time(datetime.datetime(2026, 9, 30, 1, 0, tzinfo=zone)) == datetime.datetime(
        2026, 9, 30, 2, 15, tzinfo=zone)
    assert next_check_time(datetime.datetime(2026, 9, 30, 3, 0, tzinfo=zone)) == datetime.datetime(
        2026, 10, 1, 2, 15, tzinfo=zone)


def test_daily_run_queues_the_next(tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()
    call_command("run_content_checks", "--daily", "--no-external", stdout=out)
    run = CheckRun.objects.get()
    assert run.status == RunStatus.QUEUED and run.scheduled_for > timezone.now()
    assert "daily run" in out.getvalue()
    assert schedule_daily(external=False).pk == run.pk and DBTaskResult.objects.count() == 1
    task = DBTaskResult.objects.get()
    assert task.run_after == run.scheduled_for
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(minutes=1))  # the time has come
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(), verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    following = CheckRun.objects.get(status=RunStatus.QUEUED)
    assert following.scheduled_for > timezone.now() and DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_immediate_backend_cannot_schedule(db):
    with pytest.raises(CommandError):
        call_command("run_content_checks", "--daily", stdout=io.StringIO())
