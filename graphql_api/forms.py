from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import Organisation

from .models import GRANTABLE_SCOPES, ApiToken


class ApiTokenForm(WagtailAdminModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=Organisation.objects.filter(publishes_party=True).order_by("path"),
        help_text=_("Party entries of these units can be read."),
    )
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=GRANTABLE_SCOPES,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Non-public scopes the portal may show (public entries are always readable)."))
    revoke = forms.BooleanField(label=_("Revoke this token"), required=False,
                                help_text=_("The portal loses access at once. This cannot be undone."))

    class Meta:
        model = ApiToken
        fields = ["name", "organisations", "include_subunits", "scopes", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk or self.instance.revoked_at is not None:
            del self.fields["revoke"]

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and self.cleaned_data.get("revoke"):
            instance.revoke()
        return instance
