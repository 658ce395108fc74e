"""Loading the demo in stages, each of which creates only what is missing, so a second run adds nothing."""

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.models import DisclosureDocument, DisclosureImage, Role

from . import departments, government, party, village
from .accounts import DEFAULT_PASSWORD, ROLE_ACCOUNT_UNITS, Account, demo_user, ensure_accounts
from .catalogues import ROWS, ensure_catalogue_rows
from .entries import DemoDataError, EntryWriter
from .organisations import ensure_organisations, find_county
from .people import PeopleFactory
from .plan import SEED, SIZES, EntrySpec, Planner, Size
from .workflow import ensure_workflow_demo

Progress = Callable[[Iterable, str, int], Iterable]


@dataclass
class Stage:
    name: str
    created: int
    seconds: float


@dataclass
class DemoReport:
    existed: bool  # the county (the demo's marker) was there before this run
    stages: list[Stage] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)


def build_plan(size: Size, seed: int = SEED) -> list[EntrySpec]:
    """Every entry of the demo, in creation order; the same on every call."""
    planner = Planner(seed)
    village.plan(planner)
    government.plan(planner)
    departments.plan(planner)
    party.plan(planner)
    specs = [spec for spec in planner.specs if size.includes(spec)]
    _check(specs)
    return specs


def _check(specs: list[EntrySpec]) -> None:
    """Links point to earlier entries, and every entry names a row the demo can add to a catalogue."""
    seen = set()
    words = {domain: {row[0] for row in rows} for domain, rows in ROWS.items()}
    for spec in specs:
        for link in spec.links:
            if (link.unit, link.slug) not in seen:
                raise DemoDataError(f"{spec.unit}/{spec.slug} links to {link.unit}/{link.slug}, "
                                    "which is planned later or not at all.")
        if not spec.body:
            raise DemoDataError(f"{spec.unit}/{spec.slug} has no body.")
        if not words[spec.domain] & set(spec.row):
            raise DemoDataError(f"{spec.unit}/{spec.slug}: no demo catalogue row for any of {spec.row}.")
        seen.add((spec.unit, spec.slug))


def _no_progress(items: Iterable, description: str, total: int) -> Iterable:
    return items


def load_demo(size: str = "full", password: str = DEFAULT_PASSWORD, progress: Progress = _no_progress,
              seed: int = SEED) -> DemoReport:
    """Create the demo county with its units, accounts, catalogue rows and entries, or what of it is missing."""
    report = DemoReport(existed=find_county() is not None)
    people = PeopleFactory(random.Random(seed + 2))
    specs = build_plan(SIZES[size], seed)

    started = time.perf_counter()
    with transaction.atomic():
        units, created = ensure_organisations(people, SIZES[size].units)
    report.stages.append(Stage("organisations", created, time.perf_counter() - started))

    started = time.perf_counter()
    with transaction.atomic():
        report.accounts = ensure_accounts(units, people, password)
    report.stages.append(Stage("accounts", sum(account.created for account in report.accounts),
                               time.perf_counter() - started))
    admin = demo_user()

    # A page is saved three times (created, revised, published): its references are indexed once, after.
    newest = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
              for model in (Page, DisclosureDocument, DisclosureImage)}
    with disable_reference_index_auto_update():
        report.stages.append(_catalogue_stage(units, specs, admin, progress))
        report.stages.append(_entry_stage(units, specs, admin, seed, progress))
    report.stages.append(_reference_stage(newest))
    report.stages.append(_workflow_stage(units))
    # Stages of other apps, each a function (units, password) -> Stage (applications/: 依申请公开).
    for stage in hooks.get_hooks("load_demo_stage"):
        report.stages.append(stage(units, password))
    return report


def _workflow_stage(units) -> Stage:
    """Entries waiting at each step of the procedure in the demo village (see demo/workflow.py)."""
    started = time.perf_counter()
    village = units.get(ROLE_ACCOUNT_UNITS["village"])
    with transaction.atomic():
        created = ensure_workflow_demo(village) if village is not None else 0
    return Stage("entries in review", created, time.perf_counter() - started)


def _catalogue_stage(units, specs: list[EntrySpec], admin, progress: Progress) -> Stage:
    started = time.perf_counter()
    needs = defaultdict(lambda: defaultdict(list))
    for spec in specs:
        needs[spec.unit][spec.domain].append(spec.row)
    created = 0
    with transaction.atomic():
        for key, organisation in progress(units.items(), "catalogues", len(units)):
            created += ensure_catalogue_rows(organisation, needs[key], admin)
    return Stage("catalogue items", created, time.perf_counter() - started)


def _entry_stage(units, specs: list[EntrySpec], admin, seed: int, progress: Progress) -> Stage:
    started = time.perf_counter()
    users = {(unit_key, role): demo_user(f"{prefix}_{role.value}")
             for prefix, unit_key in ROLE_ACCOUNT_UNITS.items() for role in Role}
    writer = EntryWriter(units, users, admin, seed)
    missing = [spec for spec in specs if not writer.exists(spec)]
    with transaction.atomic():
        for spec in progress(missing, "entries", len(missing)):
            writer.create(spec)
    return Stage("entries", len(missing), time.perf_counter() - started)


def _reference_stage(newest: dict) -> Stage:
    """Index the references of what was created after ``newest`` (the highest primary key per model)."""
    started = time.perf_counter()
    indexed = 0
    with transaction.atomic():
        for model, pk in newest.items():
            queryset = model.objects.filter(pk__gt=pk).order_by("pk")
            for instance in queryset.specific() if model is Page else queryset:
                ReferenceIndex.create_or_update_for_object(instance)
                indexed += 1
    return Stage("references", indexed, time.perf_counter() - started)
