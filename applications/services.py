"""The procedure: intake, transitions, assignment and notes, each recorded in the audit trail.

``perform`` is the only way a state changes; it takes only transitions ``available_transitions`` offers the
user, checks the transition's guard (docs/applications.md §2–§3) and saves everything in one transaction.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.conf import setting
from cms.privacy import extract_text_isolated, scan_fields
from cms.workdays.service import (
    CalendarYearMissing,
    add_working_days,
    working_days_between,
)

from . import clocks, fees
from .choices import FeeMethod, Outcome
from .models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationOffice,
    SuppliedFile,
)
from .permissions import actors_for
from .workflow import CLOCK_RUNNING_STATES, TRANSITIONS_BY_NAME, Actor, State, Transition, transitions_from

PUBLIC_INTEREST_OUTCOMES = (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED)
HANDLER_PERMISSIONS = ("applications.view_application", "applications.add_application",
                       "applications.change_application")


def ensure_office(organisation) -> ApplicationOffice:
    """The unit's group of application handlers (申请办理人员), with the admin rights it needs; safe to call
    again. Called by cms.units.provision with the unit's other groups."""
    office = ApplicationOffice.objects.filter(organisation=organisation).first()
    if office is None:
        name = f"{organisation.name}（{organisation.code}）" + _("Application handlers")
        group, _created = Group.objects.get_or_create(name=name[:150])
        office = ApplicationOffice.objects.create(organisation=organisation, handlers=group)
    permissions = [Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    permissions += [Permission.objects.get(content_type__app_label=dotted.split(".")[0],
                                           codename=dotted.split(".")[1]) for dotted in HANDLER_PERMISSIONS]
    office.handlers.permissions.add(*permissions)
    if organisation.approvers_id:
        organisation.approvers.permissions.add(
            Permission.objects.get(content_type__app_label="applications", codename="view_application"))
    return office


def _calendar_error(error: CalendarYearMissing) -> ValidationError:
    return ValidationError(str(error), code="calendar_year_missing")


def _due_or_pending(application) -> datetime.date | None:
    """The reply's due date, or None while the calendar lacks a year it reaches (December, before the next
    year's schedule is entered): the application is received all the same — the right to apply does not
    wait for the calendar — its lists show the calendar's message instead of a date, and
    :func:`refresh_pending_due_dates` sets the date once the year is entered. Never a guess."""
    try:
        return clocks.due_on(application)
    except CalendarYearMissing:
        return None


def refresh_pending_due_dates(**kwargs) -> int:
    """Due dates left pending for a missing calendar year, now that the calendar changed (connected to the
    calendar tables' saves by ApplicationsConfig.ready()); returns how many were set."""
    updated = 0
    for application in Application.objects.filter(due_on__isnull=True, state__in=list(CLOCK_RUNNING_STATES)):
        due = _due_or_pending(application)
        if due is not None:
            Application.objects.filter(pk=application.pk, due_on__isnull=True).update(due_on=due)
            updated += 1
    return updated


def _record(application, action, user, on, comment="", from_state="", to_state=""):
    return ApplicationEvent.objects.create(application=application, action=action, actor=user, on=on,
                                           comment=comment, from_state=from_state, to_state=to_state)


@transaction.atomic
def register(application: Application, user=None, comment: str = "") -> Application:
    """Save a new application: receipt date by the channel's rule, clock, due date, first event."""
    application.full_clean(exclude=["received_on", "clock_started_on"])
    application.received_on = application.receipt_date()
    application.clock_started_on = application.received_on
    application.state = State.RECEIVED
    application.due_on = _due_or_pending(application)
    application.save()
    _record(application, "receive", user, application.received_on, comment, "", State.RECEIVED)
    return application


# Guards: each returns None when the transition may be taken, else the reason (in the user's language).
def _completion_allowed(application, on, data):
    if application.completion_requested_on is not None:
        return _("Completion (补正) may be asked only once.")
    if on > clocks.latest_completion_request_on(application):
        return _("Completion (补正) must be asked within 7 working days of receipt (by %(date)s).") % {
            "date": clocks.latest_completion_request_on(application).isoformat()}
    return None


def _completion_overdue(application, on, data):
    if application.completion_due_on and on <= application.completion_due_on:
        return _("The applicant has until %(date)s to complete the application.") % {
            "date": application.completion_due_on.isoformat()}
    return None


def _extension_allowed(application, on, data):
    if application.extension_days:
        return _("An application may be extended only once.")
    days = data.get("extension_days")
    if not isinstance(days, int) or not 1 <= days <= clocks.MAX_EXTENSION_WORKING_DAYS:
        return _("An extension is 1 to 20 working days.")
    due = clocks.due_on(application)
    if due is not None and on > due:
        return _("The time limit ran out on %(date)s: an extension must be approved before.") % {
            "date": due.isoformat()}
    return None


def _reply_allowed(application, on, data):
    if data.get("outcome") not in Outcome.values:
        return _("Choose the outcome of the reply.")
    if data.get("outcome") != Outcome.DISCLOSED and not (data.get("legal_basis") or "").strip():
        return _("Give the legal basis of the reply.")
    if data.get("fee_method", FeeMethod.NONE) not in FeeMethod.values:
        return _("Choose how the fee is computed.")
    if data.get("outcome") == Outcome.PARTLY_DISCLOSED and not (data.get("withheld_parts") or "").strip():
        return _("Partly disclosed: say what was withheld and why.")
    if data.get("outcome") in PUBLIC_INTEREST_OUTCOMES and not data.get("privacy_reviewed"):
        found = sum(len(file.findings) for file in application.supplied_files.all())
        if found:
            return _("The information supplied holds %(count)d pieces of personal data: mask them or withhold "
                     "them, then confirm that you have reviewed them.") % {"count": found}
    return None


def _fee_settled(application, on, data):
    if application.fee_amount and not application.fee_paid_on:
        return _("The fee of ¥%(fee)s is not paid yet.") % {"fee": application.fee_amount}
    return None


def _fee_due(application, on, data):
    if not application.fee_amount or application.fee_paid_on:
        return _("No unpaid fee.")
    if on <= application.fee_due_on:
        return _("The fee may be paid until %(date)s.") % {"date": application.fee_due_on.isoformat()}
    return None


GUARDS = {
    "completion_allowed": _completion_allowed,
    "completion_overdue": _completion_overdue,
    "extension_allowed": _extension_allowed,
    "reply_allowed": _reply_allowed,
    "fee_settled": _fee_settled,
    "fee_due": _fee_due,
}


def refusal(application, transition: Transition, on, data=None) -> str | None:
    """Why ``transition`` cannot be taken on ``on`` (None: it can)."""
    if application.state not in transition.sources:
        return _("Not possible in the state %(state)s.") % {"state": State(application.state).label}
    if transition.guard:
        try:
            return GUARDS[transition.guard](application, on, data or {})
        except CalendarYearMissing as missing:
            return str(missing)
    return None


def available_transitions(application, user, on: datetime.date | None = None) -> list[Transition]:
    """The transitions ``user`` may take now (the form-dependent parts of guards are checked on submit)."""
    actors = actors_for(user, application)
    on = on or timezone.localdate()
    offered = []
    for transition in transitions_from(application.state):
        if not actors & transition.actors:
            continue
        if transition.guard in ("extension_allowed", "reply_allowed"):
            # Checked with the form's values; only the part that does not depend on them is checked here.
            if transition.guard == "extension_allowed" and application.extension_days:
                continue
        elif refusal(application, transition, on) is not None:
            continue
        offered.append(transition)
    return offered


def _previous_state(application) -> str:
    event = application.events.filter(action="consult_third_party").order_by("-at", "-pk").first()
    return event.from_state if event else State.IN_PROGRESS


@transaction.atomic
def perform(application: Application, name: str, user, comment: str = "", on: datetime.date | None = None,
            **data) -> Application:
    """Take transition ``name``; raises PermissionDenied (not offered to this user) or ValidationError (a
    guard, a missing comment or value, a year without calendar data)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    transition = TRANSITIONS_BY_NAME.get(name)
    on = on or timezone.localdate()
    if transition is None or not (actors_for(user, application) & transition.actors):
        raise PermissionDenied(_("You may not take this action."))
    reason = refusal(application, transition, on, data)
    if reason:
        raise ValidationError(reason)
    if transition.requires_comment and not comment.strip():
        raise ValidationError(_("Give a comment for this action."))
    if on < application.received_on:
        raise ValidationError(_("The date cannot be before the application was received."))
    before = application.state
    try:
        _apply(application, transition, user, on, data)
    except CalendarYearMissing as missing:
        raise _calendar_error(missing) from None
    application.state = transition.target or _previous_state(application)
    application.due_on = _due_or_pending(application)
    if transition.outcome:
        application.outcome = transition.outcome
        application.concluded_on = on
    application.save()
    _record(application, transition.name, user, on, comment, before, application.state)
    _notify_applicant(application, transition.name, user, on, comment)
    return application


def _notice(application, name, comment) -> tuple[str, str] | None:
    """The notice the applicant gets for a transition (条例 §30 补正告知, §33 延期告知), in Chinese."""
    unit = application.organisation.name
    if name == "request_completion":
        return (f"{unit}政府信息公开申请补正告知（查询码{application.tracking_code}）",
                f"您的政府信息公开申请需要补正：{comment}\n请于{application.completion_due_on:%Y年%m月%d日}前补正；"
                f"无正当理由逾期不补正的，视为放弃申请。答复期限自收到补正之日起重新计算。\n{unit}")
    if name == "approve_extension":
        return (f"{unit}政府信息公开申请延期答复告知（查询码{application.tracking_code}）",
                f"因{comment}，经本机关政府信息公开工作机构负责人同意，答复期限延长{application.extension_days}个工作日，"
                f"延长后的答复期限为{application.due_on:%Y年%m月%d日}。\n{unit}")
    return None


def _notify_applicant(application, name, user, on, comment):
    """E-mail the applicant the notice of a transition, once the transaction has committed; recorded."""
    notice = _notice(application, name, comment)
    if notice is None or not application.email:
        return
    subject, body = notice
    _record(application, "notify_applicant", user, on, subject, application.state, application.state)
    transaction.on_commit(lambda: send_mail(subject, body, None, [application.email], fail_silently=True))


def _apply(application, transition, user, on, data):
    name = transition.name
    if name == "request_completion":
        application.completion_requested_on = on
        application.completion_due_on = data.get("completion_due_on") or add_working_days(
            on, setting("APPLICATIONS_COMPLETION_WORKING_DAYS", 15))
        if application.completion_due_on <= on:
            raise ValidationError(_("The completion deadline must be after the request."))
    elif name == "receive_completion":
        application.completion_received_on = on
        application.clock_started_on = on  # 条例 §30: the time limit runs from the completion's receipt
    elif name == "consult_third_party":
        if not (data.get("third_party") or "").strip():
            raise ValidationError(_("Name the third party."))
        application.third_party = data["third_party"].strip()[:120]
        application.third_party_started_on = on
    elif name == "third_party_answered":
        application.paused_working_days += working_days_between(application.third_party_started_on, on)
        application.third_party_started_on = None
    elif name == "approve_extension":
        application.extension_days = data["extension_days"]
        application.extension_approved_by = user
    elif name == "reply":
        application.outcome = data["outcome"]
        application.legal_basis = (data.get("legal_basis") or "").strip()[:300]
        application.withheld_parts = (data.get("withheld_parts") or "").strip()[:2000]
        application.replied_on = application.concluded_on = on
        application.fee_method = data.get("fee_method") or FeeMethod.NONE
        application.pages = int(data.get("pages") or 0)
        application.fee_amount = fees.compute_fee(application, application.fee_method, application.pages)
        application.fee_due_on = (add_working_days(on, clocks.FEE_PAYMENT_WORKING_DAYS)
                                  if application.fee_amount else None)
    elif name == "transfer":
        if not (data.get("transferred_to") or "").strip():
            raise ValidationError(_("Name the unit that holds the information."))
        application.transferred_to = data["transferred_to"].strip()[:120]


@transaction.atomic
def record_fee_paid(application, user, on=None, comment=""):
    on = on or timezone.localdate()
    if Actor.HANDLER not in actors_for(user, application):
        raise PermissionDenied(_("You may not take this action."))
    if not application.fee_amount:
        raise ValidationError(_("No unpaid fee."))
    application.fee_paid_on = on
    application.save(update_fields=["fee_paid_on", "updated_at"])
    _record(application, "fee_paid", user, on, comment, application.state, application.state)


def scan_for_personal_data(file) -> tuple[list[dict], str]:
    """The privacy scanner entries use (cms.privacy): findings in the file's text, each with its kind,
    location and masked form only (the personal data itself is not copied), or the extraction's error."""
    file.open("rb")
    try:
        extraction = extract_text_isolated(file)
    finally:
        file.close()
    if extraction.error:
        return [], str(extraction.error_message or extraction.error)[:200]
    findings = scan_fields(extraction.fields())
    return [{"kind": str(finding.kind), "label": str(finding.label), "location": finding.location,
             "mask": finding.mask} for finding in findings], ""


@transaction.atomic
def add_supplied_file(application, user, file, title: str, pages: int = 0) -> SuppliedFile:
    """Attach information supplied with the reply; its text is scanned for personal data at once, and a reply
    that discloses it must confirm the findings were masked or withheld (条例 §37, docs/applications.md §5)."""
    if Actor.HANDLER not in actors_for(user, application):
        raise PermissionDenied(_("You may not take this action."))
    supplied = SuppliedFile(application=application, title=title.strip()[:200], pages=pages)
    supplied.file.save(file.name[-100:], file, save=False)
    supplied.findings, supplied.scan_error = scan_for_personal_data(supplied.file)
    supplied.save()
    _record(application, "add_file", user, timezone.localdate(), supplied.title, application.state, application.state)
    return supplied


@transaction.atomic
def assign(application, user, department=None, assignee=None, comment=""):
    """Assign to the responsible department (the unit or one of its departments) and/or a member of staff."""
    if Actor.HANDLER not in actors_for(user, application):
        raise PermissionDenied(_("You may not take this action."))
    if department is not None and not (department.pk == application.organisation_id
                                       or department.path.startswith(application.organisation.path)):
        raise ValidationError(_("Choose the unit or one of its departments."))
    application.responsible_department = department
    application.assignee = assignee
    application.save(update_fields=["responsible_department", "assignee", "updated_at"])
    who = ", ".join(str(x) for x in (department, assignee and (assignee.get_full_name() or assignee.username)) if x)
    _record(application, "assign", user, timezone.localdate(), (comment + " " + who).strip(),
            application.state, application.state)


@transaction.atomic
def add_note(application, user, text: str) -> ApplicationNote:
    """An internal consultation note (会商)."""
    if not actors_for(user, application):
        raise PermissionDenied(_("You may not take this action."))
    if not text.strip():
        raise ValidationError(_("The note is empty."))
    note = ApplicationNote.objects.create(application=application, author=user, text=text.strip()[:4000])
    _record(application, "note", user, timezone.localdate(), text.strip()[:4000], application.state,
            application.state)
    return note



def entry_rows_for(application, user):
    """The unit's catalogue rows under which ``user`` may add an entry (for 'draft an entry')."""
    from cms.models import CatalogueItemPage

    rows = CatalogueItemPage.objects.filter(organisation_id=application.organisation_id).order_by("path")
    return [row for row in rows if row.permissions_for_user(user).can_add_subpage()]


@transaction.atomic
def draft_entry(application, user, row):
    """From application to proactive disclosure: information supplied on application that is of public
    interest becomes a draft entry under the unit's catalogue row; the draft then goes through the normal
    procedure before publication (docs/applications.md §5)."""
    from cms.models import DisclosurePage

    if Actor.HANDLER not in actors_for(user, application):
        raise PermissionDenied(_("You may not take this action."))
    if application.outcome not in PUBLIC_INTEREST_OUTCOMES or application.proactive_entry_id:
        raise ValidationError(_("Only information disclosed on application, once, becomes a draft entry."))
    if row.organisation_id != application.organisation_id or not row.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(_("You may not add entries under this catalogue row."))
    entry = DisclosurePage(title=application.information_title[:255], live=False,
                           slug=f"application-{application.tracking_code.lower()}",
                           document_number=application.document_number[:80],
                           summary=_("Disclosed on application on %(date)s; proposed for proactive disclosure.") % {
                               "date": application.replied_on.isoformat() if application.replied_on else ""})
    row.add_child(instance=entry)
    entry.save_revision(user=user)
    application.proactive_entry = entry
    application.save(update_fields=["proactive_entry", "updated_at"])
    _record(application, "draft_entry", user, timezone.localdate(), entry.title, application.state, application.state)
    return entry
