from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The reference public portal (docs/portal.md): server-rendered pages that read only through the
    committed GraphQL operations, as an anonymous reader."""

    name = "portal"
    verbose_name = "公开门户"

    def ready(self):
        from . import checks  # noqa: F401
        from .signals import connect

        connect()
