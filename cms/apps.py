from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Disclosure CMS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, file_checks, lifecycle, procedures, serving, signals  # noqa: F401
