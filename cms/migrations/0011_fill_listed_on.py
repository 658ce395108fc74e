"""Fill ``DisclosurePage.listed_on`` of existing entries, a range of ids at a time (docs/lifecycle.md
«Listing date»).

The value is the expression GraphQL lists sorted on before the column existed, frozen here: 发布日期, else
the recorded first publication day, else the date of Wagtail's first publication moment in
settings.TIME_ZONE (``TruncDate`` converts on SQLite and PostgreSQL alike). It equals
``cms.models.entries.listing_date_from``, which computes the column from now on (tests/cms/test_listed_on.py
compares the two). One UPDATE per batch, each in its own transaction, so that a large table is not held in
one long transaction; the migration can be run again (it recomputes).
"""

from django.db import migrations, transaction
from django.db.models import DateField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate

BATCH = 10_000


def fill_listed_on(apps, schema_editor):
    alias = schema_editor.connection.alias
    Entry = apps.get_model("cms", "DisclosurePage")
    Page = apps.get_model("wagtailcore", "Page")
    first_day = Subquery(Page.objects.using(alias).filter(pk=OuterRef("pk"))
                         .values(day=TruncDate("first_published_at"))[:1])
    listed_on = Coalesce("published_on", "first_published_on", first_day, output_field=DateField())
    entries = Entry.objects.using(alias)
    bounds = entries.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        with transaction.atomic(using=alias):
            entries.filter(pk__gte=start, pk__lt=start + BATCH).update(listed_on=listed_on)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cms", "0010_disclosurepage_listed_on"),
    ]

    operations = [
        migrations.RunPython(fill_listed_on, migrations.RunPython.noop, elidable=True),
    ]
