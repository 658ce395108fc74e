"""What saving an entry derives: its publishing body, its 索引号 and its schedule (docs/architecture.md).

``derive_entry_fields`` is a ``pre_save`` receiver connected by ``CmsConfig.ready()``; the personal-data guard on publication is connected by the
moderation app (``cms.moderation.signals``).
"""


from . import schedule
from .models import DisclosurePage
from .models.entries import build_index_number


def derive_entry_fields(sender, instance: DisclosurePage, raw=False, **kwargs):
    """The publishing body defaults to the unit's name; the first save numbers the entry (索引号,
    docs/architecture.md); the due date and the notice schedule follow the dates (cms.schedule)."""
    if raw:
        return
    if not instance.publishing_body and instance.organisation_id:
        instance.publishing_body = instance.organisation.name
    if not instance.index_number and instance.organisation_id and instance.catalogue_item_id:
        instance.index_number = build_index_number(instance)
    schedule.before_save(instance)
