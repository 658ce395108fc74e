"""The cms's findings for supervision (hook ``supervision_findings``, docs/moderation.md "三同步" and
docs/catalogue.md "特定群体"): what is missing now, for a unit and its subtree. Supervision reads them
through the hook; nothing here imports the supervision app, and the cms works without it.

* ``interpretation_missing`` 三同步缺解读: a live policy under a row requiring an interpretation, with none
  linked (cms.moderation.interpretation);
* ``group_delivery_missing`` 特定群体未送达: a live entry narrowed to a specific group without a delivery
  record (cms.models.DeliveryRecord).
"""

from collections.abc import Sequence

from django.db.models import Count, Exists, OuterRef, Window
from django.urls import reverse

from .models import DeliveryRecord, DisclosurePage, Organisation
from .models.choices import Audience
from .moderation.interpretation import entries_missing_interpretation
from .visibility import effective_audience_q

INTERPRETATION_MISSING = "interpretation_missing"
GROUP_DELIVERY_MISSING = "group_delivery_missing"


# The columns a finding shows: the lists hold every entry concerned (18,000 in the 100,000-entry bench,
# docs/benchmarks.md «100,000 entries»), so no page object, body or URL resolution per entry.
COLUMNS = ("pk", "title", "listed_on", "organisation_id")
EDIT_URL_PLACEHOLDER = 2**62


def _findings(kind, label, rows):
    units = Organisation.objects.in_bulk({row[-1] for row in rows})
    edit_url = reverse("wagtailadmin_pages:edit", args=[EDIT_URL_PLACEHOLDER])
    for pk, title, listed_on, organisation_id in rows:
        yield {
            "kind": kind, "kind_label": label, "organisation": units[organisation_id], "subject": title,
            "due_on": listed_on, "days_late": None,
            "url": edit_url.replace(str(EDIT_URL_PLACEHOLDER), str(pk)),
        }


class FindingList(Sequence):
    """One kind's findings in supervision's order (unit, then subject: none of them is late by days), read
    lazily: the first rows come with the number of all (one query), ``len()`` alone is one COUNT, and a slice
    reads only its rows. The dashboard panel shows a few of what
    may be thousands (18,000 三同步 gaps in the 100,000-entry bench, docs/benchmarks.md «100,000 entries»);
    lists that show every finding iterate it whole (docs/supervision.md, hook ``supervision_findings``)."""

    def __init__(self, kind: str, label: str, entries):
        self.kind, self.label = kind, label
        self.entries = entries.order_by("organisation__path", "title", "pk")
        self._count = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.entries.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            if (index.start or 0) == 0 and index.step is None and index.stop and self._count is None:
                # The first rows and the number of all in one pass (a window count): counting apart read the
                # rows twice (SQLite: ~130 ms each at 100,000 entries).
                counted = self.entries.annotate(whole_count=Window(Count("pk")))
                rows = list(counted[index].values_list(*COLUMNS, "whole_count"))
                self._count = rows[0][-1] if rows else 0
                return list(_findings(self.kind, self.label, [row[:-1] for row in rows]))
            return list(_findings(self.kind, self.label, list(self.entries[index].values_list(*COLUMNS))))
        index = index + len(self) if index < 0 else index
        found = self[index:index + 1] if index >= 0 else []
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self):
        return _findings(self.kind, self.label, list(self.entries.values_list(*COLUMNS)))


def entries_without_delivery():
    """Live entries narrowed to a specific group with no delivery record yet."""
    return (DisclosurePage.objects.live().filter(withdrawn_at__isnull=True)
            .filter(effective_audience_q(Audience.SPECIFIC_GROUP))
            .filter(~Exists(DeliveryRecord.objects.filter(entry_id=OuterRef("pk")))))


def interpretation_findings(organisations, today) -> FindingList:
    """三同步 policies without an interpretation, of these units (hook ``supervision_findings``)."""
    return FindingList(INTERPRETATION_MISSING, "政策解读未同步",
                       entries_missing_interpretation().filter(organisation__in=organisations))


def delivery_findings(organisations, today) -> FindingList:
    """特定群体 entries without a delivery record, of these units (hook ``supervision_findings``)."""
    return FindingList(GROUP_DELIVERY_MISSING, "特定群体未送达",
                       entries_without_delivery().filter(organisation__in=organisations))


def cms_findings(organisations, today):
    """Both kinds, every finding (as the lists show them)."""
    yield from interpretation_findings(organisations, today)
    yield from delivery_findings(organisations, today)
