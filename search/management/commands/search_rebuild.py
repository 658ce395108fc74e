"""Rebuild the search index from the database without downtime (resumable)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from search.backends import get_backend
from search.rebuild import REBUILD_BATCH, needs_rebuild, rebuild_index
from search.types import SearchBackendError


class Command(BaseCommand):
    help = _("Build a new search index from the database and swap it in; resumes an interrupted build.")

    def add_arguments(self, parser):
        parser.add_argument("--no-resume", action="store_true", help=_("Start again instead of resuming."))
        parser.add_argument("--if-needed", action="store_true",
                            help=_("Only when the index is missing or built with another dictionary."))
        parser.add_argument("--batch-size", type=int, default=REBUILD_BATCH,
                            help=_("Entries read from the database at a time (default %(default)s)."))
        parser.add_argument("--processes", type=int, default=None,
                            help=_("Processes analysing the text (default: every core for a large index)."))

    def handle(self, *args, no_resume, if_needed, batch_size, processes, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        if processes is not None and processes < 1:
            raise CommandError(_("--processes must be at least 1."))
        backend = get_backend()
        try:
            if if_needed:
                reason = needs_rebuild(backend)
                if not reason:
                    self.stdout.write(_("The search index is up to date."))
                    return
                self.stdout.write(_("Rebuilding: %(reason)s") % {"reason": reason})
            bar = tqdm(unit=_("entries"), disable=options.get("verbosity", 1) == 0, file=self.stderr)

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            report = rebuild_index(backend, resume=not no_resume, batch_size=batch_size, processes=processes,
                                   progress=progress)
            bar.close()
        except SearchBackendError as exc:
            raise CommandError(_("Rebuild failed (run the command again to resume): %(error)s") % {"error": exc})
        finally:
            backend.close()
        if report.resumed:
            message = _("Resumed and finished %(target)s: %(count)d entries indexed, %(failed)d failed, "
                        "%(requeued)d changed during the build queued again.")
        else:
            message = _("Built %(target)s: %(count)d entries indexed, %(failed)d failed, "
                        "%(requeued)d changed during the build queued again.")
        self.stdout.write(message % {"target": report.target, "count": report.indexed,
                                     "failed": len(report.failed), "requeued": report.requeued})
        for page_id, error in sorted(report.failed.items(), key=lambda item: str(item[0]))[:20]:
            self.stderr.write("  " + _("entry %(id)s: %(error)s") % {"id": page_id, "error": error})
