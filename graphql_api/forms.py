from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import AudienceGroup, Organisation

from .models import GRANTABLE_SCOPES, ApiToken


class ApiTokenForm(WagtailAdminModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=Organisation.objects.filter(publishes_party=True).order_by("path"),
        help_text=_("Party entries of these units can be read."), required=False,
    )
    audience_groups = forms.ModelMultipleChoiceField(
        label=_("Specific groups"), queryset=AudienceGroup.objects.select_related("organisation"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Entries disclosed to these groups (特定群体, e.g. 低保户) can be read."))
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=GRANTABLE_SCOPES, required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Non-public scopes the portal may show (public entries are always readable)."))
    revoke = forms.BooleanField(label=_("Revoke this token"), required=False,
                                help_text=_("The portal loses access at once. This cannot be undone."))

    class Meta:
        model = ApiToken
        fields = ["name", "organisations", "include_subunits", "scopes", "audience_groups", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk or self.instance.revoked_at is not None:
            del self.fields["revoke"]

    def clean(self):
        cleaned = super().clean()
        party = bool(cleaned.get("organisations")) and bool(cleaned.get("scopes"))
        if bool(cleaned.get("organisations")) != bool(cleaned.get("scopes")):
            self.add_error("scopes", _("Party access needs both organisations and scopes."))
        elif not party and not cleaned.get("audience_groups"):
            self.add_error(None, _("Grant party scopes of some organisations, specific groups, or both."))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and self.cleaned_data.get("revoke"):
            instance.revoke()
        return instance
