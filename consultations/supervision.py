"""What supervision (督查) sees of consultations, through the ``supervision_findings`` hook
(docs/interaction.md «征求意见», 督查):

- ``consultation_no_report``: the period has ended and no adoption report is live — due on the day the period
  ended, ``days_late`` counting calendar days since;
- ``consultation_too_short``: the period is shorter than the rule now in force for the unit
  (consultations.rules; e.g. a unit raised its minimum, or data was imported).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import rules
from .models import Consultation


def findings(organisations, today):
    rows = Consultation.objects.filter(organisation__in=organisations).select_related("entry", "organisation",
                                                                                       "report")
    memo = {}
    for consultation in rows:
        url = reverse("consultations:detail", args=[consultation.pk])
        if consultation.ends_on < today and not (consultation.report_id and consultation.report.live):
            yield {"kind": "consultation_no_report", "kind_label": _("Consultation closed without a published "
                                                                      "adoption report"),
                   "organisation": consultation.organisation, "subject": consultation.entry.title,
                   "due_on": consultation.ends_on, "days_late": (today - consultation.ends_on).days, "url": url}
        if rules.too_short(consultation.kind, consultation.organisation, consultation.starts_on, consultation.ends_on,
                           memo):
            yield {"kind": "consultation_too_short", "kind_label": _("Consultation period shorter than the rule"),
                   "organisation": consultation.organisation, "subject": consultation.entry.title,
                   "due_on": None, "days_late": None, "url": url}
