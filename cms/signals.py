"""Procedures that follow publication: first-publication date, and validity marks on amended or repealed
entries (有效性 is marked on the original, domain.md §3)."""

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.signals import page_published

from .models import DisclosurePage, LinkKind, Validity

VALIDITY_BY_LINK = {LinkKind.AMENDS: Validity.AMENDED, LinkKind.REPEALS: Validity.REPEALED}


@receiver(page_published, sender=DisclosurePage)
def after_entry_published(sender, instance: DisclosurePage, revision=None, **kwargs):
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


@receiver(pre_delete, sender=DisclosurePage)
def refuse_deleting_published_entry(sender, instance: DisclosurePage, **kwargs):
    """A published or once-published entry is never deleted: it is withdrawn or archived."""
    if instance.first_published_at or instance.live:
        raise ValidationError(_("A published entry is never deleted; withdraw or archive it instead."))
