"""Assessment (考核, docs/supervision.md «考核»): scores per unit for a period from the indicators and weights
kept as data (:class:`~supervision.models.Indicator`).

For each active indicator a unit's figure (supervision.figures, including the apps' ``supervision_figures``
hooks) earns points linearly between ``zero_at`` (0 points) and ``full_at`` (the whole weight), clamped; a
lower-is-better indicator simply has ``full_at < zero_at`` (reply in 5 days: full; 20 days: none). A unit
without a value for an indicator gets no points for it and the weight leaves its maximum, so that a unit is
not punished for what it does not have (a village receives no applications). The score is
``100 × points / maximum``; units are ranked by score, ties sharing a rank.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .figures import all_figures
from .models import Indicator


@dataclass
class Point:
    indicator: Indicator
    value: float | None
    points: Decimal | None
    evidence: str


@dataclass
class UnitScore:
    organisation: object
    points: list[Point] = field(default_factory=list)
    total: Decimal = Decimal(0)
    maximum: Decimal = Decimal(0)
    rank: int = 0

    @property
    def score(self) -> Decimal | None:
        if not self.maximum:
            return None
        return (Decimal(100) * self.total / self.maximum).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def points_for(indicator: Indicator, value) -> Decimal:
    span = Decimal(indicator.full_at) - Decimal(indicator.zero_at)
    share = (Decimal(str(value)) - Decimal(indicator.zero_at)) / span
    share = min(Decimal(1), max(Decimal(0), share))
    return (Decimal(indicator.weight) * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def assess(organisations, start: datetime.date, end: datetime.date, today: datetime.date | None = None,
           figures: dict | None = None) -> list[UnitScore]:
    """Scores of every unit in ``organisations`` (a queryset), ranked, best first."""
    indicators = list(Indicator.objects.filter(active=True))
    figures = figures if figures is not None else all_figures(organisations, start, end, today)
    scores = []
    for organisation in organisations.order_by("path"):
        unit = UnitScore(organisation)
        for indicator in indicators:
            figure = figures.get(indicator.code)
            value, evidence = (figure["values"].get(organisation.pk, (None, "")) if figure
                               else (None, _("No application provides this indicator.")))
            if value is None:
                unit.points.append(Point(indicator, None, None, evidence or _("No value.")))
                continue
            points = points_for(indicator, value)
            unit.points.append(Point(indicator, value, points, evidence))
            unit.total += points
            unit.maximum += Decimal(indicator.weight)
        scores.append(unit)
    ranked = sorted(scores, key=lambda s: (s.score is None, -(s.score or 0), s.organisation.path))
    previous, rank = None, 0
    for position, unit in enumerate(ranked, start=1):
        if unit.score is None:
            unit.rank = 0
            continue
        if unit.score != previous:
            rank, previous = position, unit.score
        unit.rank = rank
    return ranked
