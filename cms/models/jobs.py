"""Background jobs that editors start and watch: a catalogue import (docs/catalogue.md, "Import as a job")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class CatalogueImportJob(models.Model):
    """One uploaded file being imported into a catalogue by the task worker.

    The file is kept here (checked, at most ``CATALOGUE_IMPORT_MAX_BYTES``) until the job has run, so
    that the web process and the worker need share nothing but the database. ``summary`` holds the item
    names added, updated, unchanged and absent (``cms.catalogue_io.ImportSummary``); ``errors`` the
    reasons a failed job changed nothing, in the language of the user who started it.
    """

    catalogue = models.ForeignKey("cms.CataloguePage", on_delete=models.CASCADE, related_name="import_jobs",
                                  verbose_name=_("Catalogue"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("Started by"))
    file_name = models.CharField(_("File"), max_length=255)
    data = models.BinaryField(editable=False, default=b"")
    language = models.CharField(max_length=16, blank=True, editable=False)
    status = models.CharField(_("Status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_at = models.DateTimeField(_("Started at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("catalogue import")
        verbose_name_plural = _("catalogue imports")

    def __str__(self):
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0
