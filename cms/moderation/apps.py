from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "cms.moderation"
    label = "moderation"
    verbose_name = _("Review before publication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.models import WorkflowState

        from . import signals, table_checks  # noqa: F401  (signals.py connects its receivers on import)

        pre_save.connect(table_checks.refuse_wrong_totals_on_submit, sender=WorkflowState,
                         dispatch_uid="moderation.refuse_wrong_totals_on_submit")
