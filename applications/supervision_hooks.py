"""What applications report to supervision (docs/supervision.md), through the hooks supervision reads — no
import of supervision here, none of applications there:

* ``supervision_findings`` — open applications past their reply date (条例 §33), lateness in working days;
* ``supervision_figures`` — ``application_reply_days``: the mean working days from receipt to reply of the
  applications replied in the period (条例 §33: 20, or 40 extended), and ``application_on_time``: the share
  replied by their due date.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.workdays.service import CalendarYearMissing, working_days_between

from . import clocks
from .models import Application
from .workflow import OPEN_STATES


def overdue_applications(organisations, today):
    applications = (Application.objects.filter(organisation__in=organisations, state__in=OPEN_STATES)
                    .select_related("organisation").order_by("received_on", "pk"))
    label = _("Application overdue")
    for application in applications:
        clock = clocks.clock(application, today)
        if not clock.overdue:
            continue
        yield {"kind": "application_overdue", "kind_label": label, "organisation": application.organisation,
               "subject": f"{application.information_title}（{application.tracking_code}）",
               "due_on": clock.due_on or clock.waiting_until, "days_late": clock.overdue_by or None,
               "url": reverse("applications:detail", args=[application.pk])}


def reply_figures(organisations, start, end):
    rows = (Application.objects.filter(organisation__in=organisations, replied_on__range=(start, end))
            .values_list("organisation_id", "received_on", "replied_on", "due_on"))
    days, on_time = {}, {}
    for organisation_id, received_on, replied_on, due_on in rows:
        try:
            used = working_days_between(received_on, replied_on)
        except CalendarYearMissing:
            continue
        days.setdefault(organisation_id, []).append(used)
        on_time.setdefault(organisation_id, []).append(due_on is None or replied_on <= due_on)
    reply_days, on_time_rate = {}, {}
    for organisation_id, values in days.items():
        mean = round(sum(values) / len(values), 1)
        reply_days[organisation_id] = (mean, _("%(n)s replies, %(mean)s working days on average (longest %(max)s)")
                                       % {"n": len(values), "mean": mean, "max": max(values)})
        done = sum(on_time[organisation_id])
        on_time_rate[organisation_id] = (round(100.0 * done / len(values), 1),
                                         _("%(done)s of %(n)s replies by the due date") % {"done": done, "n": len(values)})
    return {
        "application_reply_days": {"label": _("Mean reply time of applications"), "unit": _("working days"),
                                   "higher_is_better": False, "values": reply_days},
        "application_on_time": {"label": _("Applications replied on time"), "unit": "%", "higher_is_better": True,
                                "values": on_time_rate},
    }

