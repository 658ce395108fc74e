"""The unit's feedback queue in the admin: due dates on the official calendar, working days left, overdue
rows highlighted; one feedback with its files, the transitions the user may take and the audit trail
(docs/interaction.md §4). Who sees what: interaction.permissions only. There is no delete view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry

from . import clocks, permissions, services
from .forms import TransitionForm
from .workflow import OPEN_STATES, TRANSITIONS_BY_NAME, State

DUE_SOON_WORKING_DAYS = 2


def rows_with_clocks(feedback, today=None):
    today = today or timezone.localdate()
    return [(item, clocks.clock(item, today)) for item in feedback]


def queues(user, today=None):
    """Open feedback of the user's units that is overdue or due within 2 working days."""
    rows = rows_with_clocks(permissions.visible_feedback(user).filter(state__in=OPEN_STATES)
                            .select_related("organisation"), today)
    overdue = [row for row in rows if row[1].overdue]
    soon = [row for row in rows if not row[1].overdue and row[1].days_left is not None
            and row[1].days_left <= DUE_SOON_WORKING_DAYS]
    return overdue, soon


class FeedbackMixin(WagtailAdminTemplateMixin):
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("interaction:index"), "label": _("Feedback")},
            {"url": "", "label": self.get_page_title()},
        ]


class IndexView(FeedbackMixin, TemplateView):
    template_name = "interaction/index.html"
    page_title = gettext_lazy("Feedback")
    FILTERS = {"open": gettext_lazy("Awaiting reply"), "overdue": gettext_lazy("Overdue"),
               "review": gettext_lazy("Reply in review"), "answered": gettext_lazy("Answered"),
               "set_aside": gettext_lazy("Hidden, duplicates, merged"), "all": gettext_lazy("All")}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Feedback")}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not permissions.involved(user):
            raise PermissionDenied
        selected = self.request.GET.get("show", "open")
        if selected not in self.FILTERS:
            selected = "open"
        feedback = permissions.visible_feedback(user).select_related("organisation")
        if selected in ("open", "overdue"):
            feedback = feedback.filter(state__in=OPEN_STATES)
        elif selected == "review":
            feedback = feedback.filter(state=State.IN_REVIEW)
        elif selected == "answered":
            feedback = feedback.filter(state=State.ANSWERED)
        elif selected == "set_aside":
            feedback = feedback.filter(state__in=(State.HIDDEN, State.DUPLICATE, State.MERGED))
        rows = rows_with_clocks(feedback[:500])
        if selected == "overdue":
            rows = [row for row in rows if row[1].overdue]
        return super().get_context_data(rows=rows, filters=self.FILTERS.items(), selected=selected, **kwargs)


class DetailView(FeedbackMixin, TemplateView):
    template_name = "interaction/detail.html"
    page_title = gettext_lazy("Feedback")

    def get_object(self):
        feedback = (permissions.visible_feedback(self.request.user)
                    .select_related("organisation", "entry", "catalogue_item", "other", "reply_author", "reviewer")
                    .filter(pk=self.kwargs["pk"]).first())
        if feedback is None:
            raise Http404
        return feedback

    def get_page_subtitle(self):
        return self.feedback.code

    def get_context_data(self, transition_forms=None, **kwargs):
        feedback, user = self.feedback, self.request.user
        forms = transition_forms or {}
        offered = services.available_transitions(feedback, user)
        logs = log_registry.get_logs_for_instance(feedback).select_related("user").order_by("timestamp")
        return super().get_context_data(
            feedback=feedback, clock=clocks.clock(feedback), files=feedback.files.all(), logs=logs,
            absorbed=feedback.absorbed.all(), reply_days=clocks.reply_working_days(feedback),
            awaiting_second_reviewer=(feedback.state == State.IN_REVIEW and feedback.reply_author_id == user.pk),
            transitions=[(t, forms.get(t.name) or TransitionForm(transition=t, feedback=feedback, prefix=t.name))
                         for t in offered], **kwargs)

    def get(self, request, *args, **kwargs):
        self.feedback = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.feedback = feedback = self.get_object()
        action = request.POST.get("action", "")
        transition = TRANSITIONS_BY_NAME.get(action)
        if transition is None:
            raise PermissionDenied
        form = TransitionForm(request.POST, transition=transition, feedback=feedback, prefix=action)
        if not form.is_valid():
            messages.error(request, _("Correct the errors in the form."))
            return self.render_to_response(self.get_context_data(transition_forms={action: form}), status=400)
        try:
            services.perform(feedback, action, request.user, comment=form.cleaned_data["comment"],
                             **form.data_for_service())
        except PermissionDenied as refused:
            messages.error(request, str(refused) or _("This action is not available."))
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
            return self.render_to_response(self.get_context_data(transition_forms={action: form}), status=400)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
        return redirect("interaction:detail", feedback.pk)


def file_view(request, pk: int, file_pk: int):
    """A file sent with feedback, for the unit's staff only."""
    feedback = permissions.visible_feedback(request.user).filter(pk=pk).first()
    attached = feedback.files.filter(pk=file_pk).first() if feedback else None
    if attached is None:
        raise Http404
    extension = attached.file.name.rsplit(".", 1)[-1].lower()
    content_type = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}.get(
        extension, "application/octet-stream")
    response = HttpResponse(attached.file.read(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="feedback-{feedback.code}-{attached.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


index_view = IndexView.as_view()
detail_view = DetailView.as_view()
