"""Wagtail admin for organisations: creating a unit provisions its section, catalogues and groups."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation
from .units import create_organisation, provision

EDITABLE_FIELDS = [
    "name", "short_name", "level", "region_code", "department_code",
    "publishes_party", "publishes_government", "publishes_village",
    "leader", "office", "contact_phone", "address",
]


class OrganisationForm(WagtailAdminModelForm):
    parent = forms.ModelChoiceField(
        label=_("parent unit"), queryset=Organisation.objects.order_by("path"), required=False,
        help_text=_("Empty only for a county."),
    )

    class Meta:
        model = Organisation
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Moving a unit in the tree would move its permissions: not done from this form.
            del self.fields["parent"]
            self.fields["level"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        candidate = Organisation(**{f: cleaned.get(f) for f in EDITABLE_FIELDS if f in cleaned})
        try:
            candidate.clean_parent(cleaned.get("parent"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class OrganisationCreateView(generic.CreateView):
    def save_instance(self):
        data = {f: self.form.cleaned_data[f] for f in EDITABLE_FIELDS}
        self.form.instance = create_organisation(self.form.cleaned_data.get("parent"), **data)
        return self.form.instance


class OrganisationEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        provision(instance)
        return instance


class OrganisationDeleteView(generic.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        organisation = Organisation.objects.filter(pk=kwargs.get("pk")).first()
        if organisation is not None and (organisation.page_id or organisation.get_children_count()):
            messages.error(request, _("A unit with a section or sub-units is kept; it cannot be deleted."))
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    form_class = OrganisationForm
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    delete_view_class = OrganisationDeleteView
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "level", "code", "leader"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "region_code", "department_code"]
    ordering = ["path"]

    def get_form_class(self, for_update=False):
        return OrganisationForm


organisation_viewset = OrganisationViewSet("organisations")
