"""E-mail reminders to each unit's application handlers: the unit's open applications that are overdue or
due within ``APPLICATIONS_REMIND_WORKING_DAYS`` (default 3) working days, and those whose 补正 or third-party
deadline has passed (docs/applications.md §3). Run daily: ``manage.py send_application_reminders``."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.conf import setting

from . import clocks
from .models import Application, ApplicationOffice
from .workflow import OPEN_STATES


def due_for_reminder(applications, today):
    window = setting("APPLICATIONS_REMIND_WORKING_DAYS", 3)
    rows = []
    for application in applications:
        clock = clocks.clock(application, today)
        if clock.error or clock.overdue or (clock.running and clock.days_left is not None and clock.days_left <= window) \
                or (clock.paused and clock.waiting_until and clock.waiting_until < today):
            rows.append((application, clock))
    return rows


def _line(application, clock) -> str:
    if clock.error:
        state = _("No calendar data")
    elif clock.paused:
        state = _("Stopped until %(date)s") % {"date": clock.waiting_until}
    elif clock.overdue:
        state = _("Overdue by %(days)d working days") % {"days": clock.overdue_by}
    else:
        state = _("Due %(date)s, %(days)d working days left") % {"date": clock.due_on, "days": clock.days_left}
    return f"{application.tracking_code}  {application.information_title}  [{application.get_state_display()}] {state}"


def send_reminders(today=None) -> int:
    """Send one message per unit with something to remind of, to its handlers with an e-mail address."""
    today = today or timezone.localdate()
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for office in ApplicationOffice.objects.select_related("organisation", "handlers"):
            recipients = [user.email for user in office.handlers.user_set.filter(is_active=True).exclude(email="")]
            if not recipients:
                continue
            open_ones = Application.objects.filter(organisation=office.organisation, state__in=OPEN_STATES)
            rows = due_for_reminder(open_ones, today)
            if not rows:
                continue
            subject = _("%(unit)s: %(count)d applications for disclosure need attention") % {
                "unit": office.organisation.name, "count": len(rows)}
            body = "\n".join(_line(application, clock) for application, clock in rows)
            messages.append((subject, body, None, recipients))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
