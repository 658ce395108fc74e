"""Fill ``DisclosurePage.written_or_listed_on`` of existing entries: 成文日期, else the listing date (filled by
0011), a range of ids at a time as 0011 does (docs/lifecycle.md «Listing date»). The expression is the
written-date sort GraphQL computed per row before the column existed, frozen here; from now on
``cms.models.entries.sort_dates_from`` computes it (tests/cms/test_listed_on.py compares the two)."""

from django.db import migrations, transaction
from django.db.models import DateField, Max, Min
from django.db.models.functions import Coalesce

BATCH = 10_000


def fill_written_or_listed_on(apps, schema_editor):
    alias = schema_editor.connection.alias
    entries = apps.get_model("cms", "DisclosurePage").objects.using(alias)
    bounds = entries.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        with transaction.atomic(using=alias):
            entries.filter(pk__gte=start, pk__lt=start + BATCH).update(
                written_or_listed_on=Coalesce("written_on", "listed_on", output_field=DateField()))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cms", "0013_disclosurepage_written_or_listed_on"),
    ]

    operations = [
        migrations.RunPython(fill_written_or_listed_on, migrations.RunPython.noop, elidable=True),
    ]
