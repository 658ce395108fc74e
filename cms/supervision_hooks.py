"""The cms's findings for supervision (hook ``supervision_findings``, docs/moderation.md "三同步" and
docs/catalogue.md "特定群体"): what is missing now, for a unit and its subtree. Supervision reads them
through the hook; nothing here imports the supervision app, and the cms works without it.

* ``interpretation_missing`` 三同步缺解读: a live policy under a row requiring an interpretation, with none
  linked (cms.moderation.interpretation);
* ``group_delivery_missing`` 特定群体未送达: a live entry narrowed to a specific group without a delivery
  record (cms.models.DeliveryRecord).
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from .models import DeliveryRecord, DisclosurePage
from .models.choices import Audience
from .moderation.interpretation import entries_missing_interpretation
from .visibility import effective_audience_q

INTERPRETATION_MISSING = "interpretation_missing"
GROUP_DELIVERY_MISSING = "group_delivery_missing"


def _published_on(entry):
    if entry.published_on or entry.first_published_on:
        return entry.published_on or entry.first_published_on
    return timezone.localdate(entry.first_published_at) if entry.first_published_at else None


def _finding(kind, label, entry):
    return {
        "kind": kind, "kind_label": label, "organisation": entry.organisation, "subject": entry.title,
        "due_on": _published_on(entry), "days_late": None,
        "url": reverse("wagtailadmin_pages:edit", args=[entry.pk]),
    }


def entries_without_delivery():
    """Live entries narrowed to a specific group with no delivery record yet."""
    return (DisclosurePage.objects.live().filter(withdrawn_at__isnull=True)
            .filter(effective_audience_q(Audience.SPECIFIC_GROUP))
            .filter(~Exists(DeliveryRecord.objects.filter(entry_id=OuterRef("pk")))))


def cms_findings(organisations, today):
    """三同步 policies without interpretation and 特定群体 entries without delivery, of these units."""
    for entry in (entries_missing_interpretation().filter(organisation__in=organisations)
                  .select_related("organisation", "catalogue_item").order_by("first_published_at")):
        yield _finding(INTERPRETATION_MISSING, "政策解读未同步", entry)
    for entry in (entries_without_delivery().filter(organisation__in=organisations)
                  .select_related("organisation").order_by("first_published_at")):
        yield _finding(GROUP_DELIVERY_MISSING, "特定群体未送达", entry)
