"""Indexes that let SQLite answer ``path LIKE 'prefix%'`` (Django's ``path__startswith``) from an index.

Tree queries select a subtree by its path prefix: Wagtail's explorer limits an editor to the pages
below their permission roots this way, and so do the unit filters of the lists, the API and
supervision. Django writes ``startswith`` on SQLite as ``LIKE %s ESCAPE '\\'``, and SQLite's LIKE is
case-insensitive, so it can use an index only if the index compares without case (``COLLATE
NOCASE``); the unique index on ``path`` compares bytes and is not used (docs/benchmarks.md
«100,000 entries», admin pages). Paths are digits and capital letters of one case, so both orders
agree. PostgreSQL already has a pattern index for every indexed character column (Django's
``…_like`` index): nothing is done there.
"""

from django.db import migrations

INDEXES = (("wagtailcore_page", "cms_page_path_nocase"), ("cms_organisation", "cms_organisation_path_nocase"))


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, name in INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("path" COLLATE NOCASE)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("cms", "0015_disclosurepage_written_or_listed_on_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
