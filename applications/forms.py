"""Admin forms: registering an application received in person, by post, fax or e-mail; taking a transition;
notes, assignment and fees (docs/applications.md §2)."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import Organisation

from .choices import Channel, FeeMethod, Outcome
from .models import Application


class RegistrationForm(forms.ModelForm):
    """Registration of an application received outside the portal (the portal's own come in online)."""

    class Meta:
        model = Application
        fields = ["organisation", "channel", "submitted_on", "signed_for_on", "confirmed_on", "applicant_type",
                  "organisation_kind", "applicant_name", "identity_number", "identity_proof", "contact_person",
                  "phone", "email", "postal_address", "postcode", "information_title", "document_number",
                  "description", "form_wanted", "delivery_wanted"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ("submitted_on", "signed_for_on", "confirmed_on")}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=units)
        self.fields["channel"].choices = [(value, label) for value, label in Channel.choices
                                          if value != Channel.ONLINE]
        if len(units) == 1:
            self.fields["organisation"].initial = next(iter(units))


class TransitionForm(forms.Form):
    """One form for every transition; the table in workflow.py says which of the extra fields it uses."""

    on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)
    completion_due_on = forms.DateField(label=_("completion due on"), required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    third_party = forms.CharField(label=_("third party"), required=False, max_length=120)
    extension_days = forms.IntegerField(label=_("extension (working days)"), required=False, min_value=1,
                                        max_value=20)
    outcome = forms.ChoiceField(label=_("outcome"), required=False, choices=[("", "—"), *Outcome.choices])
    legal_basis = forms.CharField(label=_("legal basis"), required=False, max_length=300)
    withheld_parts = forms.CharField(label=_("withheld parts"), required=False, max_length=2000,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=_("部分公开: what was withheld from the information supplied, and why (条例 §37)."))
    privacy_reviewed = forms.BooleanField(
        label=_("The personal data found in the information supplied has been masked or withheld"), required=False)
    fee_method = forms.ChoiceField(label=_("fee method"), required=False, choices=FeeMethod.choices)
    pages = forms.IntegerField(label=_("pages"), required=False, min_value=0, max_value=100000)
    transferred_to = forms.CharField(label=_("transferred to"), required=False, max_length=120)

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields["on"].initial = timezone.localdate()
        for name in list(self.fields):
            if name not in ("on", "comment", *transition.fields):
                del self.fields[name]
        if transition.requires_comment:
            self.fields["comment"].required = True

    def data_for_service(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if name not in ("on", "comment")}
        return {key: value for key, value in data.items() if value not in (None, "")}


class NoteForm(forms.Form):
    text = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class FeePaidForm(forms.Form):
    on = forms.DateField(label=_("fee paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class SuppliedFileForm(forms.Form):
    file = forms.FileField(label=_("file"))
    title = forms.CharField(label=_("title"), max_length=200)
    pages = forms.IntegerField(label=_("pages"), min_value=0, initial=0)


class AssignForm(forms.Form):
    """Assignment to the responsible department (the unit or one of its departments) and a member of staff."""

    department = forms.ModelChoiceField(label=_("responsible department"), queryset=Organisation.objects.none(),
                                        required=False)
    assignee = forms.ModelChoiceField(label=_("assigned to"), queryset=None, required=False)

    def __init__(self, *args, application, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        unit = application.organisation
        self.fields["department"].queryset = Organisation.objects.filter(path__startswith=unit.path).filter(
            models.Q(pk=unit.pk) | models.Q(level="department", depth=unit.depth + 1))
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            groups=unit.application_office.handlers, is_active=True).order_by("username")
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.initial = {"department": application.responsible_department_id, "assignee": application.assignee_id}
