"""The office's admin pages: the list with due dates, days left and overdue state; registration; one
application with its clock, the transitions the user may take, notes (会商), files and the audit trail; the
reply letter. Who sees what: applications.permissions only."""


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

from . import clocks, letters, permissions, services
from .forms import (
    AssignForm,
    FeePaidForm,
    NoteForm,
    RegistrationForm,
    SuppliedFileForm,
    TransitionForm,
)
from .models import Application
from .workflow import OPEN_STATES, TRANSITIONS_BY_NAME, Actor, State

DUE_SOON_WORKING_DAYS = 5


def rows_with_clocks(applications, today=None):
    today = today or timezone.localdate()
    return [(application, clocks.clock(application, today)) for application in applications]


def queues(user, today=None):
    """Open applications of the user's units that are overdue or due within 5 working days."""
    today = today or timezone.localdate()
    rows = rows_with_clocks(permissions.visible_applications(user).filter(state__in=OPEN_STATES)
                            .select_related("organisation"), today)
    overdue = [row for row in rows if row[1].overdue]
    soon = [row for row in rows if not row[1].overdue and row[1].days_left is not None
            and row[1].running and row[1].days_left <= DUE_SOON_WORKING_DAYS]
    return overdue, soon


class ApplicationsMixin(WagtailAdminTemplateMixin):
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("applications:index"), "label": _("Applications for disclosure")},
            {"url": "", "label": self.get_page_title()},
        ]


class IndexView(ApplicationsMixin, TemplateView):
    template_name = "applications/index.html"
    page_title = gettext_lazy("Applications for disclosure")
    FILTERS = {"open": gettext_lazy("Open"), "overdue": gettext_lazy("Overdue"),
               "soon": gettext_lazy("Due soon"), "all": gettext_lazy("All")}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Applications for disclosure")}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        units = permissions.units_for(user, Actor.HANDLER) | permissions.units_for(user, Actor.APPROVER)
        counts = permissions.child_unit_counts(user)
        if not units and not counts and not user.is_superuser:
            raise PermissionDenied
        selected = self.request.GET.get("show", "open")
        if selected not in self.FILTERS:
            selected = "open"
        applications = permissions.visible_applications(user).select_related("organisation")
        if selected != "all":
            applications = applications.filter(state__in=OPEN_STATES)
        rows = rows_with_clocks(applications[:500])
        if selected == "overdue":
            rows = [row for row in rows if row[1].overdue]
        elif selected == "soon":
            rows = [row for row in rows if row[1].running and not row[1].overdue and row[1].days_left is not None
                    and row[1].days_left <= DUE_SOON_WORKING_DAYS]
        state_labels = dict(State.choices)
        child_counts = [{**row, "state_label": state_labels.get(row["state"], row["state"])} for row in counts]
        return super().get_context_data(rows=rows, filters=self.FILTERS.items(), selected=selected,
                                         child_counts=child_counts, can_register=bool(
                                             permissions.units_for(user, Actor.HANDLER) or user.is_superuser),
                                         **kwargs)


class RegisterView(ApplicationsMixin, TemplateView):
    template_name = "applications/register.html"
    page_title = gettext_lazy("Register an application")

    def units(self):
        user = self.request.user
        if user.is_superuser:
            from cms.models import Organisation

            return set(Organisation.objects.values_list("pk", flat=True))
        units = permissions.units_for(user, Actor.HANDLER)
        if not units:
            raise PermissionDenied
        return units

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=RegistrationForm(units=self.units())))

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST, request.FILES, units=self.units())
        if form.is_valid():
            try:
                application = services.register(form.save(commit=False), request.user)
            except ValidationError as invalid:
                for field, errors in getattr(invalid, "message_dict", {None: invalid.messages}).items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Application %(code)s registered.") % {"code": application.tracking_code})
                return redirect("applications:detail", application.pk)
        return self.render_to_response(self.get_context_data(form=form))


