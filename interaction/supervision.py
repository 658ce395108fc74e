"""What supervision (督查考核) reads of feedback, through the Wagtail hooks ``supervision_findings`` and
``supervision_figures`` (docs/interaction.md §6) — supervision imports nothing of this app.

- findings: open feedback past its due date, per organisation asked about;
- figures over a period (feedback received in it): average reply working days, on-time rate, satisfaction
  rate (满意 + 基本满意 among the rated). Hidden, duplicate and merged feedback are set aside, not counted.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import clocks
from .models import Feedback, Satisfaction
from .workflow import OPEN_STATES, State

FINDING_KIND = "feedback_overdue"


def findings(organisations, today=None):
    today = today or timezone.localdate()
    rows = (Feedback.objects.filter(organisation__in=organisations, state__in=OPEN_STATES)
            .select_related("organisation").order_by("received_on", "pk"))
    for feedback in rows:
        clock = clocks.clock(feedback, today)
        if not clock.overdue:
            continue
        yield {"kind": FINDING_KIND, "kind_label": _("Feedback not answered in time"),
               "organisation": feedback.organisation,
               "subject": f"{feedback.code} {feedback.target_title or feedback.organisation.name}",
               "due_on": clock.due_on, "days_late": clock.overdue_by,
               "url": reverse("interaction:detail", args=[feedback.pk])}


def figures(organisations, start, end) -> dict:
    received = (Feedback.objects.filter(organisation__in=organisations, received_on__gte=start, received_on__lte=end)
                .exclude(state__in=(State.HIDDEN, State.DUPLICATE, State.MERGED)).only(
                    "organisation_id", "received_on", "replied_on", "due_on", "satisfaction", "state"))
    per_unit: dict[int, list] = {}
    for feedback in received:
        per_unit.setdefault(feedback.organisation_id, []).append(feedback)
    days, on_time, satisfied = {}, {}, {}
    for unit_id, items in per_unit.items():
        answered = [item for item in items if item.replied_on]
        spans = [value for value in map(clocks.reply_working_days, answered) if value is not None]
        days[unit_id] = (round(sum(spans) / len(spans), 1) if spans else None,
                         _("%(answered)d replies of %(received)d feedback") % {
                             "answered": len(spans), "received": len(items)})
        judged = [item for item in items if item.due_on and (item.replied_on or item.due_on < timezone.localdate())]
        in_time = [item for item in judged if item.replied_on and item.replied_on <= item.due_on]
        on_time[unit_id] = (round(100 * len(in_time) / len(judged), 1) if judged else None,
                            _("%(ok)d of %(all)d answered by the due date") % {"ok": len(in_time), "all": len(judged)})
        rated = [item for item in items if item.satisfaction]
        good = [item for item in rated if item.satisfaction in (Satisfaction.SATISFIED, Satisfaction.FAIRLY)]
        satisfied[unit_id] = (round(100 * len(good) / len(rated), 1) if rated else None,
                              _("%(good)d of %(all)d ratings satisfied or fairly satisfied") % {
                                  "good": len(good), "all": len(rated)})
    return {
        "feedback_reply_days": {"label": _("Feedback: average reply time"), "unit": _("working days"),
                                "higher_is_better": False, "values": days},
        "feedback_on_time": {"label": _("Feedback: answered on time"), "unit": "%", "higher_is_better": True,
                             "values": on_time},
        "feedback_satisfaction": {"label": _("Feedback: satisfaction"), "unit": "%", "higher_is_better": True,
                                  "values": satisfied},
    }
