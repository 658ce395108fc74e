"""The vocabularies of consultations (docs/interaction.md «征求意见»)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """Which rule the consultation follows (minimum periods: consultations.rules)."""

    PARTY_PUBLIC = "party_public", _("Party pre-disclosure to the public")
    PARTY_INTERNAL = "party_internal", _("Party pre-disclosure inside the party")
    GOVERNMENT = "government", _("Major government decision")
    VILLAGE = "village", _("Village matter")


# The entry's domain each kind belongs to.
KIND_DOMAIN = {Kind.PARTY_PUBLIC: "party", Kind.PARTY_INTERNAL: "party", Kind.GOVERNMENT: "government",
               Kind.VILLAGE: "village"}


class Channel(models.TextChoices):
    """How an opinion reached the unit."""

    PORTAL = "portal", _("Portal")
    MEETING = "meeting", _("Meeting")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    """采纳情况 of one opinion."""

    PENDING = "pending", _("Not yet decided")
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


# Outcomes that must name a reason (why an opinion was not, or only partly, adopted).
NEEDS_REASON = frozenset({Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED})
