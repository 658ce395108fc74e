"""The timeliness engine (时效督查, docs/supervision.md «时效»): what is late or missing now for a unit and its
subtree. Pure queries, a fixed number of them whatever the number of units, rows or entries (tests count
them); every date on the official calendar (cms.workdays).

Kinds (stable codes, the ``kind`` of the ``supervision_findings`` hook):

* ``periodic_overdue`` — a periodic row (定期公开) whose next entry was due before today
  (``cms.schedule.next_due``: the period after the latest publication, or the row's own terms);
* ``prompt_overdue`` — an entry of a prompt row (及时公开) not yet published after its stored due date
  (条例 §26: 20 working days, or the row's shorter limit); lateness in working days;
* ``not_disclosed`` — 应公开未公开: a periodic row with no entry published in the current period, or a
  standing (长期) or by-stage row with no entry at all;
* ``standing_unreviewed`` — a standing row whose row and entries were last published more than a year ago;
* ``review_stuck`` — an entry waiting at a review step of its workflow for more than
  ``SUPERVISION_REVIEW_STUCK_WORKING_DAYS`` (default 5) working days;
* whatever the apps report through the ``supervision_findings`` hook (applications, feedback, the cms's
  policies without interpretation, consultations, annual reports).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import TaskState

from cms.conf import setting
from cms.models import CatalogueItemPage, DisclosurePage, Organisation
from cms.models.choices import Manner, TimeLimitKind
from cms.schedule import MONTHS_PER_PERIOD, next_due, period_end
from cms.workdays.service import CalendarYearMissing, add_working_days, working_days_between

__all__ = ["Finding", "findings", "findings_head", "kind_labels", "own_findings", "period_start", "subtree"]


def kind_labels() -> dict[str, str]:
    return {
        "periodic_overdue": _("Periodic row overdue"),
        "prompt_overdue": _("Prompt entry overdue"),
        "not_disclosed": _("Should be public but is not"),
        "standing_unreviewed": _("Standing row not reviewed for a year"),
        "review_stuck": _("Entry waiting at a review step"),
    }


@dataclass(frozen=True)
class Finding:
    """One line of the lists: the shape of the ``supervision_findings`` hook's dicts."""

    kind: str
    kind_label: str
    organisation: Organisation
    subject: str
    due_on: datetime.date | None = None
    days_late: int | None = None
    url: str | None = None

    @classmethod
    def from_hook(cls, value: dict) -> "Finding":
        return cls(kind=str(value["kind"]), kind_label=str(value["kind_label"]), organisation=value["organisation"],
                   subject=str(value["subject"]), due_on=value.get("due_on"), days_late=value.get("days_late"),
                   url=value.get("url"))


def subtree(organisation: Organisation):
    """A unit and every unit below it (the tree is a materialised path)."""
    return Organisation.objects.filter(path__startswith=organisation.path)


def period_start(day: datetime.date, cadence: str) -> datetime.date:
    return period_end(day, cadence, periods_after=-1) + datetime.timedelta(days=1)


def late_by(due: datetime.date | None, today: datetime.date) -> int | None:
    """Working days from the due date (not counted) to today (counted); None without calendar data."""
    if due is None or due >= today:
        return None
    try:
        return working_days_between(due, today)
    except CalendarYearMissing:
        return None


def _edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _rows(organisations) -> list[CatalogueItemPage]:
    """Active rows of the units with the date of their latest publication (``last_published``), of their
    entries' latest update (``last_entry_update``) and whether they have child rows: three queries
    whatever the number of rows and entries — one grouped aggregate over the rows' entries, not a
    subquery per row (which scanned every live page per row on PostgreSQL at 100k entries)."""
    rows = list(CatalogueItemPage.objects.filter(organisation__in=organisations, live=True, retired_at__isnull=True,
                                                 manner=Manner.PROACTIVE)
                .select_related("organisation")
                .only("id", "title", "organisation", "time_limit_kind", "cadence", "due_month", "due_day",
                      "last_published_at", "first_published_at", "path", "depth",
                      *(f"organisation__{f}" for f in ("name", "short_name", "path", "depth", "level",
                                                        "region_code", "department_code")))
                .order_by("organisation__path", "path"))
    if not rows:
        return rows
    latest = {item: (first, update) for item, first, update in
              DisclosurePage.objects.filter(catalogue_item__in=[row.pk for row in rows], live=True,
                                            withdrawn_at__isnull=True)
              .order_by().values("catalogue_item")
              .annotate(first=Max("first_published_on"), update=Max("last_published_at"))
              .values_list("catalogue_item", "first", "update")}
    parents = {path[:-CatalogueItemPage.steplen] for path in
               CatalogueItemPage.objects.filter(organisation__in=organisations, depth__gt=min(r.depth for r in rows))
               .values_list("path", flat=True)}
    for row in rows:
        row.last_published, row.last_entry_update = latest.get(row.pk, (None, None))
        row.has_child_rows = row.path in parents
    return rows


