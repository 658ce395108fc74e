"""The search worker while the database does not answer (docs/faults.md): it says so, keeps running, takes
nothing, and indexes what was queued once the database answers again — without being restarted.

On PostgreSQL the database refuses new connections (``ALLOW_CONNECTIONS false``) and the worker's connection is
terminated (``pg_terminate_backend``) while it runs; on SQLite another process holds the database's write lock
longer than the worker's timeout (``database is locked``).
"""

import time

import psycopg
import pytest
from django.db import connection

from cms.models import Domain
from search.backends import get_backend
from search.models import IndexTask

from .support import check_consistent
from .test_database_dropped import WriteLock, text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def allow_connections(allowed: bool) -> None:
    """Let new connections to the test database in, or refuse them all (open ones stay). PostgreSQL takes
    this only from a connection to another database."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None), params.pop("context", None)
    name = connection.ops.quote_name(params.pop("dbname"))
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as other:
        other.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {'true' if allowed else 'false'}")


# The worker's connections carry this name (libpq reads PGAPPNAME), so that only they are ended: the other
# tests' live servers keep theirs.
WORKER_APPLICATION = "search-worker-fault-test"


def terminate_worker_connections() -> int:
    """End the worker's connections to the test database, as a restarted server would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND application_name = %s", [WORKER_APPLICATION])
        return cursor.fetchone()[0]


def test_the_search_worker_waits_out_a_lost_database_and_then_catches_up(tree, shared, processes):
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")
    get_backend().ensure_index()  # an index exists: the worker applies the queue, it does not rebuild
    get_backend().close()
    env = {**shared.env, "FAULTS_LANGUAGE_CODE": "en", "PGAPPNAME": WORKER_APPLICATION}

    if shared.sqlite_file is None:
        worker = processes(env, "search_worker", "--poll", "0.1", "--no-auto-rebuild")
        worker.wait_for(lambda line: "search worker" in line and "started" in line)
        # The server goes away for the worker: its connection is ended and a new one is refused.
        allow_connections(False)
        try:
            terminate_worker_connections()  # the worker may hold none between batches (CONN_MAX_AGE 0)
            entry = tree.add_entry(item, "停电之后补录的财务公开", body=text("断网期间收入3万元。"))
            worker.wait_for(lambda line: "the database did not answer" in line)
            worker.wait_for(lambda line: "the database did not answer" in line)  # and it keeps trying
            assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()  # nothing taken
        finally:
            allow_connections(True)
    else:
        # Queued first: under the lock nobody writes, the editor included.
        entry = tree.add_entry(item, "停电之后补录的财务公开", body=text("断网期间收入3万元。"))
        lock = WriteLock(shared.sqlite_file)
        try:
            worker = processes(env, "search_worker", "--poll", "0.1", "--no-auto-rebuild")
            worker.wait_for(lambda line: "the database did not answer" in line)
            assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()  # nothing taken
        finally:
            lock.release()

    deadline = time.monotonic() + 60
    while IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists():
        assert time.monotonic() < deadline and worker.popen.poll() is None, worker.output()
        time.sleep(0.2)
    assert worker.stop() == 0  # the same process: it was never restarted
    backend = get_backend()
    backend.refresh()
    assert "断网期间收入3万元" in backend.get_sources([entry.pk])[entry.pk]["body"]
    check_consistent()
