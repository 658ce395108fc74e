"""SQLite connections are opened as config/settings/base.py says: WAL (the search worker reads while a request
writes) and memory-mapped reads (docs/benchmarks.md «100,000 entries»). The test database lives in memory, where
neither applies, so a connection with the same settings is opened on a file."""

import copy

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's connection settings")


@pytest.mark.django_db
def test_a_file_database_is_opened_in_wal_and_memory_mapped(tmp_path):
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict["NAME"] = str(tmp_path / "db.sqlite3")
    wrapper = type(connections["default"])(settings_dict, alias="default")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA mmap_size")
            mapped = cursor.fetchone()[0]
    finally:
        wrapper.close()
    assert journal == "wal"
    assert mapped >= 1 << 30
