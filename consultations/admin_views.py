"""The admin pages of consultations: the list of my units' open, upcoming and closed consultations; create and
edit (the period refused when shorter than the rule); one consultation with its opinions — enter those received
at meetings or by letter, mark adoption with shared reasons, hide spam — the adoption report and the final
decision. Who sees what: consultations.permissions only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import permissions, rules, services
from .forms import CONSULTATION_FIELDS, ConsultationForm, DecisionForm, DecisionLinkForm, OpinionForm


class ConsultationsMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_involved(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consultations:index"), "label": _("Consultations")},
            {"url": "", "label": self.get_page_title()},
        ]


class IndexView(ConsultationsMixin, TemplateView):
    template_name = "consultations/index.html"
    page_title = gettext_lazy("Consultations")
    FILTERS = {"open": pgettext_lazy("consultation", "Open"), "upcoming": gettext_lazy("Not yet open"),
               "closed": pgettext_lazy("consultation", "Closed"), "all": gettext_lazy("All")}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Consultations")}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        selected = self.request.GET.get("show", "open")
        if selected not in self.FILTERS:
            selected = "open"
        rows = permissions.visible_consultations(self.request.user).select_related("entry", "organisation", "report")
        rows = {"open": rows.filter(starts_on__lte=today, ends_on__gte=today), "upcoming": rows.filter(
            starts_on__gt=today), "closed": rows.filter(ends_on__lt=today), "all": rows}[selected]
        memo = {}
        items = [(c, services.counts(c), rules.too_short(c.kind, c.organisation, c.starts_on, c.ends_on, memo))
                 for c in rows[:300]]
        return super().get_context_data(items=items, filters=self.FILTERS.items(), selected=selected, today=today,
                                        **kwargs)


class CreateView(ConsultationsMixin, TemplateView):
    template_name = "consultations/form.html"
    page_title = gettext_lazy("Open a consultation")

    def form(self, data=None):
        initial = {}
        entry_id = self.request.GET.get("entry", "")
        if entry_id.isdigit():
            initial["entry"] = int(entry_id)
        return ConsultationForm(data, initial=initial, entries=permissions.entries_for(self.request.user))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in CONSULTATION_FIELDS}
            try:
                consultation = services.open_consultation(form.cleaned_data["entry"], request.user, **data)
            except ValidationError as invalid:
                for field, errors in invalid.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Consultation on “%(title)s” opened.") % {"title": consultation.entry.title})
                return redirect("consultations:detail", consultation.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _get(request, pk):
    consultation = permissions.visible_consultations(request.user).select_related(
        "entry", "organisation", "report", "decision").filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


class EditView(ConsultationsMixin, TemplateView):
    template_name = "consultations/form.html"
    page_title = gettext_lazy("Edit the consultation")

    def get(self, request, pk):
        consultation = _get(request, pk)
        return self.render_to_response(self.get_context_data(form=ConsultationForm(instance=consultation),
                                                             consultation=consultation))

    def post(self, request, pk):
        consultation = _get(request, pk)
        form = ConsultationForm(request.POST, instance=consultation)
        if form.is_valid():
            form.save()
            messages.success(request, _("Consultation saved."))
            return redirect("consultations:detail", consultation.pk)
        return self.render_to_response(self.get_context_data(form=form, consultation=consultation), status=400)


class DetailView(ConsultationsMixin, TemplateView):
    template_name = "consultations/detail.html"
    page_title = gettext_lazy("Consultation")

    def get_page_subtitle(self):
        return self.consultation.entry.title

    def get_context_data(self, opinion_form=None, decision_form=None, **kwargs):
        consultation = self.consultation
        return super().get_context_data(
            consultation=consultation, opinions=consultation.opinions.select_related("reason"),
            counts=services.counts(consultation), is_closed=consultation.is_closed(),
            too_short=rules.too_short(consultation.kind, consultation.organisation, consultation.starts_on,
                                      consultation.ends_on),
            minimum=rules.minimum_days(consultation.kind, consultation.organisation),
            opinion_form=opinion_form or OpinionForm(),
            decision_form=decision_form or DecisionForm(consultation=consultation),
            link_form=DecisionLinkForm(consultation=consultation, initial={"decision": consultation.decision_id}),
            report_problems=services.report_problems(consultation), **kwargs)

    def get(self, request, pk):
        self.consultation = _get(request, pk)
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        self.consultation = consultation = _get(request, pk)
        action = request.POST.get("action", "")
        try:
            if action == "opinion":
                form = OpinionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(opinion_form=form), status=400)
                opinion = services.add_opinion(consultation, request.user, **form.cleaned_data)
                messages.success(request, _("Opinion recorded."))
                if opinion.personal_data_found:
                    messages.warning(request, _("%(count)d pieces of personal data found in the opinion; the report "
                                                "masks them.") % {"count": opinion.personal_data_found})
            elif action == "decide":
                form = DecisionForm(request.POST, consultation=consultation)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(decision_form=form), status=400)
                data = form.cleaned_data
                count = services.decide(consultation, request.user, [o.pk for o in data["opinions"]], data["outcome"],
                                        data["reason"], data["new_reason"])
                messages.success(request, _("%(count)d opinions marked.") % {"count": count})
            elif action in ("hide", "unhide"):
                ids = [value for value in request.POST.getlist("opinions") if value.isdigit()]
                services.set_hidden(consultation, request.user, ids, hidden=action == "hide")
            elif action == "report":
                report = services.generate_report(consultation, request.user, submit=True)
                messages.success(request, _("Adoption report “%(title)s” created and submitted for review.") % {
                    "title": report.title})
            elif action == "decision":
                form = DecisionLinkForm(request.POST, consultation=consultation)
                if not form.is_valid():
                    raise ValidationError(form.errors.get("decision") or _("Choose another entry of the same unit."))
                services.link_decision(consultation, request.user, form.cleaned_data["decision"])
                messages.success(request, _("Final decision linked."))
            else:
                raise PermissionDenied
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
        return redirect("consultations:detail", consultation.pk)


index_view = IndexView.as_view()
create_view = CreateView.as_view()
edit_view = EditView.as_view()
detail_view = DetailView.as_view()
