from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "cms.moderation"
    label = "moderation"
    verbose_name = _("Review before publication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, table_checks  # noqa: F401
