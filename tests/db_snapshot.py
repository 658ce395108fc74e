"""Build an expensive fixture once per session, replay its rows in every test (tests/conftest.py ``tree``).

The session's build runs the real code (``create_organisation``, ``create_user``…) in a transaction that is
rolled back; the rows it inserted, updated and deleted (Wagtail's default home page), read table by table
before and after, are kept in memory. A test gets the same rows written again with plain SQL inside its
own transaction, which rolls them back as usual — so a test that does not ask for the fixture never sees
them, and a test that changes them changes only its own copy.

The replay is used only when the database is as the build found it: inside a test's transaction (not in
transactional or live-server tests, whose flush removes migration data and whose commits run
``on_commit`` work such as indexing), with the same row count and highest key in every table the build
touched, and the rows it updated or deleted as they were. Otherwise the real build runs again.
"""

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection
from wagtail.models import Site


def _tables() -> dict[str, str]:
    """Table name -> primary-key column, for every table of an installed model (through tables too)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta  # the documented Options API
        if meta.managed and not meta.proxy and meta.pk is not None:
            tables.setdefault(meta.db_table, meta.pk.column)
    return tables


def _json_columns(cursor) -> set[int]:
    """Positions of json/jsonb columns (PostgreSQL gives them back as Python objects)."""
    if connection.vendor != "postgresql":
        return set()
    return {index for index, column in enumerate(cursor.description) if column[1] in (114, 3802)}


def _read(tables) -> dict[str, tuple[list[str], dict]]:
    qn = connection.ops.quote_name
    state = {}
    with connection.cursor() as cursor:
        for table, pk in tables.items():
            cursor.execute(f"SELECT * FROM {qn(table)}")
            columns = [column[0] for column in cursor.description]
            if pk not in columns:  # a virtual table (SQLite full-text search keyed by rowid)
                continue
            position = columns.index(pk)
            json = _json_columns(cursor)
            rows = {}
            for row in cursor.fetchall():
                if json:
                    from psycopg.types.json import Jsonb

                    row = tuple(Jsonb(value) if index in json and value is not None else value
                                for index, value in enumerate(row))
                rows[row[position]] = row
            state[table] = (columns, rows)
    return state


def _comparable(row):
    return tuple(getattr(value, "obj", value) for value in row)  # Jsonb keeps its value in .obj


class Snapshot:
    """The rows one build wrote: ``Snapshot.take(build)`` runs it; ``replay()`` writes them again."""

    def __init__(self, tables, before, after):
        self.tables = tables
        self.inserted, self.updated, self.deleted, self.fingerprint = {}, {}, {}, {}
        for table, (columns, rows) in after.items():
            old = before[table][1]
            gone = [row for key, row in old.items() if key not in rows]
            new = [row for key, row in rows.items() if key not in old]
            changed = [(old[key], row) for key, row in rows.items()
                       if key in old and _comparable(old[key]) != _comparable(row)]
            if new or changed or gone:
                self.inserted[table] = (columns, new)
                self.updated[table] = (columns, changed)
                self.deleted[table] = (columns, gone)
                self.fingerprint[table] = (len(old), max(old, default=None))

    @classmethod
    def take(cls, build):
        """Run ``build()``; return its result and the snapshot of what it wrote."""
        tables = _tables()
        before = _read(tables)
        result = build()
        after = _read(tables)
        return result, cls({table: tables[table] for table in after}, before, after)

    def applies(self) -> bool:
        """Whether the database is as the build found it (see the module docstring)."""
        if not connection.in_atomic_block:
            return False
        qn = connection.ops.quote_name
        parts = [f"SELECT %s, COUNT(*), MAX({qn(self.tables[table])}) FROM {qn(table)}" for table in self.fingerprint]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), list(self.fingerprint))
            now = {table: (count, highest) for table, count, highest in cursor.fetchall()}
            if now != self.fingerprint:
                return False
            for table, (columns, changes) in self.updated.items():
                pk = self.tables[table]
                position = columns.index(pk)
                olds = [old for old, _new in changes] + self.deleted[table][1]
                for old in olds:
                    cursor.execute(f"SELECT * FROM {qn(table)} WHERE {qn(pk)} = %s", [old[position]])
                    row = cursor.fetchone()
                    if row is None or _comparable(row) != _comparable(old):
                        return False
        return True

    def replay(self) -> None:
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, (columns, rows) in self.deleted.items():
                pk = self.tables[table]
                position = columns.index(pk)
                if rows:
                    cursor.executemany(f"DELETE FROM {qn(table)} WHERE {qn(pk)} = %s",
                                       [[row[position]] for row in rows])
            for table, (columns, changes) in self.updated.items():
                pk = self.tables[table]
                position = columns.index(pk)
                assignments = ", ".join(f"{qn(column)} = %s" for column in columns)
                for _old, new in changes:
                    cursor.execute(f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk)} = %s",
                                   [*new, new[position]])
            for table, (columns, rows) in self.inserted.items():
                if rows:
                    names = ", ".join(qn(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {qn(table)} ({names}) VALUES ({marks})", rows)
            if connection.vendor == "postgresql":
                models = [model for model in apps.get_models(include_auto_created=True)
                          if model._meta.db_table in self.inserted]
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        # What the build's signals did besides writing rows: Wagtail's caches of sites and locales.
        touched = set(self.fingerprint)
        if {"wagtailcore_site", "wagtailcore_page"} & touched:
            Site.clear_site_root_paths_cache()
        if "wagtailcore_locale" in touched:
            cache.delete("wagtail_locales_display_name")
