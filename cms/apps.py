from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Disclosure CMS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """System checks, and the receivers of this app: those of other modules connected here, in this
        order; cms/signals.py connects its own on import (Wagtail hooks: wagtail_hooks.py)."""
        from django.db.models.signals import post_save, pre_save
        from wagtail.models import Revision
        from wagtail.signals import page_published, page_unpublished

        from . import checks, file_checks, lifecycle, procedures  # noqa: F401  (checks: system checks)
        from .models import DisclosureDocument, DisclosureImage, DisclosurePage

        for model, name in ((DisclosureImage, "image"), (DisclosureDocument, "document")):
            pre_save.connect(file_checks.check_file_change, sender=model, dispatch_uid=f"cms.file_checks.{name}")
            post_save.connect(file_checks.file_saved, sender=model, dispatch_uid=f"cms.file_checks.{name}_saved")
        page_published.connect(lifecycle.entry_published, dispatch_uid="cms.lifecycle.entry_published")
        page_unpublished.connect(lifecycle.entry_unpublished, dispatch_uid="cms.lifecycle.entry_unpublished")
        pre_save.connect(lifecycle.refuse_revision_of_archived, sender=Revision,
                         dispatch_uid="cms.lifecycle.refuse_revision_of_archived")
        pre_save.connect(procedures.derive_entry_fields, sender=DisclosurePage,
                         dispatch_uid="cms.procedures.entry_before_save")
        from . import signals  # noqa: F401
