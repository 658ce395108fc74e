"""Admin views for catalogues: list, import a file, export (XLSX, CSV), start from a standard template.

Who may do what follows Wagtail page permissions on the catalogue page (cms.catalogue_io.access): importing
and applying a template are for those who keep the catalogue's rows (`add`, `change` and `publish`);
exporting needs any of `add`, `change`, `publish`. An import runs as a background job (cms.catalogue_io.jobs).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..catalogue_io import (
    CONTENT_TYPES, EXPORT_ACTIONS, FORMATS, IMPORT_ACTIONS, MAX_FILE_BYTES, MAX_ROWS, CatalogueFileError,
    apply_template, export_catalogue, export_filename, exportable_catalogues, importable_catalogues, list_templates,
    fail_abandoned, may_publish, read_catalogue_file, start_import,
)
from ..models import CatalogueImportJob, CataloguePage

__all__ = ["EXPORT_ACTIONS", "IMPORT_ACTIONS", "exportable_catalogues", "importable_catalogues"]
PER_PAGE = 50
RECENT_JOBS = 10
REFRESH_SECONDS = 2


class CatalogueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, catalogue):
        return f"{catalogue.title}（{catalogue.organisation.code}）"


class CatalogueImportForm(forms.Form):
    catalogue = CatalogueChoiceField(queryset=CataloguePage.objects.none(), label=gettext_lazy("Catalogue"))
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = importable_catalogues(user)
        self.fields["file"].help_text = _("XLSX or CSV in the national sample layout (序号, 一级事项, 二级事项, …); "
                                          "at most %(rows)s rows.") % {"rows": MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.")
                                        % {"limit": MAX_FILE_BYTES // (1024 * 1024)})
        return upload


class CatalogueTemplateForm(forms.Form):
    template = forms.ChoiceField(label=gettext_lazy("Standard catalogue"), widget=forms.RadioSelect)

    def __init__(self, *args, domain, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = list_templates(domain)
        self.fields["template"].choices = [(t.name, t.title) for t in self.templates]


class CatalogueAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("catalogue_io:index"), "label": _("Catalogues")},
            {"url": "", "label": self.get_page_title()},
        ]


class CatalogueIndexView(CatalogueAdminMixin, TemplateView):
    """The catalogues the user may export, with their import, export and template actions."""

    template_name = "cms/catalogue/index.html"
    page_title = gettext_lazy("Catalogue import and export")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Catalogues")}]

    def get_context_data(self, **kwargs):
        catalogues = exportable_catalogues(self.request.user)
        if not catalogues.exists():
            raise PermissionDenied
        query = self.request.GET.get("q", "").strip()
        if query:
            catalogues = catalogues.filter(organisation__name__icontains=query)
        page = Paginator(catalogues, PER_PAGE).get_page(self.request.GET.get("p"))
        importable = set(importable_catalogues(self.request.user).values_list("pk", flat=True))
        rows = [(catalogue, catalogue.pk in importable) for catalogue in page]
        return super().get_context_data(
            rows=rows, items=page, query=query, formats=FORMATS,
            elided_page_range=page.paginator.get_elided_page_range(page.number), **kwargs)


class CatalogueImportView(CatalogueAdminMixin, FormView):
    """Upload a file into a catalogue. The file is read and checked here, and a bad one is refused whole
    with the reason for every bad row; a good one becomes a background job (cms.catalogue_io.jobs) whose
    progress page the user is sent to."""

    template_name = "cms/catalogue/import.html"
    form_class = CatalogueImportForm
    page_title = gettext_lazy("Import catalogue")

    def dispatch(self, request, *args, **kwargs):
        if not importable_catalogues(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"catalogue": self.request.GET.get("catalogue")}

    def get_context_data(self, **kwargs):
        jobs = visible_jobs(self.request.user).select_related("catalogue", "user")[:RECENT_JOBS]
        return super().get_context_data(action_url=reverse("catalogue_io:import"),
                                        submit_button_label=_("Import"), jobs=jobs, **kwargs)

    def form_valid(self, form):
        catalogue, upload = form.cleaned_data["catalogue"], form.cleaned_data["file"]
        data = upload.read()
        try:
            read_catalogue_file(data, catalogue.domain)
        except CatalogueFileError as refusal:
            return self.render_to_response(self.get_context_data(form=form, refusal=refusal))
        job = start_import(catalogue, self.request.user, upload.name, data)
        return redirect("catalogue_io:job", job.pk)


def visible_jobs(user):
    """Jobs of the catalogues whose rows the user keeps (who started them does not matter); jobs whose
    worker died are ended first (jobs.fail_abandoned)."""
    jobs = CatalogueImportJob.objects.filter(catalogue__in=importable_catalogues(user)).defer("data")
    fail_abandoned(jobs)
    return jobs


class ImportJobView(CatalogueAdminMixin, DetailView):
    """A job's progress (refreshed by <meta refresh>, or by a small fetch of its status) and then its result."""

    template_name = "cms/catalogue/job.html"
    page_title = gettext_lazy("Catalogue import")
    context_object_name = "job"

    def get_queryset(self):
        return visible_jobs(self.request.user).select_related("catalogue__organisation", "user")

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            if CatalogueImportJob.objects.filter(pk=self.kwargs["pk"]).exists():
                raise PermissionDenied from None
            raise

    def get_page_subtitle(self):
        return self.object.catalogue.title

    def get_context_data(self, **kwargs):
        job = self.object
        return super().get_context_data(
            refresh_seconds=REFRESH_SECONDS, status_url=reverse("catalogue_io:job_status", args=[job.pk]),
            summary=job.summary, explore_url=reverse("wagtailadmin_explore", args=[job.catalogue_id]), **kwargs)


