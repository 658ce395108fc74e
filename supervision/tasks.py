"""The daily content checks as a background job (django-tasks; docs/supervision.md «每日检查»).

* ``enqueue_content_checks()`` queues one run now (``run_content_checks --enqueue``);
* ``schedule_daily()`` queues the next daily run for ``SUPERVISION_CHECK_TIME`` (default ``"02:15"``, the
  server's time zone) on a backend that can defer tasks (the database backend and its ``db_worker``); each
  daily run queues the next one when it ends, so that one call (``run_content_checks --daily``, idempotent)
  keeps the checks running every day. On a backend that cannot defer (the immediate one), cron calls
  ``run_content_checks`` instead.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from cms.conf import setting

from .models import CheckRun, RunStatus


@task()
def run_content_checks_task(run_id: int | None = None, external: bool = True, repeat: bool = False) -> int:
    """Run the checks (for the queued run ``run_id`` if given); returns the run's id. ``repeat``: then queue
    tomorrow's run."""
    from .checks import run_checks

    run = CheckRun.objects.filter(pk=run_id).first() if run_id else None
    try:
        return run_checks(external=external, run=run).pk
    finally:
        if repeat:
            schedule_daily(external=external)


def enqueue_content_checks(external: bool = True) -> CheckRun:
    run = CheckRun.objects.create()
    run_content_checks_task.enqueue(run_id=run.pk, external=external)
    return run


def next_check_time(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next ``SUPERVISION_CHECK_TIME`` after ``now`` (local time)."""
    now = timezone.localtime(now or timezone.now())
    hour, minute = (int(part) for part in str(setting("SUPERVISION_CHECK_TIME", "02:15")).split(":"))
    when = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return when if when > now else when + datetime.timedelta(days=1)


def schedule_daily(external: bool = True, now: datetime.datetime | None = None) -> CheckRun | None:
    """Queue the next daily run unless one is already queued; None when the backend cannot defer tasks."""
    if not run_content_checks_task.get_backend().supports_defer:
        return None
    queued = CheckRun.objects.filter(status=RunStatus.QUEUED, scheduled_for__isnull=False).first()
    if queued is not None:
        return queued
    when = next_check_time(now)
    run = CheckRun.objects.create(scheduled_for=when)
    run_content_checks_task.using(run_after=when).enqueue(run_id=run.pk, external=external, repeat=True)
    return run
