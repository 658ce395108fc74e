"""The demo's entries as plain data: what to create, decided by a seeded random generator before the
database is touched, so that every run plans the same entries and a second run finds them all.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from blocks import Gender
from cms.models import DisclosureAttribute, Domain, OrganisationLevel, Topic

from cms.demo.body import BlockSpec
from .organisations import COUNTY_NAME, UNITS_BY_KEY
from .people import PeopleFactory
from .workdays import add_working_days, on_or_after

FIRST_MONTH = (2025, 1)
LAST_MONTH = (2026, 11)
# Entries planned after this day are left as drafts (not yet published).
LAST_PUBLICATION_DAY = datetime.date(2026, 11, 20)
SEED = 330199
EDUCATIONS = ("大学本科", "大学本科", "研究生", "大学专科", "中央党校大学")


@dataclass(frozen=True)
class Size:
    """How much to create: the units named (all when None) and their entries of the months from
    ``first_month`` on, plus the entries marked always."""

    name: str
    first_month: tuple[int, int]
    units: frozenset[str] | None = None

    def includes(self, spec: "EntrySpec") -> bool:
        in_window = spec.always or (spec.planned_on.year, spec.planned_on.month) >= self.first_month
        return in_window and (self.units is None or spec.unit in self.units)


SIZES = {
    "full": Size("full", FIRST_MONTH),
    # One unit of each level, with the demo accounts' units: still every feature, in a third of the time.
    "small": Size("small", (2026, 9), frozenset({"county", "civil_affairs", "dongshan", "dongshan_village"})),
}


@dataclass(frozen=True)
class LinkSpec:
    kind: str
    unit: str
    slug: str


@dataclass(frozen=True)
class WithheldSpec:
    """A body block withheld from the public (区分处理): its index in the body, reason and basis."""

    block: int
    description: str
    ground: str
    legal_basis: str


@dataclass
class EntrySpec:
    unit: str
    domain: str
    slug: str
    row: tuple[str, ...]  # words naming the catalogue item, best first
    title: str
    summary: str
    planned_on: datetime.date
    topic: str = Topic.OTHER
    keywords: str = ""
    written_on: datetime.date | None = None
    document_number: str = ""
    publishing_body: str = ""
    period_covered: str = ""
    notice_start: datetime.date | None = None
    notice_end: datetime.date | None = None
    information_formed_on: datetime.date | None = None
    scope: str = ""
    attribute: str = DisclosureAttribute.PROACTIVE
    body: list[BlockSpec] = field(default_factory=list)
    links: list[LinkSpec] = field(default_factory=list)
    withheld: list[WithheldSpec] = field(default_factory=list)
    withdrawal_reason: str = ""
    always: bool = False  # planned in every size (features the demo must show)

    @property
    def is_draft(self) -> bool:
        return self.planned_on > LAST_PUBLICATION_DAY

    @property
    def published_on(self) -> datetime.date | None:
        return None if self.is_draft else self.planned_on

    @property
    def block_types(self) -> set[str]:
        return {block.type for block in self.body}


class Planner:
    """Collects entry specs; gives out document numbers, invented people and publication days."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.people = PeopleFactory(random.Random(seed + 1))
        self.specs: list[EntrySpec] = []
        self._numbers: Counter = Counter()
        self._slugs: set[tuple[str, str]] = set()

    def add(self, spec: EntrySpec) -> EntrySpec:
        key = (spec.unit, spec.slug)
        if key in self._slugs:
            raise ValueError(f"Two demo entries of {spec.unit} share the slug {spec.slug}.")
        self._slugs.add(key)
        if not spec.publishing_body:
            spec.publishing_body = publishing_body(spec.unit, spec.domain)
        self.specs.append(spec)
        return spec

    def document_number(self, prefix: str, year: int) -> str:
        """The next number of a document series, e.g. 县政发〔2026〕3号."""
        self._numbers[prefix, year] += self.rng.randint(1, 4)
        return f"{prefix}〔{year}〕{self._numbers[prefix, year]}号"

    def day(self, year: int, month: int, day: int) -> datetime.date:
        """A working day on or after the given day; days past the calendar's range stay as they are
        (such entries are drafts)."""
        date = datetime.date(year, month, day)
        return date if date > LAST_PUBLICATION_DAY else on_or_after(date)

    def later(self, date: datetime.date, days: int) -> datetime.date:
        """The first working day at least ``days`` calendar days after ``date``."""
        later = date + datetime.timedelta(days=days)
        return later if later > LAST_PUBLICATION_DAY else on_or_after(later)

    def amount(self, low: int, high: int, step: int = 1) -> int:
        return self.rng.randrange(low, high, step)

    def notice(self, start: datetime.date, working_days: int) -> tuple[datetime.date, datetime.date]:
        """A notice period (公示期) of at least ``working_days`` working days from ``start``."""
        return start, add_working_days(start, working_days)

    def person(self, current_post: str, proposed_post: str = "", ages: tuple[int, int] = (28, 52),
               education: str = "") -> dict:
        """An invented person of a notice: name, gender, month of birth, education and posts."""
        birth_year = LAST_PUBLICATION_DAY.year - self.rng.randint(*ages)
        return {
            "name": self.people.name(),
            "gender": self.rng.choice(Gender.values),
            "birth_month": f"{birth_year}-{self.rng.randint(1, 12):02d}",
            "education": education or self.rng.choice(EDUCATIONS),
            "current_post": current_post,
            "proposed_post": proposed_post,
        }


def months(first: tuple[int, int] = FIRST_MONTH, last: tuple[int, int] = LAST_MONTH):
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


def government_name(unit: str) -> str:
    spec = UNITS_BY_KEY[unit]
    if spec.level == OrganisationLevel.COUNTY:
        return f"{COUNTY_NAME}人民政府"
    if spec.level == OrganisationLevel.TOWNSHIP:
        return f"{spec.short_name}人民政府"
    return spec.name


def party_name(unit: str) -> str:
    spec = UNITS_BY_KEY[unit]
    if spec.level == OrganisationLevel.COUNTY:
        return f"中共{COUNTY_NAME}委员会"
    if spec.level == OrganisationLevel.TOWNSHIP:
        return f"中共{spec.short_name}委员会"
    if spec.level == OrganisationLevel.VILLAGE:
        return f"中共{spec.short_name}支部委员会"
    return f"中共{spec.name}机关支部委员会"


def village_committee_name(unit: str) -> str:
    return f"{UNITS_BY_KEY[unit].short_name}村民委员会"


def publishing_body(unit: str, domain: str) -> str:
    if domain == Domain.PARTY:
        return party_name(unit)
    if domain == Domain.VILLAGE:
        return village_committee_name(unit)
    return government_name(unit)
