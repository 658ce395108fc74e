"""Feedback (留言) on an entry, a catalogue row or a unit (docs/interaction.md «留言 Feedback»).

The asker's contact is never public: not in the search index, not in any public API field; the question is
published only masked (``public_question``, by the personal-data scanner) with its approved reply, and only
when the asker did not ask to keep it private. Files sit in private storage (``FEEDBACK_FILE_ROOT``).
Nothing is deleted: spam is hidden, repeats are marked as duplicates or merged, every action is in
Wagtail's audit log.
"""

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from cms.conf import data_dir, setting

from .workflow import OPEN_STATES, State

# 查询码 alphabet: no 0/O, 1/I/L, so that a code read over the phone is not misheard.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class PrivateStorage(LazyObject):
    """Files sent with feedback: a directory no URL serves (``FEEDBACK_FILE_ROOT``, default DATA_DIR/interaction)."""

    def _setup(self):
        root = setting("FEEDBACK_FILE_ROOT", None) or data_dir() / "interaction"
        self._wrapped = FileSystemStorage(location=root, base_url=None)


private_storage = PrivateStorage()


class Target(models.TextChoices):
    ENTRY = "entry", _("An entry")
    ROW = "row", _("A catalogue row (should be public but is not)")
    UNIT = "unit", _("A unit")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly", _("Fairly satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class Feedback(models.Model):
    organisation = models.ForeignKey("cms.Organisation", on_delete=models.PROTECT, related_name="feedback",
                                     verbose_name=_("organisation"))
    target = models.CharField(_("about"), max_length=10, choices=Target.choices)
    entry = models.ForeignKey("cms.DisclosurePage", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("entry"))
    catalogue_item = models.ForeignKey("cms.CatalogueItemPage", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("catalogue row"))
    target_title = models.CharField(_("about (title)"), max_length=255, blank=True,
                                    help_text=_("The entry's or row's title when the feedback was left."))
    code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_code, editable=False)

    name = models.CharField(_("asker's name"), max_length=60, blank=True)
    contact = models.CharField(_("contact"), max_length=120, help_text=_("Never public."))
    text = models.TextField(_("feedback text"), max_length=2000)
    findings = models.JSONField(_("personal data found"), default=list, blank=True, editable=False,
                                help_text=_("Kind, place and masked form of each finding in the text."))
    keep_private = models.BooleanField(_("keep the reply private"), default=False,
                                       help_text=_("The asker asked that question and reply not be published."))

    received_on = models.DateField(_("date received"))
    complex = models.BooleanField(_("complex"), default=False, editable=False)
    complex_since = models.DateField(_("marked complex on"), null=True, editable=False)
    due_on = models.DateField(_("reply due on"), null=True, editable=False,
                              help_text=_("Empty while the calendar lacks the year it falls in."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED,
                             editable=False)
    state_before_hidden = models.CharField(max_length=20, choices=State.choices, blank=True, editable=False)
    other = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="absorbed",
                              verbose_name=_("duplicate of / merged into"))

    reply = models.TextField(_("reply"), max_length=5000, blank=True)
    reply_author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("reply written by"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("reply approved by"))
    replied_on = models.DateField(_("replied on"), null=True, editable=False)
    public_question = models.TextField(_("published question (masked)"), blank=True, editable=False)

    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True,
                                    editable=False)
    rated_at = models.DateTimeField(_("rated at"), null=True, editable=False)

    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    client_address = models.GenericIPAddressField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received_on", "-pk"]
        default_permissions = ("view", "change")   # nothing is deleted: no delete permission
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self):
        return f"{self.code} {self.target_title or self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_published(self) -> bool:
        """Shown on the portal: answered, reviewed and not kept private at the asker's request."""
        return self.state == State.ANSWERED and not self.keep_private

    @property
    def public_name(self) -> str:
        """The asker as the public sees them: the first character and stars, or 匿名."""
        return f"{self.name[0]}**" if self.name else str(_("Anonymous"))


class FeedbackFile(models.Model):
    """A file sent with feedback (PDF, JPEG or PNG; private; the unit's staff only)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(storage=private_storage, upload_to="feedback/%Y/%m")
    name = models.CharField(_("file name"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("feedback file")
        verbose_name_plural = _("feedback files")
        default_permissions = ()


class FeedbackAttempt(models.Model):
    """Every online attempt, refused or not: the basis of the rate limits. Holds a keyed hash of the
    contact, not the contact."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    client_address = models.GenericIPAddressField(null=True)
    contact_hash = models.CharField(max_length=64, blank=True, db_index=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        default_permissions = ()
