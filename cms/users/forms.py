"""Wagtail's user forms with one 姓名 field instead of first and last name (see cms.users.names)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm
from wagtail.users import forms as wagtail_forms


class WholeNameMixin:
    """``first_name`` becomes 姓名, the whole name as written; ``last_name`` is emptied on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("last_name", None)
        field = self.fields["first_name"]
        field.label = _("Full name")
        field.max_length = 150
        field.help_text = _("As it is written, family name first, e.g. 郭勇.")
        if self.instance.pk:
            self.initial["first_name"] = self.instance.get_full_name()

    def save(self, commit=True):
        self.instance.last_name = ""
        return super().save(commit)


class UserCreationForm(WholeNameMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(WholeNameMixin, wagtail_forms.UserEditForm):
    pass


class AccountNameForm(WholeNameMixin, NameEmailForm):
    """The account settings' 姓名 (and email) for the user's own account."""
