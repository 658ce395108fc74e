"""Run the daily content checks now, with progress (for cron), or queue them for the task worker."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from supervision.checks import run_checks
from supervision.tasks import enqueue_content_checks, schedule_daily


class Command(BaseCommand):
    help = ("Check links, attachments and stale columns of live entries; store findings and close those no "
            "longer found (docs/supervision.md). Run daily.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the run for the task worker (db_worker).")
        parser.add_argument("--daily", action="store_true",
                            help="Queue the daily run for the task worker; each run queues the next (idempotent).")
        parser.add_argument("--no-external", action="store_true", help="Skip the HTTP checks of external links.")

    def handle(self, *args, enqueue=False, daily=False, no_external=False, **options):
        translation.activate("zh-hans")
        if daily:
            run = schedule_daily(external=not no_external)
            if run is None:
                raise CommandError("The task backend cannot defer tasks: run this command from cron instead.")
            self.stdout.write(f"daily run {run.pk} queued for {run.scheduled_for:%Y-%m-%d %H:%M}")
            return
        if enqueue:
            run = enqueue_content_checks(external=not no_external)
            self.stdout.write(f"queued run {run.pk}")
            return
        run = run_checks(external=not no_external, progress=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS(
            f"run {run.pk}: {run.entries_checked} entries, {run.links_checked} links, "
            f"+{run.opened} / -{run.closed} findings"))
