"""Who works on a unit's annual report: the unit's editors and approvers (and superusers), for units that
publish government affairs. The one place that answers it for the admin views."""

from cms.models import Organisation
from cms.roles import units_where

from .services import reporting_units


def units_for(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    units = reporting_units(Organisation.objects.all())
    if user.is_superuser:
        return units
    return units.filter(pk__in=units_where(user, "editors", "approvers"))


def may_work_on(user, report) -> bool:
    return units_for(user).filter(pk=report.organisation_id).exists()
