"""An entry's withdrawal (撤回) and archiving (归档), and the history of its life after drafting
(domain.md §4–§5, docs/lifecycle.md). Withdrawal and archiving never delete: revisions, review
records and log entries stay. Time limits and notice periods: cms.schedule.

Receivers are connected by ``CmsConfig.ready()``.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from .models import DisclosurePage, Validity
from .schedule import notice_period, working_days_late
from .workdays.service import CalendarYearMissing

logger = logging.getLogger(__name__)

WITHDRAW = "cms.withdraw"
ARCHIVE = "cms.archive"
NOTICE_END = "cms.notice_end"
REINSTATE = "cms.reinstate"
INVALIDATE = "cms.invalidate"
REVALIDATE = "cms.revalidate"
EXPIRED = "cms.expired"


class LifecycleError(Exception):
    """The entry's state does not allow this withdrawal or archiving; the message says why."""


class LifecyclePermissionError(PermissionDenied):
    """Only those who may publish the entry (its unit's and the parent unit's approvers) may do this."""



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


def _fresh(page, user, refusal, denied=None):
    page = DisclosurePage.objects.select_for_update().get(pk=page.pk)
    if not may_manage(user, page):
        raise LifecyclePermissionError(denied or _("You may not withdraw or archive this entry."))
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


# Validity: 已失效 (docs/lifecycle.md "Expiry") -----------------------------------------------------


def invalidation_refusal(page) -> str | None:
    """Why the entry cannot be declared invalid now, or None."""
    if page.validity == Validity.EXPIRED or page.invalid_from:
        return _("This entry is already declared invalid.")
    if page.validity == Validity.REPEALED:
        return _("A repealed entry does not expire: it is no longer in force already.")
    if not page.first_published_at:
        return _("Only a published entry can be declared invalid.")
    return None


def revalidation_refusal(page) -> str | None:
    if page.validity != Validity.EXPIRED and not page.invalid_from:
        return _("This entry is not declared invalid.")
    return None


@transaction.atomic
def invalidate(page, user, reason: str, invalid_from=None):
    """宣布失效: the entry is 已失效 from ``invalid_from`` (today when not given; a later day schedules it),
    with a reason; logged. It stays on the portal, marked 已失效, as the rules ask of the original."""
    reason = (reason or "").strip()
    if not reason:
        raise LifecycleError(_("Give the reason why the entry is no longer in force."))
    page = _fresh(page, user, invalidation_refusal, _("You may not declare this entry invalid."))
    today = timezone.localdate()
    invalid_from = invalid_from or today
    if invalid_from < today:
        raise LifecycleError(_("The date of invalidity cannot be in the past."))
    page.invalid_from, page.invalidity_reason = invalid_from, reason
    fields = ["invalid_from", "invalidity_reason"]
    if invalid_from <= today:
        page.validity = Validity.EXPIRED
        fields.append("validity")
    page.save(update_fields=fields, clean=False)
    log(instance=page, action=INVALIDATE, user=user,
        data={"reason": reason, "invalid_from": invalid_from.isoformat()})
    return page


@transaction.atomic
def revalidate(page, user, reason: str = ""):
    """Undo 宣布失效: the entry is 有效 again (or what entries still amending it say, cms.signals)."""
    from .signals import VALIDITY_BY_LINK, follow_superseding_entries

    page = _fresh(page, user, revalidation_refusal, _("You may not declare this entry in force again."))
    previous = {"invalid_from": page.invalid_from.isoformat() if page.invalid_from else None,
                "reason": page.invalidity_reason, "note": (reason or "").strip()}
    page.invalid_from, page.invalidity_reason, page.validity = None, "", Validity.VALID
    page.save(update_fields=["invalid_from", "invalidity_reason", "validity"], clean=False)
    log(instance=page, action=REVALIDATE, user=user, data=previous)
    if page.superseded_by_id:
        link = page.incoming_links.filter(page_id=page.superseded_by_id, kind__in=list(VALIDITY_BY_LINK)).first()
        if link is not None:
            page.validity = VALIDITY_BY_LINK[link.kind]
            DisclosurePage.objects.filter(pk=page.pk).update(validity=page.validity)
            follow_superseding_entries(page, user=user)
    return page


def expire_due_entries(today=None) -> list[int]:
    """The scheduler's part (run by ``publish_due_entries`` every minute): store 已失效 on entries whose
    date of invalidity has come, log it and reindex them (the search facet reads the stored value)."""
    from search.indexing import enqueue

    today = today or timezone.localdate()
    due = list(DisclosurePage.objects.filter(invalid_from__lte=today)
               .exclude(validity__in=[Validity.EXPIRED, Validity.REPEALED]))
    for page in due:
        DisclosurePage.objects.filter(pk=page.pk).update(validity=Validity.EXPIRED)
        log(instance=page, action=EXPIRED, user=None,
            data={"invalid_from": page.invalid_from.isoformat(), "reason": page.invalidity_reason})
    if due:
        enqueue([page.pk for page in due])
    return [page.pk for page in due]


# Receivers --------------------------------------------------------------------------------------


def _is_entry(instance) -> bool:
    return isinstance(instance, DisclosurePage)


def entry_published(sender, instance, revision=None, **kwargs):
    """Record lateness at the first publication; publishing a withdrawn entry again reinstates it."""
    if not _is_entry(instance):
        return
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


def entry_unpublished(sender, instance, **kwargs):
    """Scheduled publishing took a notice down at the end of its period: say so in the history."""
    if not _is_entry(instance) or not instance.expired or notice_period(instance) is None:
        return
    start, end = notice_period(instance)
    log(instance=instance, action=NOTICE_END, user=None,
        data={"notice_start": start.isoformat(), "notice_end": end.isoformat()})


def refuse_revision_of_archived(sender, instance, raw=False, **kwargs):
    """An archived entry is read-only: no new revision of it, whichever path tries."""
    if raw or not instance._state.adding:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(DisclosurePage).pk:
        return
    title = DisclosurePage.objects.filter(pk=instance.object_id, archived_at__isnull=False).values_list(
        "title", flat=True).first()
    if title is not None:
        raise ValidationError(_("The entry “%(title)s” is archived and read-only.") % {"title": title})
