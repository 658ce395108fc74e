"""Who manages consultations (docs/interaction.md «征求意见»): the one module that answers it.

A unit's staff — its editors, reviewers, secrecy reviewers and approvers — see the unit's consultations,
create and edit them, enter opinions and mark their adoption; superusers see all. Contacts and opinion texts
are seen by nobody else; the public sees only what consultations.public and the published report show.
"""


from cms.roles import units_where

ROLE_FIELDS = ("editors", "reviewers", "secrecy_reviewers", "approvers")


def units_for(user) -> set[int]:
    """The organisations whose staff ``user`` belongs to."""
    return set(units_where(user, *ROLE_FIELDS))


def is_involved(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or bool(units_for(user))


def visible_consultations(user):
    from .models import Consultation

    if getattr(user, "is_superuser", False) and user.is_active:
        return Consultation.objects.all()
    return Consultation.objects.filter(organisation_id__in=units_for(user))


def may_manage(user, consultation) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return consultation.organisation_id in units_for(user)


def entries_for(user):
    """Entries for which ``user`` may open a consultation: those of their units without one yet."""
    from cms.models import DisclosurePage

    entries = DisclosurePage.objects.filter(consultation__isnull=True)
    if getattr(user, "is_superuser", False) and user.is_active:
        return entries
    return entries.filter(organisation_id__in=units_for(user))
