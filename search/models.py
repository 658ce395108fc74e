"""The durable index queue (outbox): one row per change to apply to the search index.

Rows are written in the same transaction as the change that causes them, so a rolled-back save
never reaches the index and a committed one is never forgotten, even if the engine is down. The
worker (``manage.py search_worker``) applies them after commit, in batches, and retries failed
ones with back-off; applied rows are kept for a day (``done_at``) so that a rebuild can replay
what changed while it ran.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """Bring the index entry of one page in line with the database (index it or delete it)."""

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    page_id = models.BigIntegerField(_("page id"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.INDEX)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("search index task")
        verbose_name_plural = _("search index tasks")
        indexes = [models.Index(fields=["done_at", "next_attempt_at", "id"], name="search_task_due")]

    def __str__(self):
        return f"{self.action} page {self.page_id}"
