"""Fault 1 (docs/faults.md): the search worker is killed (SIGKILL) in the middle of a batch.

The batch's claim, reads, index write and task closing are one database transaction: a worker killed inside
it leaves its tasks open (the transaction rolls back with the dead connection) and whatever it had written to
the index is written again, the same, by the next worker. Nothing is lost, nothing is applied twice wrongly.
"""

import datetime
import sqlite3
import time

import pytest
from django.db import connection

from cms.bulk import EntryCloner, NewEntry, make_prototype, sample_body
from cms.models import Domain
from search.backends import get_backend
from search.models import IndexTask

from .support import check_consistent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENTRIES = 300  # two batches of search.indexing.BATCH_SIZE (200)
DAY = datetime.date(2026, 3, 2)


def worker_in_transaction(shared) -> bool:
    """Whether the worker is inside a batch now: it holds SQLite's write lock, or a PostgreSQL transaction."""
    if shared.sqlite_file is not None:
        probe = sqlite3.connect(shared.sqlite_file, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            return False
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            return True
        finally:
            probe.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")
        return cursor.fetchone()[0] > 0


def open_tasks() -> int:
    return IndexTask.objects.filter(done_at__isnull=True).count()


def test_a_worker_killed_mid_batch_loses_nothing_and_the_next_one_catches_up(tree, shared, processes):
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")
    text = "东山村2026年村级财务收支情况。\n道路硬化资金12.5万元。"
    prototype = make_prototype(item, NewEntry("原型条目", DAY, text=text), sample_body(tree.village_a, text),
                               slug="prototype")
    entries = [NewEntry(f"第{n}号村务公开条目", DAY, summary=f"摘要{n}", text=f"第{n}号条目正文，涉及资金{n}万元。")
               for n in range(ENTRIES)]
    ids = EntryCloner(prototype).clone(entries, [f"bulk-{n}" for n in range(ENTRIES)])
    get_backend().ensure_index()  # an index exists: the workers apply the queue, they do not rebuild
    get_backend().close()
    queued = open_tasks()
    assert queued >= ENTRIES

    first = processes(shared.env, "search_worker", "--poll", "0.1")
    first.wait_for(lambda line: "indexed" in line)  # one batch committed …
    deadline = time.monotonic() + 30
    while not worker_in_transaction(shared):  # … and the next one under way
        assert time.monotonic() < deadline and first.popen.poll() is None, first.output()
        time.sleep(0.005)
    first.kill()

    left = open_tasks()
    assert 0 < left < queued, "the kill fell inside the run, with a batch applied and tasks left"
    assert not IndexTask.objects.filter(attempts__gt=0).exists()  # a killed batch is no failure: no back-off

    second = processes(shared.env, "search_worker", "--poll", "0.1")
    deadline = time.monotonic() + 90
    while open_tasks():
        assert time.monotonic() < deadline and second.popen.poll() is None, second.output()
        time.sleep(0.2)
    assert second.stop() == 0
    output = second.output()
    assert "rebuilding" not in output  # caught up from the outbox, not by a rebuild

    backend = get_backend()
    backend.refresh()
    assert set(ids) <= backend.document_ids()
    check_consistent()  # every indexed entry compared field by field with the database, texts included
