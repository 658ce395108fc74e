"""Admin wiring of the procedure: findings and masking views, the guard in the editor's publish paths,
the dashboard panel, audit-log actions, and the admin for the guard's lists."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel
from wagtail.admin.widgets import Button
from wagtail.models import WorkflowState

from cms.models import DisclosurePage

from . import guard, interpretation, table_checks, urls
from .guard_admin import guard_lists
from .log_actions import register as register_moderation_log_actions
from .panels import AwaitingReviewPanel, MyEntriesPanel, person_name
from .review import log_refusal
from .tasks import ApprovalTask
from .views import confirm_workflow_action

MESSAGE_FINDINGS = 5


# The warning after saving a draft whose financial table does not add up (cms/moderation/table_checks.py).
hooks.register("after_edit_page", table_checks.warn_wrong_totals)
hooks.register("after_create_page", table_checks.warn_wrong_totals)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("moderation/", include((urls.urlpatterns, "moderation"), namespace="moderation"))]


@hooks.register("register_admin_viewset")
def register_guard_lists():
    return guard_lists


hooks.register("register_log_actions", register_moderation_log_actions)


@hooks.register("construct_homepage_panels")
def replace_awaiting_review(request, panels):
    replaced = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel)
    panels[:] = [panel for panel in panels if type(panel) not in replaced]
    panels.append(MyEntriesPanel())
    panels.append(AwaitingReviewPanel())


@hooks.register("register_page_header_buttons")
def findings_button(page, user, view_name, next_url=None):
    if page.specific_class is DisclosurePage and page.permissions_for_user(user).can_edit():
        yield Button(_("Personal data"), reverse("moderation:findings", args=(page.pk,)), icon_name="warning",
                     priority=45)


def _refuse(request, page, report, revision=None, log=True):
    if log:
        log_refusal(page, request.user, report.messages(), revision=revision)
    shown = "; ".join(item.message for item in report.items[:MESSAGE_FINDINGS])
    if len(report.items) > MESSAGE_FINDINGS:
        shown += " …"
    url = reverse("moderation:findings", args=(page.pk,))
    messages.error(request, f"{report.headline} {shown}",
                   buttons=[messages.button(url, _("Personal data"))])
    return redirect(url)


@hooks.register("before_publish_page")
def guard_editor_publish(request, page):
    """Publishing from the editor: show the findings instead of failing in the model's save."""
    if not isinstance(page, DisclosurePage):
        return None
    report = guard.check(page, page.latest_revision_id)
    if report.blocking:
        return _refuse(request, page, report, page.latest_revision)
    return None


