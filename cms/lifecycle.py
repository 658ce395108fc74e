"""An entry's life after drafting (domain.md §4–§5): time limits (公开时限), notice periods (公示期),
withdrawal (撤回) and archiving (归档).

* Prompt rows (及时公开): an entry is due ``working_days`` working days (条例 §26: 20 unless the row
  says less) after the information was formed or changed, on the official calendar; the day it was
  formed is not counted. Lateness is recorded once, at the first publication.
* Notice periods: the entry goes live at the start of ``notice_start`` and comes down at the end of
  ``notice_end`` (Beijing time) through Wagtail's scheduled publishing. A row's minimum
  (任前公示 ≥ 5, 低保 ≥ 7 working days) counts the working days from start to end, both included.
* Withdrawal and archiving never delete: revisions, review records and log entries stay.

Imported by cms.models while models load: models are imported inside functions.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.locks import BaseLock
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)

# Notice periods are Beijing days whatever the server's zone.
NOTICE_TIME_ZONE = ZoneInfo("Asia/Shanghai")

WITHDRAW = "cms.withdraw"
ARCHIVE = "cms.archive"
NOTICE_END = "cms.notice_end"
REINSTATE = "cms.reinstate"


class LifecycleError(Exception):
    """The entry's state does not allow this withdrawal or archiving; the message says why."""


class LifecyclePermissionError(PermissionDenied):
    """Only those who may publish the entry (its unit's and the parent unit's approvers) may do this."""


# Time limits and notice periods ---------------------------------------------------------------


def _date(page, name: str) -> datetime.date | None:
    return type(page)._meta.get_field(name).to_python(getattr(page, name))


def _item(page):
    return page.catalogue_item if page.catalogue_item_id else None


def due_date(page) -> datetime.date | None:
    """条例 §26: the last day to publish an entry of a prompt row; None for other rows or without the
    date the information was formed. Raises CalendarYearMissing for a year without calendar data."""
    from .models import TimeLimitKind
    from .workdays.service import add_working_days

    item, formed = _item(page), _date(page, "information_formed_on")
    if item is None or item.time_limit_kind != TimeLimitKind.PROMPT or formed is None:
        return None
    return add_working_days(formed, item.working_days)


def notice_working_days(start: datetime.date, end: datetime.date) -> int:
    """Working days of a notice period, its first and last day included."""
    from .workdays.service import working_days_between

    return working_days_between(start - datetime.timedelta(days=1), end)


def notice_period(page) -> tuple[datetime.date, datetime.date] | None:
    start, end = _date(page, "notice_start"), _date(page, "notice_end")
    if start is None or end is None or end < start:
        return None
    return start, end


