"""Admin forms of consultations."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser

from cms.models import DisclosurePage

from .choices import Channel, Outcome
from .models import AdoptionReason, Consultation

CONSULTATION_FIELDS = ["kind", "background", "starts_on", "ends_on", "how_to_take_part", "accepts_online"]


class ConsultationForm(forms.ModelForm):
    """Create (with the entry) or edit a consultation; the model's clean refuses a period shorter than the rule."""

    entry = forms.ModelChoiceField(
        queryset=DisclosurePage.objects.none(), label=_("draft entry"),
        widget=AdminPageChooser(target_models=[DisclosurePage]),
        help_text=_("The draft decision or document: an entry of your unit, going through the normal procedure."))

    class Meta:
        model = Consultation
        fields = ["entry", *CONSULTATION_FIELDS]
        widgets = {"starts_on": AdminDateInput, "ends_on": AdminDateInput,
                   "background": forms.Textarea(attrs={"rows": 4}),
                   "how_to_take_part": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["entry"]
        else:
            self.fields["entry"].queryset = entries if entries is not None else DisclosurePage.objects.none()
            self.fields["entry"].error_messages["invalid_choice"] = _(
                "Choose an entry of your unit that has no consultation yet.")

    def _post_clean(self):
        if "entry" in self.cleaned_data:
            self.instance.entry = self.cleaned_data["entry"]
        super()._post_clean()


class OpinionForm(forms.Form):
    """An opinion received at a meeting, by letter or otherwise."""

    channel = forms.ChoiceField(label=pgettext_lazy("consultation", "channel"), choices=[(v, l) for v, l in Channel.choices if v != Channel.PORTAL])
    received_on = forms.DateField(label=pgettext_lazy("consultation", "received on"), widget=AdminDateInput, initial=timezone.localdate)
    author_name = forms.CharField(label=pgettext_lazy("consultation", "name"), max_length=60, required=False)
    contact = forms.CharField(label=_("contact"), max_length=120, required=False,
                              help_text=_("Never public."))
    text = forms.CharField(label=_("opinion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("summary for the report"), max_length=200, required=False,
                              help_text=_("Empty: the opinion's own text, masked."))


class DecisionForm(forms.Form):
    """Mark the chosen opinions; a reason may be shared (choose it) or written once for all of them."""

    opinions = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple,
                                              label=_("opinions"))
    outcome = forms.ChoiceField(label=pgettext_lazy("consultation", "outcome"), choices=[(v, l) for v, l in Outcome.choices
                                                              if v != Outcome.PENDING])
    reason = forms.ModelChoiceField(queryset=AdoptionReason.objects.none(), required=False, label=_("shared reason"))
    new_reason = forms.CharField(label=_("or a new reason"), max_length=1000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinions"].queryset = consultation.opinions.filter(hidden=False)
        self.fields["reason"].queryset = consultation.reasons.all()


class DecisionLinkForm(forms.Form):
    decision = forms.ModelChoiceField(queryset=DisclosurePage.objects.none(), required=False,
                                      label=_("final decision"),
                                      widget=AdminPageChooser(target_models=[DisclosurePage]))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = DisclosurePage.objects.filter(organisation_id=consultation.organisation_id)
        self.fields["decision"].error_messages["invalid_choice"] = _("Choose another entry of the same unit.")
