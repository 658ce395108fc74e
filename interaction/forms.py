"""Forms of the admin's feedback page: one per transition, with only the fields that transition asks for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment or reason"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, transition, feedback, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.requires_comment:
            self.fields["comment"].required = True
        if "reply" in transition.fields:
            self.fields["reply"] = forms.CharField(
                label=_("Reply"), max_length=5000, initial=feedback.reply,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Published with the masked question unless the asker asked to keep it private; "
                            "write no personal data in it."))
        if "other" in transition.fields:
            self.fields["other"] = forms.ModelChoiceField(
                label=_("Other feedback"), queryset=services.candidates_for_other(feedback),
                help_text=_("A feedback of the same unit that is not set aside."))
        self.order_fields(["reply", "other", "comment"])

    def data_for_service(self) -> dict:
        data = {}
        if "reply" in self.fields:
            data["reply"] = self.cleaned_data["reply"]
        if "other" in self.fields:
            data["other"] = self.cleaned_data["other"]
        return data
