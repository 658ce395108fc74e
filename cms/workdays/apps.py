from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "cms.workdays"
    label = "workdays"
    verbose_name = _("Working-day calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import service
        from .models import CalendarDay, CalendarYear

        for model in (CalendarYear, CalendarDay):
            post_save.connect(service.table_changed, sender=model, dispatch_uid=f"workdays-save-{model.__name__}")
            post_delete.connect(service.table_changed, sender=model, dispatch_uid=f"workdays-delete-{model.__name__}")
