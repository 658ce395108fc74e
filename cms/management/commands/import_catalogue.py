"""Import a catalogue file (XLSX or CSV, 国办发〔2019〕54号 sample layout) into a unit's catalogue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.catalogue_io import (
    FORMATS, CatalogueFileError, CatalogueNotFound, find_catalogue, import_catalogue, read_catalogue_file,
)


class Command(BaseCommand):
    help = "Import catalogue rows from an XLSX or CSV file; a file with any bad row changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="Unit code (region-department, e.g. 330199-101) or id.")
        parser.add_argument("domain", help="party, government or village (or 党务, 政务, 村务).")
        parser.add_argument("path", help="The XLSX or CSV file.")
        parser.add_argument("--format", choices=FORMATS, help="Read as this format (default: judged by content).")
        parser.add_argument("--draft", action="store_true", help="Save new items and changes as drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file.")

    def handle(self, *args, unit, domain, path, format=None, draft=False, dry_run=False, **options):
        try:
            catalogue = find_catalogue(unit, domain)
            data = read_file(path)
            if dry_run:
                rows = read_catalogue_file(data, catalogue.domain, format=format)
                self.stdout.write(f"{path} is valid for {catalogue.title}: {len(rows)} row(s); nothing was written.")
                return
            summary = import_catalogue(catalogue, data, format=format, publish=not draft)
        except CatalogueNotFound as exc:
            raise CommandError(str(exc)) from None
        except CatalogueFileError as exc:
            raise CommandError(f"{path} was refused; nothing was changed.\n{exc}") from None
        self.stdout.write(f"{catalogue.title}: {len(summary.created)} added, {len(summary.updated)} updated, "
                          f"{len(summary.unchanged)} unchanged{'' if summary.published else ' (drafts)'}.")
        for name in summary.absent:
            self.stdout.write(f"  not in the file (kept): {name}")


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from None
