"""What supervision stores (docs/supervision.md): findings of the daily content checks and the runs that
made them, the links checked, the quarterly circulars (通报) with their versions, and the assessment
indicators (考核指标) with their weights."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _


class PrivateStorage(LazyObject):
    """Circulars before publication: a directory no URL serves (SUPERVISION_FILE_ROOT); the admin streams them."""

    def _setup(self):
        from cms.conf import data_dir, setting

        root = setting("SUPERVISION_FILE_ROOT", None) or data_dir() / "supervision"
        self._wrapped = FileSystemStorage(location=root, base_url=None)


private_storage = PrivateStorage()


def circular_storage():
    """The storage of circular files (a callable, so that migrations do not record a machine's path)."""
    return private_storage


class CheckKind(models.TextChoices):
    """The daily content checks (docs/supervision.md «每日检查»)."""

    INTERNAL_LINK = "internal_link", _("Link to an unpublished or missing page")
    EXTERNAL_LINK = "external_link", _("Broken external link")
    ATTACHMENT = "attachment", _("Attachment missing or unreadable")
    STALE_COLUMN = "stale_column", _("Stale column")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class CheckRun(models.Model):
    """One run of the daily content checks (a task of django-tasks or the ``run_content_checks`` command)."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    entries_checked = models.PositiveIntegerField(_("entries checked"), default=0)
    links_checked = models.PositiveIntegerField(_("external links checked"), default=0)
    opened = models.PositiveIntegerField(_("findings opened"), default=0)
    closed = models.PositiveIntegerField(_("findings closed"), default=0)
    error = models.TextField(_("error"), blank=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True,
                                         help_text=_("The daily run queued for this time (the task worker runs it)."))

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("content check run")
        verbose_name_plural = _("content check runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class Finding(models.Model):
    """A problem a content check found, owned by a unit. ``key`` identifies it across runs: a run that
    checks the same thing and no longer finds it closes it (``closed_at``); finding it again reopens it."""

    organisation = models.ForeignKey("cms.Organisation", on_delete=models.CASCADE, related_name="supervision_findings",
                                     verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=30, choices=CheckKind.choices)
    key = models.CharField(max_length=255, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=300)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    target = models.CharField(_("target"), max_length=500, blank=True,
                              help_text=_("The link, page or file the finding is about."))
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("page"))
    first_found_at = models.DateTimeField(_("first found at"))
    last_seen_at = models.DateTimeField(_("last seen at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__path", "kind", "-first_found_at"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["organisation", "closed_at"])]
        permissions = [("supervise", _("Can supervise every unit (督查)"))]

    def __str__(self):
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class LinkCheck(models.Model):
    """The last answer of one external URL: the per-run cap checks the URLs least recently checked first."""

    url = models.CharField(max_length=500, unique=True)
    host = models.CharField(max_length=255, db_index=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return self.url


class Circular(models.Model):
    """A quarterly circular (通报) on a unit and its subtree; regenerating makes a new version."""

    organisation = models.ForeignKey("cms.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    issued_on = models.DateField(_("issued on"))
    title = models.CharField(_("title"), max_length=200)
    docx = models.FileField(_("DOCX"), storage=circular_storage, upload_to="circulars/%Y")
    pdf = models.FileField(_("PDF"), storage=circular_storage, upload_to="circulars/%Y")
    summary = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    entry = models.ForeignKey("cms.DisclosurePage", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("entry"))

    class Meta:
        ordering = ["-year", "-quarter", "-version"]
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "quarter", "version"],
                                               name="circular_unique_version")]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """One assessment indicator (考核指标) and its weight. ``code`` names a figure: supervision's own
    (timeliness, completeness, interpretation_ratio, link_health) or one another app provides through the
    ``supervision_figures`` hook. Points are linear between ``zero_at`` (no points) and ``full_at`` (all
    the weight); a unit without a value gets no points for it and the indicator leaves its maximum."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit of measure"), max_length=10, blank=True)
    weight = models.DecimalField(_("weight (points)"), max_digits=5, decimal_places=1,
                                 validators=[MinValueValidator(0)])
    full_at = models.DecimalField(_("full points at"), max_digits=8, decimal_places=2)
    zero_at = models.DecimalField(_("no points at"), max_digits=8, decimal_places=2)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")

    def __str__(self):
        return self.label

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.full_at is not None and self.zero_at is not None and self.full_at == self.zero_at:
            raise ValidationError({"zero_at": _("Full points and no points cannot be given at the same value.")})