def _row_findings(organisations, today) -> list[Finding]:
    labels = kind_labels()
    result = []
    year_ago = today - datetime.timedelta(days=365)
    for row in _rows(organisations):
        if row.has_child_rows:
            continue
        url = _edit_url(row.pk)
        kind = row.time_limit_kind
        if kind == TimeLimitKind.PERIODIC and row.cadence in MONTHS_PER_PERIOD:
            due = next_due(row, row.last_published, today)
            if due is not None and due < today:
                result.append(Finding("periodic_overdue", labels["periodic_overdue"], row.organisation, row.title,
                                      due, late_by(due, today), url))
            if row.last_published is None or row.last_published < period_start(today, row.cadence):
                result.append(Finding("not_disclosed", labels["not_disclosed"], row.organisation, row.title,
                                      due, late_by(due, today), url))
        elif kind in (TimeLimitKind.STANDING, TimeLimitKind.BY_STAGE) and row.last_published is None:
            result.append(Finding("not_disclosed", labels["not_disclosed"], row.organisation, row.title, url=url))
        if kind == TimeLimitKind.STANDING:
            updates = [d for d in (row.last_published_at, row.last_entry_update) if d is not None]
            last = timezone.localdate(max(updates)) if updates else None
            if last is not None and last < year_ago:
                due = last + datetime.timedelta(days=365)
                result.append(Finding("standing_unreviewed", labels["standing_unreviewed"], row.organisation,
                                      row.title, due, late_by(due, today), url))
    return result


def _prompt_findings(organisations, today) -> list[Finding]:
    label = kind_labels()["prompt_overdue"]
    entries = (DisclosurePage.objects.filter(organisation__in=organisations, due_on__lt=today,
                                             first_published_on__isnull=True, withdrawn_at__isnull=True)
               .select_related("organisation").only("id", "title", "due_on", "organisation")
               .order_by("due_on", "pk"))
    return [Finding("prompt_overdue", label, entry.organisation, entry.title, entry.due_on,
                    late_by(entry.due_on, today), _edit_url(entry.pk)) for entry in entries]


def stuck_working_days() -> int:
    return int(setting("SUPERVISION_REVIEW_STUCK_WORKING_DAYS", 5))


def _review_findings(organisations, today) -> list[Finding]:
    """Entries in review longer than the limit: one query for the task states, one for their entries.

    The pages in review are few, the units' entries may be tens of thousands: the states of every page
    in review are read first and narrowed to the units' entries by the second query (asking for the
    states of the units' entries built and sorted the list of all their ids)."""
    label = kind_labels()["review_stuck"]
    limit = stuck_working_days()
    states = list(TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__status="in_progress",
        workflow_state__base_content_type=_page_content_type(),
    ).values_list("workflow_state__object_id", "task__name", "started_at"))
    if not states:
        return []
    entries = (DisclosurePage.objects.filter(organisation__in=organisations).select_related("organisation")
               .only("id", "title", "organisation").in_bulk([int(object_id) for object_id, _n, _s in states]))
    result = []
    for object_id, task_name, started_at in states:
        entry = entries.get(int(object_id))
        if entry is None:
            continue
        started = timezone.localdate(started_at)
        try:
            due = add_working_days(started, limit)
        except CalendarYearMissing:
            continue
        if due < today:
            subject = f"{entry.title}（{task_name}）"
            result.append(Finding("review_stuck", label, entry.organisation, subject, due, late_by(due, today),
                                  _edit_url(entry.pk)))
    return result


def _page_content_type():
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page)


def own_findings(organisations, today: datetime.date | None = None) -> list[Finding]:
    """Supervision's own timeliness findings for these organisations (no hooks)."""
    today = today or timezone.localdate()
    return _row_findings(organisations, today) + _prompt_findings(organisations, today) + _review_findings(
        organisations, today)


def _order(finding: Finding):
    return (finding.organisation.path, -(finding.days_late or 0), finding.kind, finding.subject)


def findings(organisations, today: datetime.date | None = None, kinds: set[str] | None = None) -> list[Finding]:
    """Everything late or missing now for these organisations (a queryset of Organisation, e.g. ``subtree(u)``):
    supervision's own kinds and every ``supervision_findings`` hook's, sorted by unit and lateness."""
    today = today or timezone.localdate()
    result = own_findings(organisations, today)
    for hook in hooks.get_hooks("supervision_findings"):
        result.extend(Finding.from_hook(value) for value in hook(organisations, today))
    if kinds:
        result = [finding for finding in result if finding.kind in kinds]
    result.sort(key=_order)
    return result


def findings_head(organisations, limit: int, today: datetime.date | None = None) -> tuple[list[Finding], int]:
    """The first ``limit`` of :func:`findings` and how many there are in all, without building every finding
    of a hook that answers with a sized, sliceable sequence in the same order (the cms's FindingList: one
    COUNT and ``limit`` rows instead of thousands). The dashboard panel shows this."""
    today = today or timezone.localdate()
    head = own_findings(organisations, today)
    total = len(head)
    for hook in hooks.get_hooks("supervision_findings"):
        found = hook(organisations, today)
        if isinstance(found, Sequence):
            head.extend(Finding.from_hook(value) for value in found[:limit])
            total += len(found)  # after the slice: a sequence may count in the same pass (the cms's FindingList)
        else:
            values = [Finding.from_hook(value) for value in found]
            total += len(values)
            head.extend(values)
    head.sort(key=_order)
    return head[:limit], total


def by_unit(found: list[Finding]) -> dict[int, list[Finding]]:
    units: dict[int, list[Finding]] = {}
    for finding in found:
        units.setdefault(finding.organisation.pk, []).append(finding)
    return units
