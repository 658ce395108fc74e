"""The dashboard panel: what waits for this user's review, oldest first, with its due date."""

import re

from django.conf import settings
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Revision

from cms.models import DisclosurePage

from .tasks import task_states_waiting_for

LIMIT = 100
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


def waiting_for(user, limit: int = LIMIT) -> list[dict]:
    """Task states this user may act on, the longest-waiting first, with the entry and its due date."""
    states = (task_states_waiting_for(user)
              .select_related("task", "revision", "revision__user", "workflow_state", "workflow_state__workflow",
                              "workflow_state__requested_by")
              .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
              .order_by("started_at", "pk")[:limit])
    rows = []
    for state in states:
        obj = state.revision.content_object
        if obj is None:
            continue
        obj = getattr(obj, "specific", obj)
        task = state.task.specific
        rows.append({
            "obj": obj,
            "task_state": state,
            "task": task,
            "revision": state.revision,
            "previous_revision_id": state.previous_revision_id,
            "due_on": getattr(obj, "due_on", None),
            "organisation": getattr(obj, "organisation", None),
            "actions": task.get_actions(obj, user),
            "escalated": getattr(state.specific, "escalated", False),
            "is_entry": isinstance(obj, DisclosurePage),
            "submitter": person_name(state.workflow_state.requested_by),
        })
    return rows


class AwaitingReviewPanel(Component):
    """Replaces Wagtail's "Awaiting your review": same actions, oldest first, with unit and due date."""

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
