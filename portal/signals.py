"""Receivers that start a new generation of the portal's kept pages (:mod:`portal.cache`) whenever something
the public pages show changes. Connected in :meth:`portal.apps.PortalConfig.ready`."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.events import catalogue_row_retired

from .cache import start_new_generation

# What the public pages show: the pages themselves and what hangs on them. Saving any of these (a
# publication, withdrawal, archive, move, deletion, a replaced attachment, a part withheld) changes pages.
SHOWN = ("wagtailcore.Page", "cms.PortalHomePage", "cms.UnitPage", "cms.CataloguePage", "cms.CatalogueItemPage",
         "cms.DisclosurePage", "cms.DisclosureLink", "cms.WithheldPart", "cms.DisclosureDocument",
         "cms.DisclosureImage", "cms.Organisation")
# Created by a stranger's submission, which shows nowhere until staff make a reply public (an update):
# creations must not let anyone empty the cache.
SHOWN_WHEN_UPDATED = ("interaction.Feedback",)


def _changed(sender, instance=None, created=False, **kwargs):
    start_new_generation()


def _updated(sender, instance=None, created=False, **kwargs):
    if not created:
        start_new_generation()


def installed(labels):
    """The models of ``labels`` whose app is installed (the interaction apps are optional)."""
    present = {config.label for config in apps.get_app_configs()}
    return [apps.get_model(label) for label in labels if label.split(".")[0] in present]


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, catalogue_row_retired):
        signal.connect(_changed, dispatch_uid=f"portal-cache-{signal}")
    for model in installed(SHOWN):
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-cache-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-cache-delete-{model._meta.label}")
    for model in installed(SHOWN_WHEN_UPDATED):
        post_save.connect(_updated, sender=model, dispatch_uid=f"portal-cache-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-cache-delete-{model._meta.label}")
