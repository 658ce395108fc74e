"""Consultations (征求意见 / 预公开): a disclosure entry — the draft decision or document, going through the
normal procedure — with a consultation attached; opinions received; shared reasons; the adoption report
(采纳情况), itself an entry, and later the final decision entry (docs/interaction.md «征求意见»)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from cms.models.choices import Domain

from . import rules
from .choices import KIND_DOMAIN, Channel, Kind, Outcome


class UnitConsultationRules(models.Model):
    """A unit's own minimum periods (calendar days); empty: the default of the settings (consultations.rules)."""

    organisation = models.OneToOneField("cms.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                        related_name="consultation_rules")
    government_min_days = models.PositiveSmallIntegerField(
        _("minimum days for major government decisions"), null=True, blank=True,
        help_text=_("Calendar days; empty: the default (30)."))
    village_min_days = models.PositiveSmallIntegerField(
        _("minimum days for village matters"), null=True, blank=True,
        help_text=_("Calendar days; empty: the default (7)."))

    class Meta:
        verbose_name = _("consultation rules of a unit")
        verbose_name_plural = _("consultation rules of units")

    def __str__(self):
        return str(self.organisation)


class Consultation(models.Model):
    entry = models.OneToOneField("cms.DisclosurePage", verbose_name=_("draft entry"), on_delete=models.PROTECT,
                                 related_name="consultation")
    organisation = models.ForeignKey("cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="consultations", editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    background = models.TextField(_("background"), max_length=4000)
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    how_to_take_part = models.TextField(_("how to take part"), max_length=2000)
    accepts_online = models.BooleanField(_("opinions accepted on the portal"), default=True)
    report = models.OneToOneField("cms.DisclosurePage", verbose_name=_("adoption report"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="consultation_reported", editable=False)
    decision = models.ForeignKey("cms.DisclosurePage", verbose_name=_("final decision"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="consultations_decided")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-ends_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "ends_on"]), models.Index(fields=["ends_on", "starts_on"])]

    def __str__(self):
        return self.entry.title if self.entry_id else str(_("consultation"))

    def clean(self):
        """The kind must match the entry's domain; the period must reach the rule's minimum (consultations.rules)."""
        errors = {}
        if self.entry_id:
            self.organisation_id = self.entry.organisation_id
            if KIND_DOMAIN.get(self.kind) and self.entry.domain != KIND_DOMAIN[self.kind]:
                errors["kind"] = _("This kind of consultation needs an entry of %(domain)s.") % {
                    "domain": Domain(KIND_DOMAIN[self.kind]).label}
        if errors:
            raise ValidationError(errors)
        rules.check_period(self.kind, self.organisation if self.organisation_id else None, self.starts_on,
                           self.ends_on)

    def save(self, *args, **kwargs):
        if self.entry_id:
            self.organisation_id = self.entry.organisation_id
        super().save(*args, **kwargs)

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_closed(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on


class AdoptionReason(models.Model):
    """A reason given for not adopting, or adopting only in part; several opinions may share it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="reasons")
    text = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class Opinion(models.Model):
    """One opinion received. ``contact`` and ``text`` are never public: the report shows ``public_text``
    (the staff's summary, else the text) with personal data masked."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="opinions")
    channel = models.CharField(pgettext_lazy("consultation", "channel"), max_length=20, choices=Channel.choices)
    author_name = models.CharField(pgettext_lazy("consultation", "name"), max_length=60, blank=True)
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    text = models.TextField(_("opinion"))
    received_on = models.DateField(pgettext_lazy("consultation", "received on"), default=timezone.localdate)
    personal_data_found = models.PositiveSmallIntegerField(_("personal data found"), default=0, editable=False)
    summary = models.CharField(_("summary for the report"), max_length=200, blank=True,
                               help_text=_("Empty: the opinion's own text, masked."))
    outcome = models.CharField(pgettext_lazy("consultation", "outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.ForeignKey(AdoptionReason, verbose_name=_("reason"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="opinions")
    hidden = models.BooleanField(_("hidden (spam or abuse)"), default=False)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    client_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return self.text[:40]


class OpinionAttempt(models.Model):
    """One submission through the portal, for the rate limits (consultations.public)."""

    client_address = models.GenericIPAddressField(null=True, blank=True)
    contact_hash = models.CharField(max_length=64, blank=True)
    accepted = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client_address", "at"]), models.Index(fields=["contact_hash", "at"])]
