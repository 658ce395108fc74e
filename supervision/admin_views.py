"""The supervisors' admin pages (docs/supervision.md «督查台»): the dashboard with charts, the findings list,
circulars and the assessment; every list exports to XLSX (``?format=xlsx``). Who sees what:
supervision.permissions only."""

from __future__ import annotations

from collections import Counter, defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import CatalogueItemPage, DisclosurePage, Organisation
from cms.models.choices import OrganisationLevel
from cms.workdays.service import CalendarYearMissing

from . import charts, circulars, permissions
from .assessment import assess, year_period
from .exports import xlsx_response
from .figures import all_figures
from .models import CheckKind, CheckRun, Circular, Finding
from .timeliness import findings as timeliness_findings
from .timeliness import findings_head, subtree

MAX_ROWS_SHOWN = 500


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if 2004 <= year <= today.year + 1 else today.year


class SupervisionMixin(WagtailAdminTemplateMixin):
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.may_enter(request.user):
            raise PermissionDenied
        self.visible = permissions.visible_organisations(request.user)
        self.supervisor = permissions.is_supervisor(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("supervision:index"), "label": _("Supervision")},
            {"url": "", "label": self.get_page_title()},
        ]

    def scope(self):
        """The chosen unit (``?unit=``, among the visible ones) and the units it covers: its subtree."""
        chosen = None
        pk = self.request.GET.get("unit", "")
        if pk.isdigit():
            chosen = self.visible.filter(pk=int(pk)).first()
        if chosen is None and not self.supervisor:
            chosen = permissions.own_units(self.request.user).order_by("path").first()
        if chosen is None:
            roots = list(Organisation.get_root_nodes()[:2])
            if len(roots) == 1:
                chosen = roots[0]
        units = subtree(chosen) if chosen is not None else self.visible
        return chosen, units

    def unit_choices(self):
        return [(unit.pk, "　" * (unit.depth - 1) + unit.name) for unit in self.visible.order_by("path")[:1000]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen, units = self.scope()
        self.chosen, self.units = chosen, units
        context.update(chosen=chosen, unit_choices=self.unit_choices(), supervisor=self.supervisor,
                       query=self.request.GET.urlencode())
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "xlsx" and hasattr(self, "export"):
            return self.export(context)
        return super().render_to_response(context, **kwargs)


def _timeliness_row(finding) -> dict:
    return {"unit": finding.organisation.name, "kind": finding.kind, "kind_label": finding.kind_label,
            "subject": finding.subject, "detail": "", "due_on": finding.due_on, "days_late": finding.days_late,
            "since": None, "open": True, "url": finding.url}


def _stored_row(finding) -> dict:
    url = reverse("wagtailadmin_pages:edit", args=[finding.page_id]) if finding.page_id else None
    return {"unit": finding.organisation.name, "kind": finding.kind, "kind_label": finding.get_kind_display(),
            "subject": finding.subject, "detail": finding.detail, "due_on": None, "days_late": None,
            "since": timezone.localdate(finding.first_found_at), "open": finding.closed_at is None, "url": url}


def _stored_findings(user_units):
    return (Finding.objects.filter(organisation__in=user_units).select_related("organisation")
            .order_by("organisation__path", "kind", "-first_found_at"))


def finding_rows(user_units, kind: str = "", status: str = "open", today=None):
    """The timeliness findings (now) and the stored check findings of the units, as list rows."""
    today = today or timezone.localdate()
    rows = []
    if status in ("open", "all"):
        rows += [_timeliness_row(finding) for finding in timeliness_findings(user_units, today)
                 if not kind or finding.kind == kind]
    stored = _stored_findings(user_units)
    if status == "open":
        stored = stored.filter(closed_at__isnull=True)
    elif status == "closed":
        stored = stored.filter(closed_at__isnull=False)
    if kind:
        stored = stored.filter(kind=kind)
    return rows + [_stored_row(finding) for finding in stored]


def first_open_rows(user_units, limit: int, today=None) -> tuple[list[dict], int]:
    """The first ``limit`` rows of ``finding_rows(user_units)`` (open findings) and how many there are in all,
    reading only as many findings as it shows where the apps allow it (timeliness.findings_head)."""
    head, total = findings_head(user_units, limit, today or timezone.localdate())
    rows = [_timeliness_row(finding) for finding in head]
    stored = _stored_findings(user_units).filter(closed_at__isnull=True)
    # Read as many as could be shown whatever the timeliness rows took: the same queries for any data.
    rows += [_stored_row(finding) for finding in stored[:limit]][:max(0, limit - len(rows))]
    return rows, total + stored.count()


class DashboardView(SupervisionMixin, TemplateView):
    template_name = "supervision/dashboard.html"
    page_title = gettext_lazy("Supervision")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Supervision")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, today = _year(self.request), timezone.localdate()
        start, end = year_period(year)
        units = list(self.units.order_by("path")[:60])
        unit_ids = [unit.pk for unit in units]
        # Updates per month per unit: one query.
        monthly = (DisclosurePage.objects.filter(organisation_id__in=unit_ids, first_published_on__range=(start, end))
                   .annotate(month=TruncMonth("first_published_on")).order_by()
                   .values_list("organisation_id", "month").annotate(n=Count("pk")))
        per_unit = defaultdict(lambda: [0] * 12)
        for organisation_id, month, n in monthly:
            per_unit[organisation_id][month.month - 1] += n
        names = {unit.pk: unit.short_name or unit.name for unit in units}
        ranked = sorted(per_unit, key=lambda pk: -sum(per_unit[pk]))
        series = [(names[pk], per_unit[pk]) for pk in ranked[:5]]
        if len(ranked) > 5:
            series.append((_("Others"), [sum(per_unit[pk][m] for pk in ranked[5:]) for m in range(12)]))
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        figures = all_figures(self.units.filter(pk__in=unit_ids), start, end, today)
        on_time = [(names[unit.pk], *figures["timeliness"]["values"].get(unit.pk, (None, ""))) for unit in units]
        late = timeliness_findings(self.units, today)
        open_checks = Finding.objects.filter(organisation__in=self.units, closed_at__isnull=True)
        kinds = Counter(finding.kind_label for finding in late)
        for kind, n in open_checks.order_by().values_list("kind").annotate(n=Count("pk")):
            kinds[str(CheckKind(kind).label)] += n
        context.update(
            year=year, years=list(range(today.year, today.year - 5, -1)),
            updates_chart=mark_safe(charts.stacked_columns(months, series, _("Entries published per month"))),
            on_time_chart=mark_safe(charts.horizontal_bars(on_time[:30], 100, "%", _("On-time rate"))),
            findings_chart=mark_safe(charts.horizontal_bars([(k, float(n), "") for k, n in kinds.most_common()],
                                                            None, "", _("Open findings"))),
            late_count=sum(1 for finding in late if finding.days_late), finding_count=len(late) + open_checks.count(),
            updates_total=sum(sum(values) for values in per_unit.values()),
            last_run=CheckRun.objects.first(), units_shown=len(units),
        )
        return context


class FindingsView(SupervisionMixin, TemplateView):
    template_name = "supervision/findings.html"
    page_title = gettext_lazy("Findings")
    STATUSES = {"open": gettext_lazy("Open"), "closed": gettext_lazy("Closed"), "all": gettext_lazy("All")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "open")
        status = status if status in self.STATUSES else "open"
        kind = self.request.GET.get("kind", "")
        from .timeliness import kind_labels

        kinds = {**kind_labels(), **{k: str(label) for k, label in CheckKind.choices}}
        rows = finding_rows(self.units, kind[:40], status)
        for row in rows:
            kinds.setdefault(row["kind"], row["kind_label"])
        context.update(rows=rows[:MAX_ROWS_SHOWN], total=len(rows), all_rows=rows, kinds=sorted(kinds.items()),
                       kind=kind, status=status, statuses=self.STATUSES.items(), truncated=len(rows) > MAX_ROWS_SHOWN)
        return context

    def export(self, context):
        headers = [_("organisation"), _("kind"), _("subject"), _("detail"), _("due on"), _("Working days late"),
                   _("first found at"), _("Open")]
        rows = [(r["unit"], r["kind_label"], r["subject"], r["detail"], r["due_on"].isoformat() if r["due_on"] else "",
                 r["days_late"], r["since"].isoformat() if r["since"] else "", _("Yes") if r["open"] else _("No"))
                for r in context["all_rows"]]
        return xlsx_response(f"督查问题-{timezone.localdate():%Y%m%d}.xlsx", _("Findings"), headers, rows)


class AssessmentView(SupervisionMixin, TemplateView):
    template_name = "supervision/assessment.html"
    page_title = gettext_lazy("Assessment")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        start, end = year_period(year)
        level = self.request.GET.get("level", "")
        units = self.units.filter(level=level) if level in OrganisationLevel.values else self.units
        scores = assess(units, start, end)
        indicators = [point.indicator for point in scores[0].points] if scores else []
        context.update(year=year, years=list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
                       scores=scores, indicators=indicators, level=level, levels=OrganisationLevel.choices)
        return context

    def export(self, context):
        headers = [_("Rank"), _("organisation"), _("Score"), _("indicator"), _("Value"), _("Points"),
                   _("weight (points)"), _("Evidence")]
        rows = []
        for score in context["scores"]:
            for point in score.points:
                rows.append((score.rank or "", score.organisation.name, float(score.score) if score.score else None,
                             point.indicator.label, point.value, float(point.points) if point.points is not None
                             else None, float(point.indicator.weight), point.evidence))
        return xlsx_response(f"考核-{context['year']}.xlsx", _("Assessment"), headers, rows)


class CircularForm(forms.Form):
    unit = forms.TypedChoiceField(label=gettext_lazy("organisation"), coerce=int)
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2004, max_value=2100)
    quarter = forms.TypedChoiceField(label=gettext_lazy("quarter"), coerce=int,
                                     choices=[(1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")])
    issued_on = forms.DateField(label=gettext_lazy("issued on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(units)

    def clean(self):
        cleaned = super().clean()
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year and quarter:
            start, _end = circulars.quarter_period(year, quarter)
            if start > timezone.localdate():
                raise forms.ValidationError(_("The quarter has not begun yet."))
        return cleaned


class CircularsView(SupervisionMixin, TemplateView):
    template_name = "supervision/circulars.html"
    page_title = gettext_lazy("Circulars")

    def get_form(self, data=None):
        today = timezone.localdate()
        initial = {"year": today.year, "quarter": max(1, (today.month - 1) // 3)}
        return CircularForm(data, units=self.unit_choices(), initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = Circular.objects.filter(organisation__in=self.visible).select_related("organisation", "entry")
        context.update(circulars=items[:200], form=kwargs.get("form") or self.get_form())
        return context

    def export(self, context):
        headers = [_("organisation"), _("title"), _("year"), _("quarter"), _("version"), _("issued on"), _("Praise"),
                   _("Criticism"), _("Items to correct"), _("entry")]
        rows = [(c.organisation.name, c.title, c.year, c.quarter, c.version, c.issued_on.isoformat(),
                 len(c.summary.get("praise", [])), len(c.summary.get("criticism", [])), c.summary.get("items", 0),
                 c.entry.title if c.entry else "") for c in context["circulars"]]
        return xlsx_response(f"通报-{timezone.localdate():%Y%m%d}.xlsx", _("Circulars"), headers, rows)

    def post(self, request, *args, **kwargs):
        if not self.supervisor:
            raise PermissionDenied
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        unit = get_object_or_404(self.visible, pk=form.cleaned_data["unit"])
        try:
            circular = circulars.generate(unit, form.cleaned_data["year"], form.cleaned_data["quarter"], request.user,
                                          form.cleaned_data.get("issued_on"))
        except CalendarYearMissing as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Circular generated: %(title)s, version %(version)s")
                         % {"title": circular.title, "version": circular.version})
        return redirect("supervision:circular", pk=circular.pk)


class CircularView(SupervisionMixin, TemplateView):
    template_name = "supervision/circular.html"
    page_title = gettext_lazy("Circular")

    def get_circular(self):
        return get_object_or_404(Circular.objects.filter(organisation__in=self.visible), pk=self.kwargs["pk"])

    def rows(self, circular):
        return (CatalogueItemPage.objects.filter(organisation__in=subtree(circular.organisation), live=True,
                                                 retired_at__isnull=True)
                .select_related("organisation").order_by("path"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        circular = self.get_circular()
        context.update(circular=circular, rows=self.rows(circular)[:500] if self.supervisor else [],
                       versions=Circular.objects.filter(organisation=circular.organisation, year=circular.year,
                                                        quarter=circular.quarter))
        return context

    def post(self, request, *args, **kwargs):
        if not self.supervisor:
            raise PermissionDenied
        circular = self.get_circular()
        row_id = request.POST.get("row", "")
        row = self.rows(circular).filter(pk=int(row_id)).first() if row_id.isdigit() else None
        if row is None:
            messages.error(request, _("Choose a catalogue row of this unit for the entry."))
            return redirect("supervision:circular", pk=circular.pk)
        entry = circulars.publish_as_entry(circular, row, request.user)
        messages.success(request, _("A draft entry was created; submit it for review as usual."))
        return redirect("wagtailadmin_pages:edit", entry.pk)


def circular_file_view(request, pk, format):
    if not permissions.may_enter(request.user):
        raise PermissionDenied
    circular = get_object_or_404(Circular.objects.filter(organisation__in=permissions.visible_organisations(
        request.user)), pk=pk)
    if format not in ("docx", "pdf"):
        raise Http404
    field = circular.docx if format == "docx" else circular.pdf
    filename = f"{circular.title}-v{circular.version}.{format}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=filename)


dashboard_view = DashboardView.as_view()
findings_view = FindingsView.as_view()
assessment_view = AssessmentView.as_view()
circulars_view = CircularsView.as_view()
circular_view = CircularView.as_view()
