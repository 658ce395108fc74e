"""Enter a year's holiday schedule from a file of lines (format: cms.workdays.forms)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.workdays.forms import parse_day_lines, save_day_lines
from cms.workdays.models import CalendarYear


class Command(BaseCommand):
    help = ("Add or update a year's holidays and adjusted working days from FILE "
            "(lines like '2027-01-01 holiday 元旦'); --complete marks the year usable.")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path, help="UTF-8 text file")
        parser.add_argument("--complete", action="store_true", help="mark the year complete (all days entered)")
        parser.add_argument("--source", default="", help="the notice the schedule comes from")

    def handle(self, *args, year, file, complete, source, **options):
        try:
            lines = parse_day_lines(file.read_text(encoding="utf-8"), year)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        try:
            with transaction.atomic():
                calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
                calendar_year.complete = calendar_year.complete or complete
                calendar_year.source = source or calendar_year.source
                calendar_year.full_clean()
                calendar_year.save()
                count = save_day_lines(calendar_year, lines)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        state = "complete" if calendar_year.complete else "NOT complete (add --complete when all days are in)"
        self.stdout.write(f"{year}: {count} day(s) entered; the year is {state}.")