def notice_go_live_at(start: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(start, datetime.time.min, tzinfo=NOTICE_TIME_ZONE)


def notice_expire_at(end: datetime.date) -> datetime.datetime:
    """The end of the last day: midnight after it, Beijing time."""
    return notice_go_live_at(end + datetime.timedelta(days=1))


def apply_notice_schedule(page) -> None:
    """A notice period sets the entry's go-live and expiry times; without one they are left as set."""
    period = notice_period(page)
    if period is not None:
        page.go_live_at, page.expire_at = notice_go_live_at(period[0]), notice_expire_at(period[1])


def _unchanged_since_last_revision(page, *names) -> bool:
    """Whether these fields hold what the latest revision holds: that revision passed the same checks,
    so a later publication (or scheduled publication) is not refused by a changed calendar or row."""
    if not page.pk or not page.latest_revision_id:
        return False
    content = page.latest_revision.content
    for name in names:
        value = _date(page, name)
        if content.get(name) != (value.isoformat() if value else None):
            return False
    return True


def clean_schedule(page) -> None:
    """Validate the time limit and the notice period; set go-live and expiry from the notice period.

    Raises ValidationError naming the field: a notice period shorter than the catalogue row's minimum
    (with the minimum and the actual working days), a year without calendar data, a future date.
    Checked when the dates are entered or changed, not again when an approved revision is published.
    """
    from .workdays.service import CalendarYearMissing

    errors = {}
    formed = _date(page, "information_formed_on")
    if formed and formed > timezone.localdate():
        errors["information_formed_on"] = _("The date the information was formed cannot be in the future.")
    elif formed and not _unchanged_since_last_revision(page, "information_formed_on"):
        try:
            due_date(page)
        except CalendarYearMissing as error:
            errors["information_formed_on"] = str(error)
    period, item = notice_period(page), _item(page)
    minimum = item.notice_min_working_days if item is not None else None
    if period and minimum and not _unchanged_since_last_revision(page, "notice_start", "notice_end"):
        try:
            actual = notice_working_days(*period)
        except CalendarYearMissing as error:
            errors["notice_end"] = str(error)
        else:
            if actual < minimum:
                errors["notice_end"] = _(
                    "The notice period must last at least %(minimum)s working days; "
                    "%(start)s to %(end)s has %(actual)s."
                ) % {"minimum": minimum, "start": period[0], "end": period[1], "actual": actual}
    if errors:
        raise ValidationError(errors)
    apply_notice_schedule(page)


def before_save(page) -> None:
    """Derive the due date and the notice schedule. Never raises: a save by the scheduler must not
    fail because a calendar year is missing (clean_schedule reports that when the date is entered)."""
    from .workdays.service import CalendarYearMissing

    apply_notice_schedule(page)
    try:
        page.due_on = due_date(page)
    except CalendarYearMissing as error:
        logger.warning("No due date for entry %s: %s", page.pk, error)
        page.due_on = None


def working_days_late(page) -> int | None:
    """Working days between the due date and the first publication; 0 when on time."""
    from .workdays.service import working_days_between

    if not page.due_on or not page.first_published_at:
        return None
    return max(0, working_days_between(page.due_on, timezone.localdate(page.first_published_at)))


# Withdrawal and archiving ---------------------------------------------------------------------


def may_manage(user, page) -> bool:
    """Withdrawing and archiving need Wagtail's publish permission on the entry: the unit's approvers
    and the parent unit's approvers, not editors or reviewers."""
    return bool(user and user.is_authenticated) and page.permissions_for_user(user).can_publish()


def withdrawal_refusal(page) -> str | None:
    """Why the entry cannot be withdrawn now, or None."""
    if page.is_withdrawn:
        return _("This entry was already withdrawn.")
    if not page.live and not page.approved_schedule:
        return _("Only a published or scheduled entry can be withdrawn.")
    return None


def archive_refusal(page) -> str | None:
    """Why the entry cannot be archived now, or None."""
    if page.is_archived:
        return _("This entry is already archived.")
    if not page.first_published_at:
        return _("Only an entry that has been published can be archived; a draft can be deleted.")
    if page.workflow_in_progress:
        return _("This entry is in review; finish or cancel the review before archiving it.")
    if page.approved_schedule:
        return _("A revision of this entry is scheduled for publication; cancel the schedule before archiving.")
    return None


def _fresh(page, user, refusal):
    from .models import DisclosurePage

    page = DisclosurePage.objects.select_for_update().get(pk=page.pk)
    if not may_manage(user, page):
        raise LifecyclePermissionError(_("You may not withdraw or archive this entry."))
    reason = refusal(page)
    if reason:
        raise LifecycleError(reason)
    return page


@transaction.atomic
def withdraw(page, user, reason: str):
    """撤回: take the entry off the portal and out of search, with a reason; cancels a scheduled
    publication and a running review. The entry, its revisions and its history stay."""
    reason = (reason or "").strip()
    if not reason:
        raise LifecycleError(_("Give the reason for withdrawing the entry."))
    page = _fresh(page, user, withdrawal_refusal)
    was_live = page.live
    page.withdrawn_at, page.withdrawal_reason = timezone.now(), reason
    page.save(update_fields=["withdrawn_at", "withdrawal_reason"], clean=False)
    if page.live:
        UnpublishPageAction(page, user=user, log_action=False).execute(skip_permission_checks=True)
    page.revisions.update(approved_go_live_at=None)
    if workflow_state := page.current_workflow_state:
        workflow_state.cancel(user=user)
    log(instance=page, action=WITHDRAW, user=user, data={"reason": reason, "was_live": was_live})
    return page


@transaction.atomic
def archive(page, user, reason: str = "", hidden: bool = False):
    """归档: make the entry read-only (locked for everyone, no new revisions) with an "archived" mark;
    ``hidden`` also takes it off the portal. Revisions, review records and history stay."""
    page = _fresh(page, user, archive_refusal)
    now = timezone.now()
    page.archived_at, page.archive_hidden = now, bool(hidden)
    # Locked by nobody: Wagtail's basic lock then applies to every user, the archiver included.
    page.locked, page.locked_by, page.locked_at = True, None, now
    page.save(update_fields=["archived_at", "archive_hidden", "locked", "locked_by", "locked_at"], clean=False)
    log(instance=page, action=ARCHIVE, user=user, data={"reason": (reason or "").strip(), "hidden": bool(hidden)})
    return page


class ArchiveLock(BaseLock):
    """The lock of an archived entry: applies to everyone and offers no "Unlock"."""

    def for_user(self, user):
        return True

    def get_message(self, user):
        title = self.object.get_admin_display_title()
        return format_html(_("<b>“{title}” is archived</b> and read-only."), title=title)

    def get_locked_by(self, user):
        return _("Archived")

    def get_description(self, user):
        return _("Nobody can change an archived entry.")


def archive_lock(page) -> ArchiveLock | None:
    """For ``DisclosurePage.get_lock``: ``return lifecycle.archive_lock(self) or super().get_lock()``."""
    return ArchiveLock(page) if page.archived_at else None


# Receivers (connected when this module is imported, i.e. with cms.models) ----------------------


def _is_entry(instance) -> bool:
    from .models import DisclosurePage

    return isinstance(instance, DisclosurePage)


@receiver(page_published, dispatch_uid="cms.lifecycle.entry_published")
def entry_published(sender, instance, revision=None, **kwargs):
    """Record lateness at the first publication; publishing a withdrawn entry again reinstates it."""
    if not _is_entry(instance):
        return
    from .models import DisclosurePage
    from .workdays.service import CalendarYearMissing

    rows = DisclosurePage.objects.filter(pk=instance.pk)
    if instance.working_days_late is None:
        try:
            late = working_days_late(instance)
        except CalendarYearMissing as error:
            logger.warning("Lateness of entry %s not recorded: %s", instance.pk, error)
            late = None
        if late is not None:
            rows.filter(working_days_late__isnull=True).update(working_days_late=late)
            instance.working_days_late = late
    if instance.withdrawn_at:
        previous = {"withdrawn_at": instance.withdrawn_at.isoformat(), "reason": instance.withdrawal_reason}
        rows.update(withdrawn_at=None, withdrawal_reason="")
        instance.withdrawn_at, instance.withdrawal_reason = None, ""
        log(instance=instance, action=REINSTATE, user=getattr(revision, "user", None), data=previous)


@receiver(page_unpublished, dispatch_uid="cms.lifecycle.entry_unpublished")
def entry_unpublished(sender, instance, **kwargs):
    """Scheduled publishing took a notice down at the end of its period: say so in the history."""
    if not _is_entry(instance) or not instance.expired or notice_period(instance) is None:
        return
    start, end = notice_period(instance)
    log(instance=instance, action=NOTICE_END, user=None,
        data={"notice_start": start.isoformat(), "notice_end": end.isoformat()})


@receiver(pre_save, sender=Revision, dispatch_uid="cms.lifecycle.refuse_revision_of_archived")
def refuse_revision_of_archived(sender, instance, raw=False, **kwargs):
    """An archived entry is read-only: no new revision of it, whichever path tries."""
    if raw or not instance._state.adding:
        return
    from django.contrib.contenttypes.models import ContentType

    from .models import DisclosurePage

    if instance.content_type_id != ContentType.objects.get_for_model(DisclosurePage).pk:
        return
    title = DisclosurePage.objects.filter(pk=instance.object_id, archived_at__isnull=False).values_list(
        "title", flat=True).first()
    if title is not None:
        raise ValidationError(_("The entry “%(title)s” is archived and read-only.") % {"title": title})
