"""特定群体 in the admin (docs/catalogue.md "特定群体"): a unit's named groups (kept by its approvers) and the
delivery records (送达记录) of entries narrowed to a group (kept by its editors and approvers), both listed
per unit like everything else: a user sees the records of the units they work for (approvers: and the
units below), administrators all."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import (
    Audience,
    AudienceGroup,
    DeliveryRecord,
    DisclosurePage,
    Organisation,
)
from .roles import units_where
from .visibility import effective_audience_q


def units_of(user, roles=("editors", "reviewers", "secrecy_reviewers", "approvers")) -> "Q | None":
    """The units ``user`` works for in one of ``roles`` (approvers: with the units below); None: all."""
    if user.is_superuser:
        return None
    own = units_where(user, *roles)
    approving = units_where(user, "approvers") if "approvers" in roles else ()
    paths = list(Organisation.objects.filter(pk__in=approving).values_list("path", flat=True)) if approving else []
    condition = Q(pk__in=own)
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def organisations_for(user, roles=("editors", "reviewers", "secrecy_reviewers", "approvers")):
    condition = units_of(user, roles)
    return Organisation.objects.all() if condition is None else Organisation.objects.filter(condition)


class UnitPermissionPolicy(ModelPermissionPolicy):
    """Anyone working for a unit in ``roles`` keeps these records of that unit (``organisation_field``)."""

    def __init__(self, model, organisation_field: str, roles):
        super().__init__(model)
        self.organisation_field, self.roles = organisation_field, roles

    def _units(self, user):
        return organisations_for(user, self.roles)

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_authenticated) and (
            user.is_superuser or self._units(user).exists())

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return self.model.objects.filter(**{f"{self.organisation_field}__in": self._units(user)})

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True)


class UnitIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class UnitObjectMixin:
    """Edit and delete only what the user's units hold."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj):
            raise PermissionDenied
        return obj


class UnitEditView(UnitObjectMixin, generic.EditView):
    pass


class UnitDeleteView(UnitObjectMixin, generic.DeleteView):
    pass


class AudienceGroupForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "organisation" in self.fields:
            self.fields["organisation"].queryset = organisations_for(for_user, ("approvers",)).order_by("path")


class AudienceGroupViewSet(ModelViewSet):
    model = AudienceGroup
    form_class = AudienceGroupForm
    form_fields = ["organisation", "name", "description"]
    icon = "group"
    menu_label = _("Specific groups")
    add_to_admin_menu = True
    list_display = ["name", "organisation", "description"]
    search_fields = ["name"]
    name = "audience_groups"
    index_view_class = UnitIndexView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView


class DeliveryRecordForm(WagtailAdminModelForm):
    """Entries narrowed to a specific group, of the units the user works for; the group among the entry's."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "entry" in self.fields:
            self.fields["entry"].queryset = (
                DisclosurePage.objects.filter(organisation__in=organisations_for(for_user))
                .filter(effective_audience_q(Audience.SPECIFIC_GROUP)).order_by("-first_published_at", "title"))
        if "group" in self.fields and for_user is not None:
            self.fields["group"].queryset = AudienceGroup.objects.filter(organisation__in=organisations_for(for_user))

    def clean(self):
        cleaned = super().clean()
        entry, group = cleaned.get("entry"), cleaned.get("group")
        if entry is not None and group is not None and not entry.audience_groups.filter(id=group.pk).exists():
            self.add_error("group", _("The entry is not disclosed to this group."))
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class DeliveryRecordViewSet(ModelViewSet):
    model = DeliveryRecord
    form_class = DeliveryRecordForm
    # The entry from a list of the user's entries for a group (the form narrows it), not Wagtail's page
    # chooser: that browses every page, and its label is translated once, when the form class is built.
    panels = [FieldPanel("entry", widget=forms.Select), FieldPanel("group"), FieldPanel("delivered_on"),
              FieldPanel("channel", heading=_("delivery channel")), FieldPanel("place"), FieldPanel("delivered_by"),
              FieldPanel("recipients"), FieldPanel("proof"), FieldPanel("note")]
    icon = "doc-full"
    menu_label = _("Delivery records")
    add_to_admin_menu = True
    list_display = ["entry", "group", Column("delivered_on", label=_("date delivered")),
                    Column("get_channel_display", label=_("delivery channel")), "place",
                    Column("recipients", label=_("reached"))]
    list_filter = ["channel", "delivered_on"]
    search_fields = ["place", "recipients"]
    name = "delivery_records"
    index_view_class = UnitIndexView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView


register_permission_policy(AudienceGroup, UnitPermissionPolicy(AudienceGroup, "organisation", ("approvers",)))
register_permission_policy(DeliveryRecord, UnitPermissionPolicy(DeliveryRecord, "entry__organisation",
                                                                ("editors", "approvers")))
audience_group_viewset = AudienceGroupViewSet()
delivery_record_viewset = DeliveryRecordViewSet()
