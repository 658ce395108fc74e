"""Indicators over a period (docs/supervision.md «指标»): supervision's own figures and those other apps
provide through the ``supervision_figures`` hook, in the hook's shape::

    {code: {"label": 中文, "unit": "%", "higher_is_better": True,
            "values": {organisation_id: (value or None, evidence)}}}

Each figure is computed for each unit on its own entries and rows (not its subtree), in one or two
queries whatever the number of units. A unit without anything to measure gets ``None`` (no value).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.models import CatalogueItemPage, DisclosureLink, DisclosurePage
from cms.models.choices import LinkKind, Manner, TimeLimitKind

from .models import CheckKind, Finding

__all__ = ["all_figures", "own_figures", "percent"]


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _names(titles: list[str], limit: int = 5) -> str:
    shown = "、".join(titles[:limit])
    return shown + (_("…and %(n)s more") % {"n": len(titles) - limit} if len(titles) > limit else "")


def _org_ids(organisations) -> list[int]:
    return list(organisations.values_list("pk", flat=True))


def updates(org_ids, start, end) -> dict:
    """更新数: entries first published in the period."""
    counts = dict(DisclosurePage.objects.filter(organisation_id__in=org_ids, first_published_on__range=(start, end))
                  .order_by().values_list("organisation_id").annotate(n=Count("pk")))
    return {pk: (counts.get(pk, 0), _("%(n)s entries published from %(start)s to %(end)s")
                 % {"n": counts.get(pk, 0), "start": start, "end": end}) for pk in org_ids}


def timeliness(org_ids, start, end, today) -> dict:
    """按时公开率: of the prompt entries due in the period (due before today, or already published), the
    share published by their due date (条例 §26)."""
    rows = (DisclosurePage.objects.filter(organisation_id__in=org_ids, due_on__range=(start, end))
            .filter(Q(due_on__lt=today) | Q(first_published_on__isnull=False)).exclude(withdrawn_at__isnull=False,
                                                                                     first_published_on__isnull=True)
            .values_list("organisation_id", "title", "due_on", "first_published_on"))
    due, late = defaultdict(int), defaultdict(list)
    for organisation_id, title, due_on, published in rows:
        due[organisation_id] += 1
        if published is None or published > due_on:
            late[organisation_id].append(title)
    result = {}
    for pk in org_ids:
        if not due[pk]:
            result[pk] = (None, _("No prompt entry was due in the period."))
            continue
        on_time = due[pk] - len(late[pk])
        evidence = _("%(on_time)s of %(due)s prompt entries published on time") % {"on_time": on_time, "due": due[pk]}
        if late[pk]:
            evidence += _("; late: %(names)s") % {"names": _names(late[pk])}
        result[pk] = (percent(on_time, due[pk]), evidence)
    return result


def completeness(org_ids, start, end) -> dict:
    """目录完整率: of the unit's active proactive rows (without child rows; prompt rows excepted, they depend
    on events), the share with an entry — periodic rows: published in the period; standing and by-stage
    rows: published by its end."""
    child_rows = CatalogueItemPage.objects.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    published = DisclosurePage.objects.filter(catalogue_item=OuterRef("pk"), live=True, withdrawn_at__isnull=True)
    rows = (CatalogueItemPage.objects.filter(organisation_id__in=org_ids, live=True, retired_at__isnull=True,
                                             manner=Manner.PROACTIVE, first_published_at__date__lte=end)
            .exclude(time_limit_kind=TimeLimitKind.PROMPT)
            .annotate(has_child_rows=Exists(child_rows),
                      in_period=Exists(published.filter(first_published_on__range=(start, end))),
                      by_end=Exists(published.filter(first_published_on__lte=end)))
            .values_list("organisation_id", "title", "time_limit_kind", "has_child_rows", "in_period", "by_end"))
    total, missing = defaultdict(int), defaultdict(list)
    for organisation_id, title, kind, has_children, in_period, by_end in rows:
        if has_children:
            continue
        total[organisation_id] += 1
        if not (in_period if kind == TimeLimitKind.PERIODIC else by_end):
            missing[organisation_id].append(title)
    result = {}
    for pk in org_ids:
        if not total[pk]:
            result[pk] = (None, _("No catalogue row to measure."))
            continue
        covered = total[pk] - len(missing[pk])
        evidence = _("%(covered)s of %(total)s catalogue rows have entries") % {"covered": covered, "total": total[pk]}
        if missing[pk]:
            evidence += _("; missing: %(names)s") % {"names": _names(missing[pk])}
        result[pk] = (percent(covered, total[pk]), evidence)
    return result


def interpretation_ratio(org_ids, start, end) -> dict:
    """政策解读率 (三同步): of the policies published in the period — entries under rows that require an
    interpretation (``requires_interpretation``) that do not themselves interpret another entry — the share
    that a published interpretation links to."""
    interpreted = DisclosureLink.objects.filter(kind=LinkKind.INTERPRETS, target=OuterRef("pk"),
                                                page__live=True)
    interprets = DisclosureLink.objects.filter(kind=LinkKind.INTERPRETS, page=OuterRef("pk"))
    rows = (DisclosurePage.objects.filter(organisation_id__in=org_ids, first_published_on__range=(start, end),
                                          live=True, catalogue_item__requires_interpretation=True)
            .annotate(interpreted=Exists(interpreted), interprets=Exists(interprets)).filter(interprets=False)
            .values_list("organisation_id", "title", "interpreted"))
    total, without = defaultdict(int), defaultdict(list)
    for organisation_id, title, has_interpretation in rows:
        total[organisation_id] += 1
        if not has_interpretation:
            without[organisation_id].append(title)
    result = {}
    for pk in org_ids:
        if not total[pk]:
            result[pk] = (None, _("No policy document was published in the period."))
            continue
        done = total[pk] - len(without[pk])
        evidence = _("%(done)s of %(total)s policies have an interpretation") % {"done": done, "total": total[pk]}
        if without[pk]:
            evidence += _("; without: %(names)s") % {"names": _names(without[pk])}
        result[pk] = (percent(done, total[pk]), evidence)
    return result


def link_health(org_ids) -> dict:
    """链接健康率: of the unit's live entries, the share without an open finding of a broken link or an
    unreadable attachment (the latest daily check)."""
    broken_kinds = [CheckKind.INTERNAL_LINK, CheckKind.EXTERNAL_LINK, CheckKind.ATTACHMENT]
    live = dict(DisclosurePage.objects.filter(organisation_id__in=org_ids, live=True, withdrawn_at__isnull=True)
                .order_by().values_list("organisation_id").annotate(n=Count("pk")))
    broken = dict(Finding.objects.filter(organisation_id__in=org_ids, closed_at__isnull=True, kind__in=broken_kinds,
                                         page__isnull=False).order_by().values_list("organisation_id")
                  .annotate(n=Count("page_id", distinct=True)))
    result = {}
    for pk in org_ids:
        if not live.get(pk):
            result[pk] = (None, _("No live entry."))
            continue
        healthy = live[pk] - min(broken.get(pk, 0), live[pk])
        result[pk] = (percent(healthy, live[pk]), _("%(broken)s of %(live)s live entries have broken links or files")
                      % {"broken": broken.get(pk, 0), "live": live[pk]})
    return result


def own_figures(organisations, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    org_ids = _org_ids(organisations)
    return {
        "updates": {"label": _("Entries published"), "unit": _("entries"), "higher_is_better": True,
                    "values": updates(org_ids, start, end)},
        "timeliness": {"label": _("On-time rate"), "unit": "%", "higher_is_better": True,
                       "values": timeliness(org_ids, start, end, today)},
        "completeness": {"label": _("Catalogue completeness"), "unit": "%", "higher_is_better": True,
                         "values": completeness(org_ids, start, end)},
        "interpretation_ratio": {"label": _("Interpretation ratio"), "unit": "%", "higher_is_better": True,
                                 "values": interpretation_ratio(org_ids, start, end)},
        "link_health": {"label": _("Link health"), "unit": "%", "higher_is_better": True,
                        "values": link_health(org_ids)},
    }


def all_figures(organisations, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> dict:
    """Supervision's figures and every ``supervision_figures`` hook's (a hook's code wins over nothing of
    ours: the codes are distinct by convention, an app prefixing its own)."""
    figures = own_figures(organisations, start, end, today)
    for hook in hooks.get_hooks("supervision_figures"):
        for code, figure in (hook(organisations, start, end) or {}).items():
            figures.setdefault(code, figure)
    return figures
