"""政策解读 三同步 (docs/moderation.md "三同步"): a policy published under a catalogue row that requires an
interpretation (``CatalogueItemPage.requires_interpretation``) comes with one — an entry linked to it by
``LinkKind.INTERPRETS``, in either direction (the interpretation's link to the policy, or the policy's link
to its interpretation). Without one the approver is warned (the edit view of an entry waiting for approval,
and after publishing), and the published policy lands on the supervision list (cms.supervision_hooks).
An entry that itself interprets another is an interpretation, not a policy: it needs none.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from cms.models import CatalogueItemPage, DisclosureLink, DisclosurePage, LinkKind


def _interpretation_links(entry_ref) -> QuerySet[DisclosureLink]:
    return DisclosureLink.objects.filter(Q(page_id=entry_ref) | Q(target_id=entry_ref), kind=LinkKind.INTERPRETS)


def missing_interpretation(entry: DisclosurePage) -> bool:
    """Whether ``entry`` (as loaded: a revision's content or the live page) falls under 三同步 and has no
    interpretation linked. Links of an unsaved revision count as the revision holds them."""
    item = entry.catalogue_item if entry.catalogue_item_id else None
    if item is None or not item.requires_interpretation:
        return False
    if any(link.kind == LinkKind.INTERPRETS for link in entry.links.all()):
        return False
    return not DisclosureLink.objects.filter(target_id=entry.pk, kind=LinkKind.INTERPRETS).exists() \
        if entry.pk else True


def entries_missing_interpretation() -> QuerySet[DisclosurePage]:
    """Live entries under a row that requires an interpretation, with none linked (either direction).

    The rows are named by a subquery rather than a join, so that the entries are read through the few rows
    that require one: joined, SQLite read every entry of the units first, even when no row required one
    (the dashboard's supervision panel, docs/benchmarks.md «100,000 entries»)."""
    rows = CatalogueItemPage.objects.filter(requires_interpretation=True).values("pk")
    return (DisclosurePage.objects.live().filter(catalogue_item__in=rows, withdrawn_at__isnull=True)
            .filter(~Exists(_interpretation_links(OuterRef("pk")))))


def warning(entry: DisclosurePage) -> str:
    return _("政策解读 三同步: “%(title)s” is published under “%(row)s”, which requires an interpretation, and "
             "no interpretation is linked to it. Link its interpretation (政策解读) before or when publishing; "
             "until then it is on the supervisors' list.") % {
        "title": entry.title, "row": entry.catalogue_item.title}
