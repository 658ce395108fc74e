"""Wagtail admin for the guard's lists, in the Settings menu: sensitive words and public contacts."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .lists import PublicContact, SensitiveWord


class SensitiveWordViewSet(ModelViewSet):
    model = SensitiveWord
    form_fields = ["word", "note", "active"]
    list_display = ["word", "note", "active"]
    list_filter = ["active"]
    search_fields = ["word", "note"]
    icon = "warning"
    menu_label = _("Sensitive words")
    add_to_settings_menu = True
    copy_view_enabled = False


class PublicContactViewSet(ModelViewSet):
    model = PublicContact
    form_fields = ["value", "note"]
    list_display = ["value", "note"]
    search_fields = ["value", "note"]
    icon = "mail"
    menu_label = _("Public contacts")
    add_to_settings_menu = True
    copy_view_enabled = False


guard_lists = [SensitiveWordViewSet("sensitive_words"), PublicContactViewSet("public_contacts")]
