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

from .models import DeliveryRecord, DisclosurePage, Organisation
from .models.choices import Audience
from .moderation.interpretation import entries_missing_interpretation
from .visibility import effective_audience_q

INTERPRETATION_MISSING = "interpretation_missing"
GROUP_DELIVERY_MISSING = "group_delivery_missing"


# The columns a finding shows: the lists hold every entry concerned (18,000 in the 100,000-entry bench,
# docs/benchmarks.md «100,000 entries»), so no page object, body or URL resolution per entry.
COLUMNS = ("pk", "title", "published_on", "first_published_on", "first_published_at", "organisation_id")
EDIT_URL_PLACEHOLDER = 2**62


def _published_on(published_on, first_published_on, first_published_at):
    if published_on or first_published_on:
        return published_on or first_published_on
    return timezone.localdate(first_published_at) if first_published_at else None


def _findings(kind, label, entries):
    rows = list(entries.order_by("first_published_at", "pk").values_list(*COLUMNS))
    units = Organisation.objects.in_bulk({row[-1] for row in rows})
    edit_url = reverse("wagtailadmin_pages:edit", args=[EDIT_URL_PLACEHOLDER])
    for pk, title, published_on, first_published_on, first_published_at, organisation_id in rows:
        yield {
            "kind": kind, "kind_label": label, "organisation": units[organisation_id], "subject": title,
            "due_on": _published_on(published_on, first_published_on, first_published_at), "days_late": None,
            "url": edit_url.replace(str(EDIT_URL_PLACEHOLDER), str(pk)),
        }


def entries_without_delivery():
    """Live entries narrowed to a specific group with no delivery record yet."""
    return (DisclosurePage.objects.live().filter(withdrawn_at__isnull=True)
            .filter(effective_audience_q(Audience.SPECIFIC_GROUP))
            .filter(~Exists(DeliveryRecord.objects.filter(entry_id=OuterRef("pk")))))


def cms_findings(organisations, today):
    """三同步 policies without interpretation and 特定群体 entries without delivery, of these units."""
    yield from _findings(INTERPRETATION_MISSING, "政策解读未同步",
                         entries_missing_interpretation().filter(organisation__in=organisations))
    yield from _findings(GROUP_DELIVERY_MISSING, "特定群体未送达",
                         entries_without_delivery().filter(organisation__in=organisations))
