"""Procedures that follow publication: first-publication date, and validity marks on amended or repealed
entries (有效性 is marked on the original, domain.md §3); and the rule of which pages may be deleted, which
the admin (``cms.wagtail_hooks``) and every code path share."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

from .models import (
    CatalogueItemPage,
    DisclosureLink,
    DisclosurePage,
    LinkKind,
    Validity,
)
from .moderation.records import SecrecyReview

VALIDITY_BY_LINK = {LinkKind.AMENDS: Validity.AMENDED, LinkKind.REPEALS: Validity.REPEALED}


@receiver(page_published, sender=DisclosurePage)
def after_entry_published(sender, instance: DisclosurePage, revision=None, **kwargs):
    """An entry went live: its publication date, and the entries it amends or repeals. Wagtail sends
    page_published also when a revision is only approved for a later go-live (PublishRevisionAction): such
    an entry is not live yet, and is handled when the scheduled publication makes it live."""
    if not instance.live:
        return
    instance.mark_published()
    for link in instance.links.filter(kind__in=list(VALIDITY_BY_LINK)).select_related("target"):
        mark_superseded(link.target, VALIDITY_BY_LINK[link.kind], instance,
                        user=getattr(revision, "user", None))


def mark_superseded(target: DisclosurePage, validity: str, by: DisclosurePage, user=None) -> None:
    """Mark an older entry amended or repealed by a newer one; kept on the row across revisions."""
    if target.validity == validity and target.superseded_by_id == by.pk:
        return
    DisclosurePage.objects.filter(pk=target.pk).update(validity=validity, superseded_by=by)
    target.validity, target.superseded_by = validity, by
    log(instance=target, action="cms.validity_changed", user=user,
        data={"validity": validity, "by": by.pk, "by_title": by.title})


@receiver(page_unpublished, sender=DisclosurePage, dispatch_uid="cms.signals.entry_unpublished_validity")
def after_entry_unpublished(sender, instance: DisclosurePage, **kwargs):
    """An amending or repealing entry taken off (withdrawn, unpublished): what it marked follows the entries
    still published, and is 有效 again when none amends or repeals it any more."""
    for link in instance.links.filter(kind__in=list(VALIDITY_BY_LINK)).select_related("target"):
        follow_superseding_entries(link.target, user=kwargs.get("user"))


def follow_superseding_entries(target: DisclosurePage, user=None) -> None:
    """Set ``target``'s 有效性 from the live entries that amend or repeal it (the latest first published
    decides); back to 有效 without any. 已失效 and marks made otherwise are left alone."""
    if target.validity not in VALIDITY_BY_LINK.values():
        return
    link = (DisclosureLink.objects.filter(target=target, kind__in=list(VALIDITY_BY_LINK), page__live=True,
                                          page__withdrawn_at__isnull=True)
            .exclude(page_id=target.pk).select_related("page")
            .order_by("-page__first_published_at", "-page_id").first())
    if link is not None:
        mark_superseded(target, VALIDITY_BY_LINK[link.kind], link.page, user=user)
        return
    DisclosurePage.objects.filter(pk=target.pk).update(validity=Validity.VALID, superseded_by=None)
    previous = {"validity": target.validity, "by": target.superseded_by_id}
    target.validity, target.superseded_by = Validity.VALID, None
    log(instance=target, action="cms.validity_changed", user=user,
        data={"validity": Validity.VALID, "by": None, "previous": previous})


def linking_sources(entries) -> dict[int, list[str]]:
    """For each of ``entries`` that other content links to: the titles of what links to it.

    Both the entries' links (DisclosureLink rows, which deleting the target would silently remove
    from the other entry) and any link Wagtail's reference index knows (page choosers, rich-text
    links in StreamFields) count; an entry's links to itself do not.
    """
    page_type = ContentType.objects.get_for_model(Page)
    sources: dict[int, set[tuple[int, str]]] = {}
    for target, page in (DisclosureLink.objects.filter(target__in=entries).exclude(page_id=F("target_id"))
                         .values_list("target_id", "page_id")):
        sources.setdefault(target, set()).add((page_type.pk, str(page)))
    references = (ReferenceIndex.get_references_to_in_bulk(entries)
                  .exclude(base_content_type=F("to_content_type"), object_id=F("to_object_id"))
                  .values_list("to_object_id", "base_content_type", "object_id").distinct())
    for target, type_id, object_id in references:
        sources.setdefault(int(target), set()).add((type_id, object_id))
    page_ids = {int(pk) for found in sources.values() for type_id, pk in found if type_id == page_type.pk}
    titles = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title"))
    return {
        target: sorted(titles.get(int(pk), pk) if type_id == page_type.pk
                       else str(ContentType.objects.get_for_id(type_id).name) for type_id, pk in found)
        for target, found in sources.items()
    }


def entries_refusal(entries) -> str | None:
    """Why none of these (unpublished) entries may be deleted, or None.

    * Another entry or other content links to one of them: deleting it would remove the link from
      that entry (often a published one) without anyone deciding so; the links are removed first.
    * One of them has secrecy-review records (保密审查记录, domain.md §5): the records are kept, so
      the entry they describe stays, unpublished.
    """
    linked = linking_sources(entries)
    if linked:
        target = min(linked)
        entry = DisclosurePage.objects.filter(pk=target).values_list("title", flat=True).first()
        return _("Other pages link to “%(entry)s” (%(titles)s); remove those links before deleting it.") % {
            "entry": entry, "titles": "、".join(linked[target][:5])}
    reviewed = SecrecyReview.objects.filter(page__in=entries).values_list("page__title", flat=True).first()
    if reviewed is not None:
        return _("“%(entry)s” has secrecy-review records, which are kept: it cannot be deleted; "
                 "leave it unpublished instead.") % {"entry": reviewed}
    return None


def deletion_refusal(page) -> str | None:
    """Why a page may not be deleted, or None.

    Published entries are withdrawn or archived, never deleted; catalogue rows with entries are
    retired, never deleted (domain.md §2, §5); an entry that others link to or that has
    secrecy-review records is not deleted either (:func:`entries_refusal`), nor a section holding one.
    """
    specific = page.specific
    if isinstance(specific, DisclosurePage) and (specific.first_published_at or specific.live):
        return _("A published entry is never deleted; withdraw or archive it instead.")
    if isinstance(specific, CatalogueItemPage) and DisclosurePage.objects.descendant_of(page).exists():
        return _("A catalogue item with entries is never deleted; retire it instead.")
    entries = DisclosurePage.objects.descendant_of(page, inclusive=True)
    if entries.exclude(first_published_at__isnull=True).exists():
        return _("This section holds published entries, which are never deleted.")
    return entries_refusal(entries)


@receiver(pre_delete, sender=DisclosurePage)
def refuse_deleting_entry(sender, instance: DisclosurePage, **kwargs):
    """Code paths that delete an entry meet the admin's refusal (:func:`deletion_refusal`) as a ValidationError."""
    if instance.first_published_at or instance.live:
        raise ValidationError(_("A published entry is never deleted; withdraw or archive it instead."))
    reason = entries_refusal(DisclosurePage.objects.filter(pk=instance.pk))
    if reason:
        raise ValidationError(reason)
