"""Scheduled publishing with the personal-data guard asked first: ``manage.py publish_due_entries``.

Wagtail publishes due revisions in one loop, so one entry the guard refuses would stop every later one.
Due entries the guard refuses are taken off the schedule (logged, and reported here) before Wagtail's
``publish_scheduled`` runs unchanged; they are published again after masking or an exemption, through the
workflow. It then stores 已失效 on entries whose date of invalidity has come (cms.lifecycle.expire_due_entries).

The command has its own name: Wagtail's ``publish_scheduled`` stays Wagtail's. Run by an operator, it
still cannot make a guarded entry live (the ``pre_save`` guard in cms/moderation/signals.py refuses it),
but its loop stops at that entry and never expires entries, hence the scheduler runs this one
(docs/lifecycle.md, "Running the scheduler").
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from cms import lifecycle
from cms.models import DisclosurePage

from ... import guard
from ...review import log_refusal


class Command(WagtailCommand):
    help = "Publish and unpublish scheduled pages; entries with personal-data findings are taken off the schedule."

    def handle(self, *args, **options):
        self.refuse_blocked(dryrun=options["dryrun"])
        result = super().handle(*args, **options)
        if not options["dryrun"]:
            expired = lifecycle.expire_due_entries()
            if expired and options.get("verbosity", 1) > 0:
                self.stdout.write(f"Expired (已失效): {len(expired)} entries")
        return result

    def refuse_blocked(self, dryrun: bool) -> None:
        due = Revision.objects.filter(
            approved_go_live_at__lt=timezone.now(),
            content_type=ContentType.objects.get_for_model(DisclosurePage),
        ).order_by("approved_go_live_at")
        for revision in due:
            entry = revision.as_object()
            report = guard.check(entry, revision.pk)
            if not report.blocking:
                continue
            self.stderr.write(f"Not published, personal data: {entry.title} (pk={entry.pk}, revision {revision.pk})")
            if not dryrun:
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                log_refusal(entry, None, report.messages(), revision=revision)
