from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GraphqlApiConfig(AppConfig):
    name = "graphql_api"
    label = "graphql_api"
    verbose_name = _("Portal API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401
        from .core import kept

        kept.connect()