class DetailView(ApplicationsMixin, TemplateView):
    template_name = "applications/detail.html"
    page_title = gettext_lazy("Application for disclosure")

    def get_object(self) -> Application:
        application = permissions.visible_applications(self.request.user).select_related(
            "organisation", "assignee", "responsible_department").filter(pk=self.kwargs["pk"]).first()
        if application is None:
            raise Http404
        return application

    def get_page_subtitle(self):
        return self.application.tracking_code

    def get_context_data(self, transition_forms=None, note_form=None, **kwargs):
        application = self.application
        user = self.request.user
        offered = services.available_transitions(application, user)
        forms = transition_forms or {}
        actors = permissions.actors_for(user, application)
        return super().get_context_data(
            application=application, clock=clocks.clock(application),
            transitions=[(t, forms.get(t.name) or TransitionForm(transition=t, prefix=t.name)) for t in offered],
            note_form=note_form or NoteForm(), events=application.events.select_related("actor"),
            notes=application.notes.select_related("author"), files=application.supplied_files.all(),
            is_handler=Actor.HANDLER in actors, fee_form=FeePaidForm(initial={"on": timezone.localdate()}),
            file_form=SuppliedFileForm(), entry_rows=self.entry_rows(),
            assign_form=AssignForm(application=application) if Actor.HANDLER in actors else None, **kwargs)

    def entry_rows(self):
        application = self.application
        if (application.outcome not in services.PUBLIC_INTEREST_OUTCOMES or application.proactive_entry_id
                or Actor.HANDLER not in permissions.actors_for(self.request.user, application)):
            return []
        return services.entry_rows_for(application, self.request.user)

    def get(self, request, *args, **kwargs):
        self.application = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.application = application = self.get_object()
        action = request.POST.get("action", "")
        try:
            if action == "note":
                form = NoteForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(note_form=form))
                services.add_note(application, request.user, form.cleaned_data["text"])
            elif action == "fee_paid":
                form = FeePaidForm(request.POST)
                if form.is_valid():
                    services.record_fee_paid(application, request.user, form.cleaned_data["on"])
            elif action == "file":
                form = SuppliedFileForm(request.POST, request.FILES)
                if Actor.HANDLER not in permissions.actors_for(request.user, application):
                    raise PermissionDenied
                if form.is_valid():
                    supplied = services.add_supplied_file(application, request.user, **form.cleaned_data)
                    if supplied.findings:
                        messages.warning(request, _("%(count)d pieces of personal data found in “%(title)s”.") % {
                            "count": len(supplied.findings), "title": supplied.title})
            elif action == "assign":
                form = AssignForm(request.POST, application=application)
                if form.is_valid():
                    services.assign(application, request.user, form.cleaned_data["department"],
                                    form.cleaned_data["assignee"])
            elif action == "draft_entry":
                rows = {str(row.pk): row for row in self.entry_rows()}
                row = rows.get(request.POST.get("row", ""))
                if row is None:
                    raise ValidationError(_("Choose a catalogue row."))
                entry = services.draft_entry(application, request.user, row)
                messages.success(request, _("Draft entry “%(title)s” created; submit it for review from its editor.")
                                 % {"title": entry.title})
            elif action in TRANSITIONS_BY_NAME:
                transition = TRANSITIONS_BY_NAME[action]
                form = TransitionForm(request.POST, transition=transition, prefix=action)
                if not form.is_valid():
                    messages.error(request, _("Correct the errors in the form."))
                    return self.render_to_response(self.get_context_data(transition_forms={action: form}))
                services.perform(application, action, request.user, comment=form.cleaned_data["comment"],
                                 on=form.cleaned_data["on"], **form.data_for_service())
                messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            else:
                raise PermissionDenied
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
        return redirect("applications:detail", application.pk)


LETTER_FORMATS = {
    "docx": (letters.reply_letter, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (letters.reply_letter_pdf, "application/pdf"),
}


def letter_view(request, pk: int, format: str = "docx"):
    """The reply letter (DOCX or PDF) of a replied application."""
    application = permissions.visible_applications(request.user).filter(pk=pk).first()
    if application is None or not application.replied_on or format not in LETTER_FORMATS:
        raise Http404
    build, content_type = LETTER_FORMATS[format]
    response = HttpResponse(build(application), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="reply-{application.tracking_code}.{format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def proof_view(request, pk: int):
    """The identity proof, for the unit's handlers and approvers only."""
    application = permissions.visible_applications(request.user).filter(pk=pk).first()
    if application is None or not application.identity_proof:
        raise Http404
    extension = application.identity_proof.name.rsplit(".", 1)[-1].lower()
    content_type = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}.get(extension,
                                                                                          "application/octet-stream")
    response = HttpResponse(application.identity_proof.read(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="proof-{application.tracking_code}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


index_view = IndexView.as_view()
register_view = RegisterView.as_view()
detail_view = DetailView.as_view()

