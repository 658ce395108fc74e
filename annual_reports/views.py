"""Admin pages: the list of reports with the 生成年度报告草稿 action, the edit view of one report (what the data
holds, read-only with its evidence; what must be entered; the checks), and the DOCX / PDF exports. Who may:
annual_reports.permissions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import body, checks, exports, permissions, services
from .forms import GenerateForm, ReportForm
from .models import AnnualReport
from .template import APPLICATION_COLUMNS, PROACTIVE_ITEMS, SECTIONS


class ReportsMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("annual_reports:index"), "label": _("Annual reports")},
            {"url": "", "label": self.get_page_title()},
        ]


class IndexView(ReportsMixin, TemplateView):
    template_name = "annual_reports/index.html"
    page_title = gettext_lazy("Annual reports")

    def dispatch(self, request, *args, **kwargs):
        self.units = permissions.units_for(request.user)
        if not request.user.is_superuser and not self.units.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        initial = {"organisation": self.request.GET.get("organisation")} if self.request.GET.get(
            "organisation", "").isdigit() else {}
        context["form"] = form or GenerateForm(units=self.units, initial=initial)
        context["reports"] = (AnnualReport.objects.filter(organisation__in=self.units)
                              .select_related("organisation", "page"))
        return context

    def post(self, request):
        form = GenerateForm(request.POST, units=self.units)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = services.generate(form.cleaned_data["organisation"], form.cleaned_data["year"], request.user)
        except services.ReportError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("The figures the data holds are computed: complete the report and write "
                                    "its draft."))
        return redirect("annual_reports:edit", report.pk)


def _report(request, pk) -> AnnualReport:
    report = AnnualReport.objects.select_related("organisation", "page").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not permissions.may_work_on(request.user, report):
        raise PermissionDenied
    return report


class EditView(ReportsMixin, TemplateView):
    template_name = "annual_reports/edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.report = _report(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return services.title(self.report)

    def get_context_data(self, form=None, problems=None, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        computed = report.computed.get("proactive", {})
        context.update({
            "report": report, "form": form or ReportForm(report=report), "problems": problems or [],
            "sections": SECTIONS,
            "computed_items": [(label, [(name, computed[key]["values"][m]) for m, name in measures],
                                computed[key]["evidence"])
                               for key, label, _a, measures, _w in PROACTIVE_ITEMS if key in computed],
            "application_header": [name for _c, name in APPLICATION_COLUMNS],
            "application_rows": body.applications_rows(report),
            "application_source": report.computed.get("applications", {}).get("source", ""),
            "application_problems": checks.applications_errors(report.computed.get("applications", {})),
            "page_edit_url": reverse("wagtailadmin_pages:edit", args=[report.page_id]) if report.page_id else "",
        })
        return context

    def post(self, request, pk):
        report = services.generate(self.report.organisation, self.report.year, request.user)
        self.report = report
        form = ReportForm(request.POST, report=report)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        form.apply()
        report.save()
        if request.POST.get("action") == "save":
            messages.success(request, _("The report is saved; its draft is not written yet."))
            return redirect("annual_reports:edit", report.pk)
        try:
            page = services.write_draft(report, request.user)
        except services.ReportError as error:
            return self.render_to_response(self.get_context_data(form=ReportForm(report=report),
                                                                 problems=error.messages))
        messages.success(request, _("The draft of “%(title)s” is written as a new revision: submit it to the "
                                    "procedure from the entry's editor.") % {"title": page.title})
        return redirect("annual_reports:edit", report.pk)


def export_view(request, pk, format):
    report = _report(request, pk)
    if format == "docx":
        data, content_type = exports.to_docx(report), \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif format == "pdf":
        data, content_type = exports.to_pdf(report), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=annual-report-{report.organisation_id}-{report.year}.{format}"
    return response
