"""What queues a page for the index: every change that alters what a reader may find.

Each receiver runs inside the transaction of the change (Wagtail publishes in one), so the
queue row commits or rolls back with it. Changes made with ``QuerySet.update()`` send no signal:
code doing that calls :func:`search.indexing.enqueue` itself.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.file_checks import document_text_changed
from cms.models import (
    CatalogueItemPage, DisclosureDocument, DisclosureImage, DisclosurePage, LinkKind, Organisation,
)

from .indexing import enqueue
from .models import IndexTask

# Saves that touch only these fields (drafts, locks, workflow state) do not change the live entry.
DRAFT_ONLY_FIELDS = {
    "wagtail_admin_comments", "latest_revision", "latest_revision_created_at", "has_unpublished_changes",
    "draft_title", "locked", "locked_at", "locked_by", "numchild", "alias_of_id",
}


def _entries_below(page) -> list[int]:
    return list(DisclosurePage.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def _changes_live_content(update_fields) -> bool:
    return update_fields is None or not set(update_fields) <= DRAFT_ONLY_FIELDS


@receiver(page_published)
@receiver(page_unpublished)
def page_visibility_changed(sender, instance, **kwargs):
    """Publishing or unpublishing an entry, or a catalogue item whose scope its entries inherit."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, DisclosurePage):
        # Publishing an amending or repealing entry marks the older one (cms.signals.mark_superseded).
        targets = page.links.filter(kind__in=[LinkKind.AMENDS, LinkKind.REPEALS]).values_list("target_id", flat=True)
        enqueue([page.pk, *targets])
    elif isinstance(page, CatalogueItemPage):
        enqueue(_entries_below(page))


@receiver(post_save, sender=DisclosurePage)
def entry_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    """Withdrawal, archiving, scope or validity changes saved on the page row."""
    if raw or created or not _changes_live_content(update_fields):
        return
    enqueue([instance.pk])


@receiver(post_delete, sender=DisclosurePage)
def entry_deleted(sender, instance, **kwargs):
    enqueue([instance.pk], action=IndexTask.Action.DELETE)


@receiver(post_save, sender=CatalogueItemPage)
def catalogue_item_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    """A catalogue row saved directly (not through a revision): its entries' scope may change."""
    if raw or created or not _changes_live_content(update_fields):
        return
    enqueue(_entries_below(instance))


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    """Moving an entry or a catalogue item changes the catalogue ancestors and the URL."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, DisclosurePage | CatalogueItemPage):
        enqueue(_entries_below(page))


@receiver(pre_save, sender=Organisation)
def remember_organisation_name(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._search_old_name = Organisation.objects.filter(pk=instance.pk).values_list("name", flat=True).first()


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, created, raw=False, **kwargs):
    """A renamed unit: its name is searchable on every entry it published."""
    old_name = getattr(instance, "_search_old_name", None)
    if raw or created or old_name is None or old_name == instance.name:
        return
    enqueue(DisclosurePage.objects.filter(organisation=instance).values_list("pk", flat=True))


@receiver(post_save, sender=DisclosureDocument)
@receiver(post_save, sender=DisclosureImage)
def attachment_saved(sender, instance, created, raw=False, **kwargs):
    """An attachment's file, title, caption or extracted text changed: re-index the entries that show it."""
    if raw or created:
        return
    _reindex_entries_attaching(instance)


@receiver(document_text_changed)
def attachment_text_extracted(sender, document, **kwargs):
    """The background extraction stored a document's text."""
    _reindex_entries_attaching(document)


def _reindex_entries_attaching(instance):
    references = ReferenceIndex.get_references_to(instance).values_list("object_id", flat=True)
    page_ids = {int(pk) for pk in references if str(pk).isdigit()}
    if page_ids:
        enqueue(DisclosurePage.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
