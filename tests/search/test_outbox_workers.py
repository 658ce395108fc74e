"""Two queue workers at once: no update lost, none applied twice, the later save always wins.

These tests need row locks that other connections respect (``SELECT … FOR UPDATE SKIP LOCKED``)
and concurrent writers, so they run on PostgreSQL only; on SQLite every worker's transaction holds
the single database write lock, which serialises workers by construction.
"""

import random
import threading
import time

import pytest
from django.db import connection, connections

from cms.models import DisclosurePage
from search.backends.embedded import TantivySearchBackend
from search.consistency import check_consistency, indexed_sources
from search.indexing import process_batch, process_pending
from search.models import IndexTask

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL row locks (FOR UPDATE SKIP LOCKED) and concurrent writers"),
]


def body(text: str) -> list[dict]:
    return [{"type": "rich_text", "value": f"<p>{text}</p>", "id": "b1"}]


def republish(entry_id: int, text: str) -> None:
    """A new revision of an entry with another body, published: what an editor's save does."""
    entry = DisclosurePage.objects.get(pk=entry_id)
    entry.body = body(text)
    entry.save_revision().publish()


def in_thread(function, *args):
    """Run ``function`` on its own thread and database connection; returns (thread, result holder)."""
    holder = {}

    def run():
        try:
            holder["result"] = function(*args)
        except Exception as exc:  # noqa: BLE001 - the test asserts there was none
            holder["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, holder


class GatedBackend(TantivySearchBackend):
    """Tantivy whose next write waits until the test opens the gate (a worker stopped mid-batch)."""

    def __init__(self, path):
        super().__init__(path)
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.gated = True

    def _write(self, forms, target):
        if self.gated:
            self.gated = False
            self.entered.set()
            assert self.gate.wait(30), "the test never opened the gate"
        return super()._write(forms, target)


class JitteryBackend(TantivySearchBackend):
    """Tantivy that waits a random moment before each write, so that workers' writes interleave."""

    def _write(self, forms, target):
        time.sleep(random.uniform(0, 0.25))
        return super()._write(forms, target)


@pytest.fixture
def item(tree):
    return tree.add_item(tree.township, "government", "财政资金", slug="funds", sequence=2, code="0201")


def indexed_body(backend, entry_id: int) -> str:
    backend.refresh()
    return indexed_sources(backend, [entry_id])[entry_id]["body"]


def test_a_page_held_by_one_worker_waits_for_it_and_the_later_save_wins(tree, item, tmp_path):
    entry = tree.add_entry(item, "村级公益事业建设项目公示", body=body("第一版：修建水渠。"))
    other = tree.add_entry(item, "村级道路养护公示", body=body("道路养护。"))
    backend = GatedBackend(tmp_path / "index")
    first_tasks = set(IndexTask.objects.filter(page_id=entry.pk).values_list("pk", flat=True))

    worker_a, outcome_a = in_thread(process_batch, backend)  # claims both pages, stops before writing
    assert backend.entered.wait(30)
    republish(entry.pk, "第二版：修建水渠和涵洞。")  # commits while worker A holds its old reading
    second_tasks = set(IndexTask.objects.filter(page_id=entry.pk).values_list("pk", flat=True)) - first_tasks
    assert second_tasks

    assert process_batch(backend).tasks == 0  # worker B: the page is worker A's until it commits
    assert IndexTask.objects.filter(pk__in=second_tasks, done_at__isnull=True).count() == len(second_tasks)

    backend.gate.set()
    worker_a.join(30)
    assert "error" not in outcome_a and outcome_a["result"].indexed == 2
    assert "第一版" in indexed_body(backend, entry.pk)
    closed = set(IndexTask.objects.filter(done_at__isnull=False).values_list("pk", flat=True))
    assert first_tasks <= closed and not (second_tasks & closed)  # A closed only what it claimed

    assert process_batch(backend).tasks == len(second_tasks)
    assert "第二版" in indexed_body(backend, entry.pk)
    assert check_consistency(backend, sample=10).consistent
    assert other.pk in backend.document_ids()
    backend.close()


def test_two_workers_against_interleaved_saves_leave_the_index_equal_to_the_database(tree, item, tmp_path):
    entries = [tree.add_entry(item, f"第{n}号集体资产处置公示", body=body(f"第{n}号条目，第0版。"))
               for n in range(3)]
    backend = JitteryBackend(tmp_path / "index")
    stop = threading.Event()
    applied = []

    def work():
        while not stop.is_set():
            result = process_batch(backend, limit=3)
            applied.append(result.tasks)
            if result.empty:
                time.sleep(0.005)

    workers = [in_thread(work) for _ in range(2)]
    rounds = 10
    order = [n for n in range(len(entries)) for _ in range(rounds)]
    random.Random(7).shuffle(order)  # interleaved, often the same entry twice in a row
    order += [n for n in range(len(entries)) for _ in range(2)]  # the last save of each follows its previous one
    versions = [0] * len(entries)
    for n in order:
        versions[n] += 1
        republish(entries[n].pk, f"第{n}号条目，第{versions[n]}版。")
    stop.set()
    for thread, holder in workers:
        thread.join(60)
        assert "error" not in holder
    process_pending(backend)  # what the workers had not reached when stopped; nothing stale is re-queued

    assert sum(applied) > 0
    assert not IndexTask.objects.filter(done_at__isnull=True).exists()
    report = check_consistency(backend, sample=len(entries))
    assert report.sampled == len(entries) and report.consistent, report.details
    for n, entry in enumerate(entries):
        assert indexed_body(backend, entry.pk) == f"第{n}号条目，第{versions[n]}版。"
    backend.close()
