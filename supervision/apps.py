from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """督查考核 (docs/supervision.md): timeliness, daily content checks, circulars, assessment."""

    name = "supervision"
    label = "supervision"
    verbose_name = _("Supervision and assessment")
    default_auto_field = "django.db.models.BigAutoField"
