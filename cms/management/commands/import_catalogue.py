"""Import a catalogue file (XLSX or CSV, 国办发〔2019〕54号 sample layout) into a unit's catalogue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.catalogue_io import (
    FORMATS, CatalogueFileError, CatalogueNotFound, find_catalogue, import_catalogue, read_catalogue_file,
)


class Command(BaseCommand):
    help = gettext_lazy("Import catalogue rows from an XLSX or CSV file; a file with any bad row changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("unit", help=_("Unit code (region-department, e.g. 330199-101) or id."))
        parser.add_argument("domain", help=_("party, government or village (or 党务, 政务, 村务)."))
        parser.add_argument("path", help=_("The XLSX or CSV file."))
        parser.add_argument("--format", choices=FORMATS, help=_("Read as this format (default: judged by content)."))
        parser.add_argument("--draft", action="store_true", help=_("Save new items and changes as drafts."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only check the file."))

    def handle(self, *args, unit, domain, path, format=None, draft=False, dry_run=False, **options):
        try:
            catalogue = find_catalogue(unit, domain)
            data = read_file(path)
            if dry_run:
                rows = read_catalogue_file(data, catalogue.domain, format=format)
                message = ngettext("%(path)s is valid for %(catalogue)s: %(count)d row; nothing was written.",
                                   "%(path)s is valid for %(catalogue)s: %(count)d rows; nothing was written.",
                                   len(rows))
                self.stdout.write(message % {"path": path, "catalogue": catalogue.title, "count": len(rows)})
                return
            summary = import_catalogue(catalogue, data, format=format, publish=not draft)
        except CatalogueNotFound as exc:
            raise CommandError(str(exc)) from None
        except CatalogueFileError as exc:
            raise CommandError(_("%(path)s was refused; nothing was changed.") % {"path": path} + f"\n{exc}") from None
        if summary.published:
            message = _("%(catalogue)s: %(added)d added, %(updated)d updated, %(unchanged)d unchanged.")
        else:
            message = _("%(catalogue)s: %(added)d added, %(updated)d updated, %(unchanged)d unchanged "
                        "(saved as drafts).")
        self.stdout.write(message % {"catalogue": catalogue.title, "added": len(summary.created),
                                     "updated": len(summary.updated), "unchanged": len(summary.unchanged)})
        for name in summary.absent:
            self.stdout.write("  " + _("not in the file (kept): %(name)s") % {"name": name})


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(_("Cannot read %(path)s: %(error)s") % {
            "path": path, "error": exc.strerror or exc}) from None
