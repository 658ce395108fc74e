"""The daily content checks as a background job (django-tasks; the database backend's ``db_worker`` runs it,
docs/supervision.md «每日检查»). Something must enqueue it once a day: cron calling
``manage.py run_content_checks --enqueue`` (or running the checks in place without ``--enqueue``)."""

from django_tasks import task

from .models import CheckRun


@task()
def run_content_checks_task(run_id: int | None = None, external: bool = True) -> int:
    """Run the checks (for the queued run ``run_id`` if given); returns the run's id."""
    from .checks import run_checks

    run = CheckRun.objects.filter(pk=run_id).first() if run_id else None
    return run_checks(external=external, run=run).pk


def enqueue_content_checks(external: bool = True) -> CheckRun:
    run = CheckRun.objects.create()
    run_content_checks_task.enqueue(run_id=run.pk, external=external)
    return run
