"""Show the search backend's health and the index queue."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.backends import get_backend
from search.indexing import queue_status


class Command(BaseCommand):
    help = _("Show the search index and its queue: pending, failing, last error.")

    def handle(self, *args, **options):
        backend = get_backend()
        health = backend.health()
        backend.close()
        status = queue_status()
        lines = [
            _("backend: %(name)s — %(state)s — %(detail)s") % {
                "name": health.backend, "state": _("ok") if health.ok else _("NOT OK"), "detail": health.detail},
        ]
        if health.metadata:
            lines.append(_("index: %(name)s, %(docs)d documents, dictionary %(hash)s, schema %(schema)s, built %(at)s")
                         % {"name": health.metadata.name, "docs": health.metadata.documents,
                            "hash": health.metadata.dictionary_hash, "schema": health.metadata.schema_version,
                            "at": health.metadata.created_at})
        if health.rebuild_required:
            lines.append(_("REBUILD REQUIRED: run manage.py search_rebuild"))
        lines.append(_("queue: %(pending)d pending (%(due)d due), %(failing)d failing, "
                       "%(done)d applied in the last hour") % {
            "pending": status.pending, "due": status.due, "failing": status.failing, "done": status.done_last_hour})
        if status.oldest_pending:
            lines.append(_("oldest pending: %(when)s") % {"when": status.oldest_pending.isoformat(timespec="seconds")})
        if status.failing:
            lines.append(_("next retry: %(when)s after %(attempts)d attempts; last error: %(error)s") % {
                "when": status.next_retry.isoformat(timespec="seconds"), "attempts": status.max_attempts,
                "error": status.last_error})
        for line in lines:
            self.stdout.write(line)
