"""The dashboard panels: what waits for this user's review (oldest first, with its due date and the
working days left), and an editor's own entries (returned, in review, drafts). Both run a fixed number
of queries whatever the number of rows."""

import re

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, Revision, Task, WorkflowState

from cms.models import DisclosurePage
from cms.workdays.service import CalendarYearMissing, working_days_between

from .tasks import task_states_waiting_for

LIMIT = 100
MY_ENTRIES_LIMIT = 50
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def person_name(user) -> str:
    """A user's name as the admin should show it: a Chinese name family name first, without a
    space (郭勇, not "勇 郭" as Django's ``get_full_name()`` gives); other names as Wagtail shows them."""
    if user is None:
        return ""
    family, given = (getattr(user, "last_name", "") or "").strip(), (getattr(user, "first_name", "") or "").strip()
    if CJK.search(family + given):
        return family + given
    return get_user_display_name(user)


def working_days_left(due_on, today=None) -> int | None:
    """Working days from today (not counted) to the due date (counted); negative once overdue, None
    without a due date or calendar data for the span."""
    if due_on is None:
        return None
    try:
        return working_days_between(today or timezone.localdate(), due_on)
    except CalendarYearMissing:
        return None


def _pages_of(revisions) -> dict[str, Page]:
    """The pages of these revisions, specific, in a fixed number of queries: entries with their unit,
    other page types (catalogue rows…) through Wagtail's ``specific()``."""
    ids = {str(revision.object_id) for revision in revisions}
    pages = {str(page.pk): page
             for page in DisclosurePage.objects.filter(pk__in=ids).select_related("organisation")}
    others = ids - set(pages)
    if others:
        pages.update({str(page.pk): page for page in Page.objects.filter(pk__in=others).specific()})
    return pages


def waiting_for(user, limit: int = LIMIT) -> list[dict]:
    """Task states this user may act on, the longest-waiting first, with the entry, its due date and the
    working days left."""
    states = list(task_states_waiting_for(user)
                  .select_related("task", "revision", "revision__user", "workflow_state",
                                  "workflow_state__workflow", "workflow_state__requested_by", "approvaltaskstate")
                  .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
                  .order_by("started_at", "pk")[:limit])
    pages = _pages_of([state.revision for state in states])
    tasks = {task.pk: task for task in Task.objects.filter(pk__in={state.task_id for state in states}).specific()}
    actions_cache = {}
    today = timezone.localdate()
    rows = []
    for state in states:
        obj = pages.get(str(state.revision.object_id))
        if obj is None:
            continue
        task = tasks[state.task_id]
        try:
            escalated = state.approvaltaskstate.escalated
        except ObjectDoesNotExist:  # not an approval task's state
            escalated = False
        # Every state listed is one this user may act on; the actions depend on the task (and on
        # whether it was referred up), not on the entry: ask each task once.
        key = (task.pk, escalated)
        if key not in actions_cache:
            actions_cache[key] = task.get_actions(obj, user)
        due_on = getattr(obj, "due_on", None)
        left = working_days_left(due_on, today)
        rows.append({
            "obj": obj,
            "task_state": state,
            "task": task,
            "revision": state.revision,
            "previous_revision_id": state.previous_revision_id,
            "due_on": due_on,
            "days_left": left,
            "overdue": left is not None and left < 0,
            "overdue_days": -left if left is not None and left < 0 else 0,
            "organisation": getattr(obj, "organisation", None),
            "actions": actions_cache[key],
            "escalated": escalated,
            "is_entry": isinstance(obj, DisclosurePage),
            "submitter": person_name(state.workflow_state.requested_by),
        })
    return rows


class AwaitingReviewPanel(Component):
    """Replaces Wagtail's "Awaiting your review": same actions, oldest first, with unit, due date and
    the working days left (overdue highlighted)."""

    name = "moderation_awaiting_review"
    template_name = "moderation/home/awaiting_review.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["request"] = request
        context["csrf_token"] = parent_context.get("csrf_token")
        context["rows"] = waiting_for(request.user) if getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True) else []
        return context


def my_entries(user, limit: int = MY_ENTRIES_LIMIT) -> dict[str, list[dict]]:
    """The entries this user owns that are not published as they stand: sent back for changes, in
    review (step, due date, working days left) and drafts; most recently edited first. Two queries
    (entries, their active workflow states) plus the calendar's."""
    states = WorkflowState.objects.active().select_related(
        "current_task_state__task", "current_task_state__finished_by")
    entries = (DisclosurePage.objects.filter(owner=user, archived_at__isnull=True)
               .filter(has_unpublished_changes=True)
               .select_related("catalogue_item")
               .prefetch_related(Prefetch("_specific_workflow_states", queryset=states, to_attr="_current_workflow_states"))
               .order_by("-latest_revision_created_at", "-pk")[:limit])
    today = timezone.localdate()
    result = {"returned": [], "in_review": [], "drafts": []}
    for entry in entries:
        state = next(iter(entry._current_workflow_states), None)
        task_state = state.current_task_state if state else None
        left = working_days_left(entry.due_on, today)
        row = {"obj": entry, "item": entry.catalogue_item.title, "due_on": entry.due_on, "days_left": left,
               "overdue": left is not None and left < 0, "overdue_days": -left if left is not None and left < 0 else 0,
               "step": task_state.task.name if task_state else ""}
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            row["reviewer"] = person_name(task_state.finished_by) if task_state else ""
            row["comment"] = task_state.comment if task_state else ""
            result["returned"].append(row)
        elif state is not None:
            result["in_review"].append(row)
        elif not entry.is_withdrawn:
            result["drafts"].append(row)
    return result


class MyEntriesPanel(Component):
    """An editor's own entries on the dashboard: sent back for changes first, then in review, then
    drafts (replaces Wagtail's "Your pages in a workflow", which lists the same entries without the due
    date and the step's comment)."""

    name = "moderation_my_entries"
    template_name = "moderation/home/my_entries.html"
    order = 90

    # Each part of the panel: its heading, and the columns between the title and the due date.
    SECTIONS = (
        ("returned", gettext_lazy("Sent back for changes"),
         ((gettext_lazy("Step"), "step"), (gettext_lazy("Sent back by"), "reviewer"),
          (gettext_lazy("Comment"), "comment"))),
        ("in_review", gettext_lazy("In review"),
         ((gettext_lazy("Catalogue item"), "item"), (gettext_lazy("Step"), "step"))),
        ("drafts", gettext_lazy("Drafts"), ((gettext_lazy("Catalogue item"), "item"),)),
    )

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["request"] = request
        entries = my_entries(request.user)
        context["sections"] = [
            {"key": key, "heading": heading, "columns": [label for label, _field in columns],
             "rows": [{**row, "cells": [(label, row[field]) for label, field in columns]} for row in entries[key]]}
            for key, heading, columns in self.SECTIONS if entries[key]]
        context["any"] = bool(context["sections"])
        return context
