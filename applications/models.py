"""Applications for disclosure (依申请公开, 条例 §§27–45; docs/applications.md).

Applicants' data (names, numbers, contact, identity proof) is never public: the model is not indexed for
search, the API exposes only the state and dates of an application to whoever holds its 查询码 and the last
four digits of the phone, and the files sit in private storage outside MEDIA_ROOT.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from cms.conf import data_dir, setting

from .choices import (
    RECEIPT_FIELD,
    ApplicantType,
    Channel,
    Delivery,
    FeeMethod,
    Form,
    OrganisationKind,
    Outcome,
)
from .workflow import OPEN_STATES, State


class PrivateStorage(LazyObject):
    """Identity proofs and supplied files: a directory no URL serves (APPLICATIONS_FILE_ROOT)."""

    def _setup(self):
        root = setting("APPLICATIONS_FILE_ROOT", None) or data_dir() / "applications"
        self._wrapped = FileSystemStorage(location=root, base_url=None)


private_storage = PrivateStorage()

# 查询码 alphabet: no 0/O, 1/I/L, so that a code read over the phone is not misheard.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class ApplicationOffice(models.Model):
    """A unit's application handlers (申请办理人员): the group provisioned with the unit's others."""

    organisation = models.OneToOneField("cms.Organisation", on_delete=models.CASCADE, related_name="application_office",
                                        verbose_name=_("organisation"))
    handlers = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("application handlers"))

    class Meta:
        verbose_name = _("application office")
        verbose_name_plural = _("application offices")

    def __str__(self):
        return str(self.organisation)


class Application(models.Model):
    organisation = models.ForeignKey("cms.Organisation", on_delete=models.PROTECT, related_name="applications",
                                     verbose_name=_("organisation"))
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code,
                                     editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True,
                                    help_text=_("In person: the day the application was handed in."))
    signed_for_on = models.DateField(_("signed for on"), null=True, blank=True,
                                     help_text=_("By post: the day the office signed for the letter."))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True,
                                    help_text=_("Online, fax, e-mail: the day the office confirmed receipt."))
    received_on = models.DateField(_("received on"), editable=False,
                                   help_text=_("Fixed by the channel's rule (条例 §31)."))

    applicant_type = models.CharField(_("applicant"), max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices,
                                         blank=True)
    applicant_name = models.CharField(_("name"), max_length=120)
    identity_number = models.CharField(_("ID or registration number"), max_length=40, blank=True)
    identity_proof = models.FileField(_("proof of identity"), storage=private_storage, upload_to="identity/%Y/%m",
                                      blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)

    information_title = models.CharField(_("information requested"), max_length=200,
                                         help_text=_("The name of the information, its document number or features."))
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    form_wanted = models.CharField(_("form wanted"), max_length=20, choices=Form.choices, default=Form.ELECTRONIC)
    delivery_wanted = models.CharField(_("delivery wanted"), max_length=20, choices=Delivery.choices,
                                       default=Delivery.EMAIL)

    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.RECEIVED,
                             editable=False)
    responsible_department = models.ForeignKey(
        "cms.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsible department"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("assigned to"))

    # Clocks (docs/applications.md §3). Dates set by the transitions, never edited by hand.
    clock_started_on = models.DateField(_("clock started on"), editable=False)
    completion_requested_on = models.DateField(_("completion requested on"), null=True, editable=False)
    completion_due_on = models.DateField(_("completion due on"), null=True, editable=False)
    completion_received_on = models.DateField(_("completion received on"), null=True, editable=False)
    third_party = models.CharField(_("third party"), max_length=120, blank=True, editable=False)
    third_party_started_on = models.DateField(_("third-party consultation since"), null=True, editable=False)
    paused_working_days = models.PositiveSmallIntegerField(
        _("working days not counted"), default=0, editable=False,
        help_text=_("Finished third-party consultations (条例 §32: not counted in the time limit)."))
    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0, editable=False)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                              related_name="+", editable=False)
    due_on = models.DateField(_("reply due on"), null=True, editable=False)

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True, editable=False)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True, editable=False)
    replied_on = models.DateField(_("replied on"), null=True, editable=False)
    concluded_on = models.DateField(_("concluded on"), null=True, editable=False,
                                    help_text=_("The day the application got its outcome (annual report)."))
    transferred_to = models.CharField(_("transferred to"), max_length=120, blank=True, editable=False)
    fee_method = models.CharField(_("fee method"), max_length=20, choices=FeeMethod.choices, default=FeeMethod.NONE,
                                  editable=False)
    pages = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    fee_amount = models.PositiveIntegerField(_("fee (yuan)"), default=0, editable=False)
    fee_due_on = models.DateField(_("fee due on"), null=True, editable=False)
    fee_paid_on = models.DateField(_("fee paid on"), null=True, blank=True)

    withheld_parts = models.TextField(
        _("withheld parts"), blank=True, editable=False,
        help_text=_("部分公开: what was withheld from the information supplied, and why (条例 §37)."))
    proactive_entry = models.ForeignKey(
        "cms.DisclosurePage", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("draft entry for proactive disclosure"))

    # Online intake (docs/applications.md §6).
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    client_address = models.GenericIPAddressField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], condition=~models.Q(idempotency_key=""),
                                    name="application_unique_idempotency_key"),
            models.CheckConstraint(condition=models.Q(extension_days__lte=20), name="application_extension_max_20"),
        ]
        indexes = [models.Index(fields=["organisation", "state"]), models.Index(fields=["received_on"])]

    def __str__(self):
        return f"{self.tracking_code} {self.information_title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def phone_last_four(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return digits[-4:]

    def receipt_date(self):
        """The receipt date the channel's rule fixes (条例 §31), or None when its date is missing."""
        return getattr(self, RECEIPT_FIELD[Channel(self.channel)]) if self.channel in Channel.values else None

    def clean(self):
        errors = {}
        if self.channel in Channel.values and self.receipt_date() is None:
            field = RECEIPT_FIELD[Channel(self.channel)]
            errors[field] = _("Give the date the rules fix as this channel's receipt date.")
        if self.applicant_type == ApplicantType.LEGAL_PERSON and not self.organisation_kind:
            errors["organisation_kind"] = _("Choose the kind of organisation.")
        if self.applicant_type == ApplicantType.NATURAL_PERSON and self.organisation_kind:
            errors["organisation_kind"] = _("Only legal persons and other organisations have a kind.")
        if len(self.phone_last_four) < 4:
            errors["phone"] = _("Give a phone number with at least four digits.")
        if errors:
            raise ValidationError(errors)


class ApplicationEvent(models.Model):
    """The audit trail: every action on an application, with actor, time and comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30, blank=True, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=30, blank=True, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                              verbose_name=_("actor"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    on = models.DateField(_("date"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")


class ApplicationNote(models.Model):
    """Internal consultation notes (会商): never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("note"), max_length=4000)

    class Meta:
        ordering = ["at", "pk"]


class SuppliedFile(models.Model):
    """Information supplied with the reply."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="supplied_files")
    file = models.FileField(_("file"), storage=private_storage, upload_to="supplied/%Y/%m")
    title = models.CharField(_("title"), max_length=200)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    findings = models.JSONField(_("personal data found"), default=list, editable=False,
                                help_text=_("The privacy scanner's findings in the file's text (cms.privacy)."))
    scan_error = models.CharField(max_length=200, blank=True, editable=False)


class SubmissionAttempt(models.Model):
    """Every online submission attempt, refused or not: the basis of the rate limits per address and per
    applicant (docs/applications.md §6). Holds a hash of the applicant's identity, not the identity."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    client_address = models.GenericIPAddressField(null=True)
    applicant_hash = models.CharField(max_length=64, blank=True, db_index=True)
    accepted = models.BooleanField(default=False)
