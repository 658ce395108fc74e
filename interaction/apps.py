from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """互动: feedback (留言) on entries, catalogue rows and units, answered on the calendar (docs/interaction.md)."""

    name = "interaction"
    label = "interaction"
    verbose_name = _("Interaction")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_save

        from cms.workdays.models import CalendarDay, CalendarYear

        from .services import refresh_pending_due_dates

        def calendar_changed(**kwargs):
            transaction.on_commit(refresh_pending_due_dates)

        for model in (CalendarYear, CalendarDay):
            post_save.connect(calendar_changed, sender=model, weak=False,
                              dispatch_uid=f"interaction-pending-due-{model.__name__}")
