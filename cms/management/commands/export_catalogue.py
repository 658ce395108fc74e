"""Export a unit's catalogue as XLSX or CSV in the 国办发〔2019〕54号 sample layout."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.catalogue_io import FORMATS, CatalogueNotFound, export_catalogue, find_catalogue


class Command(BaseCommand):
    help = gettext_lazy(
        "Export a catalogue to an XLSX or CSV file (CSV in UTF-8 with BOM) that imports back unchanged.")

    def add_arguments(self, parser):
        parser.add_argument("unit", help=_("Unit code (region-department, e.g. 330199-101) or id."))
        parser.add_argument("domain", help=_("party, government or village (or 党务, 政务, 村务)."))
        parser.add_argument("path", help=_("The file to write."))
        parser.add_argument("--format", choices=FORMATS, help=_("Default: from the file's extension, else xlsx."))

    def handle(self, *args, unit, domain, path, format=None, **options):
        try:
            catalogue = find_catalogue(unit, domain)
        except CatalogueNotFound as exc:
            raise CommandError(str(exc)) from None
        suffix = Path(path).suffix.lower().lstrip(".")
        format = format or (suffix if suffix in FORMATS else "xlsx")
        try:
            Path(path).write_bytes(export_catalogue(catalogue, format))
        except OSError as exc:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {
                "path": path, "error": exc.strerror or exc}) from None
        self.stdout.write(_("%(catalogue)s written to %(path)s (%(format)s).") % {
            "catalogue": catalogue.title, "path": path, "format": format})
