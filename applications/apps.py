from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """依申请公开: applications for disclosure from intake to reply (docs/applications.md)."""

    name = "applications"
    verbose_name = _("Disclosure on application")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_save

        from cms.workdays.models import CalendarDay, CalendarYear

        from . import checks  # noqa: F401
        from .services import refresh_pending_due_dates

        def calendar_changed(**kwargs):
            transaction.on_commit(refresh_pending_due_dates)

        for model in (CalendarYear, CalendarDay):
            post_save.connect(calendar_changed, sender=model, weak=False,
                              dispatch_uid=f"applications-pending-due-{model.__name__}")
