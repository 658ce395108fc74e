"""Admin views: an entry's personal-data findings, and applying the standard masks to them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage

from . import guard, interpretation
from .masking import apply_masks


class EntryMixin:
    """The entry of the URL, for users who may edit it."""

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(DisclosurePage, pk=page_id)

    def dispatch(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def locked(self) -> bool:
        lock = self.page.get_lock()
        return lock is not None and lock.for_user(self.request.user)


class FindingsView(EntryMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "moderation/findings.html"
    page_title = gettext_lazy("Personal data")
    header_icon = "warning"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
             "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.page.get_latest_revision()
        entry = revision.as_object() if revision else self.page
        report = guard.check(entry, revision.pk if revision else None)
        refusal = None
        if self.request.GET.get("refused"):
            refusal = (PageLogEntry.objects.filter(page=self.page, action="moderation.publish_refused",
                                                   user=self.request.user).order_by("-timestamp", "-pk").first())
        context.update({
            "entry": entry,
            "report": report,
            "refusal": refusal,
            "can_mask": bool(report.maskable) and not self.locked(),
            "mask_url": reverse("moderation:apply_masks", args=(self.page.pk,)),
            "edit_url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
        })
        return context


class ApplyMasksView(EntryMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.locked():
            raise PermissionDenied
        result = apply_masks(self.page, request.user)
        if result.total:
            messages.success(request, _("%(count)s findings masked; a new revision was saved.")
                             % {"count": result.total})
        else:
            messages.info(request, _("Nothing in the entry's own texts needed masking."))
        return redirect("moderation:findings", self.page.pk)


# Confirmation after a workflow action ---------------------------------------------------------


def confirmation_message(task_state) -> str | None:
    """What the reviewer reads after acting on ``task_state``: the entry, what was decided and where it
    went next (已通过“东山村 审核”，已转交“东山村 保密审查”); None while the task is still in progress
    (e.g. an approval refused by the personal-data guard, which says so itself)."""
    from wagtail.models import TaskState

    from .records import Outcome, SecrecyReview

    state = TaskState.objects.select_related("task", "workflow_state").get(pk=task_state.pk)
    workflow_state = state.workflow_state
    page = workflow_state.content_object
    if page is None:
        return None
    page = page.specific_deferred
    title = page.get_admin_display_title()
    step = state.task.name
    review = (SecrecyReview.objects.filter(task_state_id=state.pk).order_by("-pk").first()
              if state.status in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED) else None)
    if state.status == TaskState.STATUS_REJECTED:
        if review is not None and review.outcome == Outcome.EXEMPT:
            return _("“%(title)s”: secrecy review recorded (exempt from disclosure). It will not be published "
                     "and went back to its editor.") % {"title": title}
        return _("“%(title)s” was sent back for changes at “%(step)s”: its editor sees your comment at the top "
                 "of the entry.") % {"title": title, "step": step}
    if state.status != TaskState.STATUS_APPROVED:
        return None
    workflow_state.refresh_from_db()
    next_state = workflow_state.current_task_state if workflow_state.status == workflow_state.STATUS_IN_PROGRESS \
        else None
    if next_state is not None and next_state.pk != state.pk:
        values = {"title": title, "step": step, "next": next_state.task.name}
        if review is not None:
            values["outcome"] = review.get_outcome_display()
            return _("“%(title)s”: secrecy review recorded (%(outcome)s); it went on to “%(next)s”.") % values
        return _("“%(title)s” passed “%(step)s” and went on to “%(next)s”.") % values
    page.refresh_from_db(fields=["live", "go_live_at"])
    if page.live:
        return _("“%(title)s” was approved and published.") % {"title": title}
    return _("“%(title)s” was approved; it will be published at its scheduled time.") % {"title": title}


def confirm_workflow_action(request, task_state) -> None:
    message = confirmation_message(task_state)
    if message:
        messages.success(request, message)
    task_state.refresh_from_db()
    entry = task_state.workflow_state.content_object
    entry = getattr(entry, "specific", entry)
    if task_state.status == task_state.STATUS_APPROVED and isinstance(entry, DisclosurePage) and entry.live \
            and interpretation.missing_interpretation(entry):
        messages.warning(request, interpretation.warning(entry))  # 三同步: the approver reads it at once


class ConfirmedWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (the dashboard's 批准, 要求修改, 保密审查…), followed by a confirmation
    that names the entry and the next step (the entries' view set, cms.wagtail_hooks.EntryViewSet)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        confirm_workflow_action(request, self.task_state)
        return response
