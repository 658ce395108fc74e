"""manage.py load_demo: create the demo county, accounts, catalogues and entries (idempotent)."""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from demo.accounts import DEFAULT_PASSWORD
from demo.loader import load_demo
from demo.plan import SIZES


class Command(BaseCommand):
    help = ("Create an invented demo county (示范县, region code 330199) with townships, villages, departments, "
            "demo accounts, catalogues and entries. Running it again creates only what is missing.")

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="full",
                            help="full: entries from 2025-01 to 2026-11 (default); small: the last months only, "
                                 "plus the entries that show every feature (for tests).")
        parser.add_argument("--password", default=DEFAULT_PASSWORD,
                            help=f"Password of accounts created by this run (default: {DEFAULT_PASSWORD}). "
                                 "Existing accounts keep theirs.")

    def handle(self, *args, size, password, verbosity, **options):
        started = time.perf_counter()
        show = verbosity > 0

        def progress(items, description, total):
            """A progress bar on a terminal (none when stderr is not one); the stage counts follow anyway."""
            return tqdm(items, desc=description, total=total, unit="", file=sys.stderr,
                        disable=None if show else True, leave=False)

        report = load_demo(size=size, password=password, progress=progress)
        if not show:
            return
        if report.existed:
            self.stdout.write("The demo county exists already; only missing parts were created.")
        for stage in report.stages:
            self.stdout.write(f"  {stage.name:<16} {stage.created:>5} created  {stage.seconds:6.1f} s")
        self.stdout.write("")
        self.stdout.write(f"  {'username':<26} {'name':<6} {'role':<17} unit")
        for account in report.accounts:
            note = "" if account.created else "  (existing: password unchanged)"
            self.stdout.write(
                f"  {account.username:<26} {account.full_name:<6} {account.role:<17} {account.unit}{note}")
        self.stdout.write("")
        self.stdout.write(f"Password of new accounts: {password}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.perf_counter() - started:.1f} s."))
