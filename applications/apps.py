from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """依申请公开: applications for disclosure from intake to reply (docs/applications.md)."""

    name = "applications"
    verbose_name = _("Disclosure on application")
    default_auto_field = "django.db.models.BigAutoField"
