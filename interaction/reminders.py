"""E-mail reminders to each unit's feedback staff: open feedback overdue or due within
``FEEDBACK_REMIND_WORKING_DAYS`` (default 2) working days, and replies waiting for review (docs/interaction.md
§4). Run daily: ``manage.py send_feedback_reminders``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.conf import setting
from cms.models import Organisation

from . import clocks
from .models import Feedback
from .permissions import STAFF_GROUPS
from .workflow import OPEN_STATES, State


def due_for_reminder(feedback, today):
    window = int(setting("FEEDBACK_REMIND_WORKING_DAYS", 2))
    rows = []
    for item in feedback:
        clock = clocks.clock(item, today)
        if clock.error or clock.overdue or item.state == State.IN_REVIEW or (
                clock.days_left is not None and clock.days_left <= window):
            rows.append((item, clock))
    return rows


def _line(item, clock) -> str:
    if clock.error:
        state = _("No calendar data")
    elif clock.overdue:
        state = _("Overdue by %(days)d working days") % {"days": clock.overdue_by}
    else:
        state = _("Due %(date)s, %(days)d working days left") % {"date": clock.due_on, "days": clock.days_left}
    return f"{item.code}  {item.text[:40]}  [{item.get_state_display()}] {state}"


def send_reminders(today=None) -> int:
    """One message per unit with something to remind of, to its staff with an e-mail address."""
    today = today or timezone.localdate()
    messages = []
    units = Organisation.objects.filter(pk__in=Feedback.objects.filter(state__in=OPEN_STATES)
                                        .values("organisation_id"))
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units:
            rows = due_for_reminder(Feedback.objects.filter(organisation=unit, state__in=OPEN_STATES), today)
            if not rows:
                continue
            groups = [getattr(unit, f"{name}_id") for name in STAFF_GROUPS]
            recipients = sorted(set(get_user_model().objects.filter(is_active=True, groups__in=groups)
                                    .exclude(email="").values_list("email", flat=True)))
            if not recipients:
                continue
            subject = _("%(unit)s: %(count)d feedback need attention") % {"unit": unit.name, "count": len(rows)}
            body = "\n".join(_line(item, clock) for item, clock in rows)
            messages.append((subject, body, None, recipients))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
