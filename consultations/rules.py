"""Minimum consultation periods (docs/interaction.md «征求意见», 最短期限), counted in calendar days with the
first and the last day included:

- party 预公开 to the public: at least half a month, 15 days; inside the party: at least one week, 7 days
  (local practice under 《中国共产党党务公开条例（试行）》; the standard party catalogue's row 重大决策预公开);
- major government decisions: as the unit configures, by default 30 days
  (《重大行政决策程序暂行条例》（国务院令第713号）第十四条: 公开征求意见期限一般不少于30日);
- village matters: as the unit configures, by default 7 days (local practice).

A unit's own figures live in ``UnitConsultationRules``; the defaults are the settings
``CONSULTATIONS_GOVERNMENT_MIN_DAYS`` (30) and ``CONSULTATIONS_VILLAGE_MIN_DAYS`` (7).
"""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _, gettext_lazy

from cms.conf import setting

from .choices import Kind

PARTY_PUBLIC_MIN_DAYS = 15
PARTY_INTERNAL_MIN_DAYS = 7

SOURCES = {
    Kind.PARTY_PUBLIC: gettext_lazy("party pre-disclosure to the public: at least half a month (local practice)"),
    Kind.PARTY_INTERNAL: gettext_lazy("party pre-disclosure inside the party: at least one week (local practice)"),
    Kind.GOVERNMENT: gettext_lazy("major government decisions: as the unit configures "
                                  "(State Council Decree No. 713, art. 14: generally at least 30 days)"),
    Kind.VILLAGE: gettext_lazy("village matters: as the unit configures"),
}


def period_days(start: datetime.date, end: datetime.date) -> int:
    """Calendar days of a period, its first and last day included."""
    return (end - start).days + 1


def minimum_days(kind: str, organisation, memo: dict | None = None) -> int:
    """The shortest period allowed for a consultation of ``kind`` at ``organisation``; ``memo`` (a dict) keeps
    the units' rules across calls."""
    if kind == Kind.PARTY_PUBLIC:
        return PARTY_PUBLIC_MIN_DAYS
    if kind == Kind.PARTY_INTERNAL:
        return PARTY_INTERNAL_MIN_DAYS
    UnitConsultationRules = apps.get_model("consultations", "UnitConsultationRules")  # the model calls this module
    key = getattr(organisation, "pk", None)
    if memo is not None and key in memo:
        rules = memo[key]
    else:
        rules = UnitConsultationRules.objects.filter(organisation_id=key).first() if key else None
        if memo is not None:
            memo[key] = rules
    if kind == Kind.GOVERNMENT:
        configured = rules.government_min_days if rules else None
        return configured if configured is not None else int(setting("CONSULTATIONS_GOVERNMENT_MIN_DAYS", 30))
    configured = rules.village_min_days if rules else None
    return configured if configured is not None else int(setting("CONSULTATIONS_VILLAGE_MIN_DAYS", 7))


def too_short(kind: str, organisation, start: datetime.date, end: datetime.date, memo: dict | None = None) -> str | None:
    """The refusal for a period shorter than the rule, or None when it is long enough."""
    minimum, actual = minimum_days(kind, organisation, memo), period_days(start, end)
    if actual >= minimum:
        return None
    return _("The consultation period must last at least %(minimum)s calendar days (%(rule)s); "
             "%(start)s to %(end)s has %(actual)s.") % {
        "minimum": minimum, "rule": SOURCES[kind], "start": start, "end": end, "actual": actual}


def check_period(kind: str, organisation, start, end) -> None:
    """Raise ValidationError (on ``ends_on``) for a period that ends before it starts or is too short."""
    if not start or not end:
        return
    if end < start:
        raise ValidationError({"ends_on": _("The consultation period ends before it starts.")})
    refusal = too_short(kind, organisation, start, end)
    if refusal:
        raise ValidationError({"ends_on": refusal})
