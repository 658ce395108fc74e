"""Admin forms: which unit and year to generate, and what editors enter and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .template import APPEAL_COLUMNS, APPEAL_GROUPS, PROACTIVE_ITEMS, SECTIONS


class GenerateForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Year reported on"), min_value=2008,
                              error_messages={"invalid": _("Enter a year such as 2026.")})

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units.order_by("path")
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("A year that has not begun cannot be reported on."))
        return year


def _field_name(*parts) -> str:
    return "__".join(parts)


class ReportForm(forms.Form):
    """The texts of 一, 五 and 六, the figures of 二 the data does not hold, and table 四. Numbers are read as
    text so that the report's checks (annual_reports.checks) can name the row of anything wrong."""

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["overview"] = forms.CharField(label=SECTIONS["overview"], required=False,
                                                  widget=forms.Textarea(attrs={"rows": 5}),
                                                  initial=report.overview)
        self.proactive_fields = []
        computed = report.computed.get("proactive", {})
        entered = report.entered.get("proactive", {})
        for key, label, _article, measures, _words in PROACTIVE_ITEMS:
            if key in computed:
                continue
            for measure, measure_label in measures:
                name = _field_name("proactive", key, measure)
                unit = "万元" if measure == "amount" else "件"
                self.fields[name] = forms.CharField(
                    label=f"{label}：{measure_label}（{unit}）", required=False, max_length=20,
                    initial=(entered.get(key) or {}).get(measure, "0" if measure != "amount" else "0.00"))
                self.proactive_fields.append(name)
        self.appeal_rows = []
        appeals = report.entered.get("appeals", {})
        for group, group_label in APPEAL_GROUPS:
            names = []
            for column, column_label in APPEAL_COLUMNS:
                name = _field_name("appeals", group, column)
                self.fields[name] = forms.CharField(
                    label=column_label, required=False, max_length=9,
                    initial=(appeals.get(group) or {}).get(column, "0"),
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}))
                names.append(name)
            self.appeal_rows.append((group_label, names))
        for key in ("problems", "other_matters"):
            self.fields[key] = forms.CharField(label=SECTIONS[key], required=False,
                                               widget=forms.Textarea(attrs={"rows": 4}),
                                               initial=getattr(report, key))

    def bound_proactive(self):
        return [self[name] for name in self.proactive_fields]

    def bound_appeals(self):
        return [(label, [self[name] for name in names]) for label, names in self.appeal_rows]

    def apply(self):
        """Copy the cleaned values onto the report (not saved)."""
        data, report = self.cleaned_data, self.report
        report.overview = data["overview"].strip()
        report.problems, report.other_matters = data["problems"].strip(), data["other_matters"].strip()
        proactive = {}
        for name in self.proactive_fields:
            _section, key, measure = name.split("__")
            proactive.setdefault(key, {})[measure] = data[name].strip()
        appeals = {}
        for group, _label in APPEAL_GROUPS:
            appeals[group] = {column: data[_field_name("appeals", group, column)].strip()
                              for column, _c in APPEAL_COLUMNS}
        report.entered = {"proactive": proactive, "appeals": appeals}
        return report