def job_status_view(request, pk: int):
    """The job's state as JSON, for the progress page's fetch."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    return JsonResponse({"status": job.status, "status_label": job.get_status_display(), "finished": job.finished,
                         "rows_done": job.rows_done, "rows_total": job.rows_total, "percent": job.percent})


class CatalogueTemplateView(CatalogueAdminMixin, FormView):
    """Start a catalogue from a standard template of its domain (or add the template's missing rows)."""

    template_name = "cms/catalogue/template.html"
    form_class = CatalogueTemplateForm
    page_title = gettext_lazy("Start from a standard catalogue")

    def dispatch(self, request, *args, **kwargs):
        self.catalogue = get_object_or_404(CataloguePage.objects.select_related("organisation"), pk=kwargs["pk"])
        if not importable_catalogues(request.user).filter(pk=self.catalogue.pk).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.catalogue.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "domain": self.catalogue.domain}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("catalogue", self.catalogue)
        return super().get_context_data(
            has_items=self.catalogue.get_children().exists(),
            action_url=reverse("catalogue_io:template", args=[self.catalogue.pk]),
            submit_button_label=_("Apply template"), **kwargs)

    def form_valid(self, form):
        try:
            summary = apply_template(self.catalogue, form.cleaned_data["template"], user=self.request.user,
                                     publish=may_publish(self.request.user, self.catalogue))
        except CatalogueFileError as refusal:
            return self.render_to_response(self.get_context_data(form=form, refusal=refusal))
        return render_result(self, self.catalogue, summary, _("Template applied"))


def render_result(view, catalogue: CataloguePage, summary, title: str):
    view.template_name = "cms/catalogue/result.html"
    view.page_title = title
    return view.render_to_response(view.get_context_data(
        catalogue=catalogue, summary=summary, explore_url=reverse("wagtailadmin_explore", args=[catalogue.pk])))


def export_view(request, pk: int, format: str):
    """Download a catalogue as XLSX or CSV (UTF-8 with BOM)."""
    if format not in FORMATS:
        raise Http404
    catalogue = get_object_or_404(CataloguePage.objects.select_related("organisation"), pk=pk)
    if not exportable_catalogues(request.user).filter(pk=catalogue.pk).exists():
        raise PermissionDenied
    response = HttpResponse(export_catalogue(catalogue, format), content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(catalogue, format)}"'
    return response


index_view = CatalogueIndexView.as_view()
import_view = CatalogueImportView.as_view()
template_view = CatalogueTemplateView.as_view()
job_view = ImportJobView.as_view()
