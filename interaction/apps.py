from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """互动: feedback (留言) on entries, catalogue rows and units, answered on the calendar (docs/interaction.md)."""

    name = "interaction"
    label = "interaction"
    verbose_name = _("Interaction")
    default_auto_field = "django.db.models.BigAutoField"