@hooks.register("before_bulk_action")
def guard_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk publishing: refuse the whole action while any entry in it would be refused."""
    if action_type != "publish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    descendants = bool(form and form.cleaned_data.get("include_descendants"))
    for page in objects:
        entries = [page.specific] if page.specific_class is DisclosurePage else []
        if descendants:
            entries += list(DisclosurePage.objects.descendant_of(page).not_live())
        for entry in entries:
            revision = entry.get_latest_revision()
            target = revision.as_object() if revision else entry
            report = guard.check(target, revision.pk if revision else None)
            if report.blocking:
                return _refuse(request, entry, report, revision)
            if problems := table_checks.total_problems(target):
                messages.error(request, " ".join([_("“%(title)s” cannot be published:") % {"title": entry.title}]
                                                 + [str(problem.message) for problem in problems]))
                return redirect(reverse("wagtailadmin_pages:edit", args=(entry.pk,)))
    return None


@hooks.register("after_edit_page")
def explain_refused_approval(request, page):
    """Approving from the editor: the task rolls a refused publication back; say why here."""
    if not (isinstance(page, DisclosurePage) and request.POST.get("action-workflow-action")
            and request.POST.get("workflow-action-name") == "approve"):
        return None
    state = page.current_workflow_task_state
    if state is None or not isinstance(state.task.specific, ApprovalTask):
        return None
    revision = page.get_latest_revision()
    report = guard.check(revision.as_object(), revision.pk)
    if report.blocking:
        return _refuse(request, page, report, revision, log=False)
    return None


ACTED_TASK_STATE = "_moderation_acted_task_state"


@hooks.register("before_edit_page")
def remember_acted_task_state(request, page):
    """A workflow action from the page editor: remember the task it acts on, for the confirmation."""
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        setattr(request, ACTED_TASK_STATE, page.current_workflow_task_state)
    return None


@hooks.register("after_edit_page")
def confirm_editor_workflow_action(request, page):
    """After 批准, 要求修改 or a secrecy decision from the page editor: say what happened and what is next."""
    state = getattr(request, ACTED_TASK_STATE, None)
    if state is not None:
        confirm_workflow_action(request, state)
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_early(request, page):
    """Saving a draft or submitting it (提出): the editor sees the personal-data findings of what would
    go public at once, with the way to the masking action, long before the approver's step."""
    if not isinstance(page, DisclosurePage) or request.POST.get("action-publish") \
            or request.POST.get("action-workflow-action"):
        return None
    revision = page.get_latest_revision()
    if revision is None:
        return None
    report = guard.check(revision.as_object(), revision.pk)
    if not report.blocking:
        return None
    shown = "; ".join(item.message for item in report.items[:MESSAGE_FINDINGS])
    if len(report.items) > MESSAGE_FINDINGS:
        shown += " …"
    messages.warning(request, f"{report.headline} {shown}",
                     buttons=[messages.button(reverse("moderation:findings", args=(page.pk,)), _("Personal data"))])
    return None


def changes_requested_message(page) -> str | None:
    """What the editor of an entry sent back for changes must read first: who sent it back, at which
    step, when, and the comment; None when the entry's workflow is not waiting for changes."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES or state.current_task_state is None:
        return None
    rejected = state.current_task_state
    when = rejected.finished_at or rejected.started_at
    return _("Sent back for changes by %(reviewer)s at the step “%(step)s” on %(when)s: %(comment)s") % {
        "reviewer": person_name(rejected.finished_by) or _("a reviewer"),
        "step": rejected.task.name,
        "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT"),
        "comment": rejected.comment or _("(no comment)"),
    }


def _waits_for_approval(page) -> bool:
    state = page.current_workflow_task_state
    return state is not None and isinstance(state.task.specific, ApprovalTask)


@hooks.register("before_edit_page")
def warn_missing_interpretation(request, page):
    """三同步: the approver (and whoever opens the entry) reads that a policy under a row requiring an
    interpretation has none linked, when it waits for approval or is published without one."""
    if request.method != "GET" or not isinstance(page, DisclosurePage):
        return None
    if not (_waits_for_approval(page) or page.live):
        return None
    target = table_checks.latest_content(page) if not page.live or page.has_unpublished_changes else page
    if interpretation.missing_interpretation(target):
        messages.warning(request, interpretation.warning(target))
    return None


@hooks.register("after_publish_page")
def warn_published_without_interpretation(request, page):
    if isinstance(page, DisclosurePage) and interpretation.missing_interpretation(page):
        messages.warning(request, interpretation.warning(page))


@hooks.register("before_edit_page")
def explain_changes_requested(request, page):
    """The edit view of an entry sent back for changes opens with the reviewer's name, the step and
    the comment (Wagtail's own side panel only says that changes were requested)."""
    if request.method == "GET" and isinstance(page, DisclosurePage):
        message = changes_requested_message(page)
        if message:
            messages.warning(request, message)
    return None


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """The editor's submit button (提出), labelled short: 提交审核, not "Submit to" the unit's long
    workflow name; after changes were requested it still names the step it goes back to."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if not (state and state.status == state.STATUS_NEEDS_CHANGES):
            context["label"] = _("Submit for review")
        return context


@hooks.register("construct_page_action_menu")
def short_submit_label(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            replacement = SubmitForReviewMenuItem(order=item.order)
            menu_items[index] = replacement
