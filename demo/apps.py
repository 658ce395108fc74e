from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set (示范县) and ``manage.py load_demo``. Optional: a county's own installation leaves
    it out of ``INSTALLED_APPS`` (docs/install.md). The other apps add their parts through the
    ``load_demo_stage`` hook, registered in their wagtail_hooks.py."""

    name = "demo"
    label = "demo"
    verbose_name = _("Demo data")
