"""Apply the search index queue continuously; owns the embedded index's writer.

Several workers may run at once (:func:`search.indexing.claim` keeps them off each other's
pages). With the embedded index only one process can hold its writer: the others stand by,
looking again every ``STANDBY`` seconds, and take over when the owner stops.
"""

import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from search.backends import get_backend
from search.indexing import process_batch, purge_done, queue_status
from search.rebuild import needs_rebuild, rebuild_index
from search.types import IndexLocked, SearchBackendError

PURGE_EVERY = 3600.0
STANDBY = 5.0


class Command(BaseCommand):
    help = _("Apply queued search index changes in batches, retrying when the engine is down.")

    def add_arguments(self, parser):
        parser.add_argument("--poll", type=float, default=0.25,
                            help=_("Seconds between looks at an empty queue (default 0.25)."))
        parser.add_argument("--once", action="store_true", help=_("Apply what is due now, then stop."))
        parser.add_argument("--no-auto-rebuild", action="store_true",
                            help=_("Do not rebuild a missing or outdated index on start."))
        parser.add_argument("--stop-after", type=float, default=None,
                            help=_("Stop after this many seconds (tests, scheduled runs)."))

    def handle(self, *args, poll, once, no_auto_rebuild, stop_after, **options):
        self._stop = False
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, self._request_stop)
        self._deadline = time.monotonic() + stop_after if stop_after is not None else None
        backend = get_backend()
        try:
            if not no_auto_rebuild:
                self._rebuild_if_needed(backend)
            self._loop(backend, poll, once)
        except KeyboardInterrupt:
            pass
        finally:
            backend.close()
            self.stdout.write(_("search worker stopped"))

    def _request_stop(self, *_args):
        self._stop = True

    def _rebuild_if_needed(self, backend):
        reason = needs_rebuild(backend)
        if not reason:
            return
        self.stdout.write(_("rebuilding the search index: %(reason)s") % {"reason": reason})
        try:
            report = rebuild_index(backend)
        except (IndexLocked, SearchBackendError) as exc:
            self.stderr.write(_("rebuild failed, run manage.py search_rebuild: %(error)s") % {"error": exc})
            return
        self.stdout.write(_("rebuilt %(target)s: %(count)d entries") % {"target": report.target,
                                                                        "count": report.indexed})

    def _loop(self, backend, poll: float, once: bool):
        status = queue_status()
        self.stdout.write(_("search worker (%(backend)s) started; %(pending)d tasks pending")
                          % {"backend": backend.name, "pending": status.pending})
        last_purge = 0.0
        standing_by = False
        while not self._stop and (self._deadline is None or time.monotonic() < self._deadline):
            if not connection.in_atomic_block:  # called from a test's transaction: keep its connection
                close_old_connections()
            try:
                result = process_batch(backend)
                if time.monotonic() - last_purge > PURGE_EVERY:  # a query too: inside, or a lost database ends us
                    purge_done()
                    last_purge = time.monotonic()
            except OperationalError as exc:  # a busy or restarting database: nothing was taken, try again
                self.stderr.write(_("the database did not answer (%(error)s); trying again") % {"error": exc})
                if once:
                    break
                time.sleep(max(poll, 1.0))
                continue
            if (result.error == "locked") != standing_by:
                standing_by = not standing_by
                self.stdout.write(_("another process owns the search index writer; standing by") if standing_by
                                  else _("search index writer taken over"))
            if result.tasks or result.failed:
                self.stdout.write(_("%(time)s indexed %(indexed)d, deleted %(deleted)d, failed %(failed)d%(error)s")
                                  % {"time": timezone.localtime().strftime("%H:%M:%S"), "indexed": result.indexed,
                                     "deleted": result.deleted, "failed": result.failed,
                                     "error": f" ({result.error})" if result.error else ""})
            if result.empty or result.error:
                if once:
                    break
                time.sleep(max(poll, STANDBY) if standing_by else poll)
