"""Compare the search index with the database: counts, missing and extra entries, and a sample
compared field by field, bodies and attachment texts included."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.backends import get_backend
from search.consistency import check_consistency
from search.indexing import enqueue


class Command(BaseCommand):
    help = _("Check that the search index holds exactly the indexable entries, with current fields.")

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=200, help=_("Entries whose fields are compared."))
        parser.add_argument("--repair", action="store_true", help=_("Queue every differing entry for re-indexing."))

    def handle(self, *args, sample, repair, **options):
        backend = get_backend()
        try:
            report = check_consistency(backend, sample=sample)
        finally:
            backend.close()
        self.stdout.write(_("database: %(db)d indexable entries; index: %(index)d documents") % {
            "db": report.database_count, "index": report.index_count})
        self.stdout.write(_("missing from the index: %(n)d %(ids)s") % {
            "n": len(report.missing), "ids": sorted(report.missing)[:20]})
        self.stdout.write(_("in the index but not indexable: %(n)d %(ids)s") % {
            "n": len(report.extra), "ids": sorted(report.extra)[:20]})
        self.stdout.write(_("sample of %(n)d: %(bad)d differ") % {"n": report.sampled, "bad": len(report.differing)})
        for page_id, fields in sorted(report.differing.items())[:20]:
            self.stdout.write("  " + _("entry %(id)s: %(fields)s") % {"id": page_id, "fields": ", ".join(fields)})
            for name, (indexed, expected) in report.details.get(page_id, {}).items():
                self.stdout.write("    " + _("%(field)s: index %(indexed)s, database %(expected)s") % {
                    "field": name, "indexed": indexed, "expected": expected})
        if report.consistent:
            self.stdout.write(_("consistent"))
            return
        if repair:
            queued = enqueue(report.missing | report.extra | set(report.differing))
            self.stdout.write(_("%(n)d entries queued for re-indexing") % {"n": queued})
            return
        raise CommandError(_("The search index differs from the database (use --repair to queue fixes)."))
