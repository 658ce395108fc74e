"""Fault 2 (docs/faults.md): the embedded index's directory cannot be written while a worker runs.

Permissions do not stop root (CI runs as root), so the fault that holds for every user is the one a broken
volume or a wrong deployment gives: the index directory is gone and a regular file stands at its path
(every write below it fails with "Not a directory" / "File exists"). For a non-root worker, a directory
without write permission is tested too.
"""

import os
import stat
import time

import pytest

from cms.models import DisclosurePage
from search.backends import get_backend, reset_backend
from search.models import IndexTask

from .support import check_consistent, command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def body(text: str) -> list[dict]:
    return [{"type": "rich_text", "value": f"<p>{text}</p>", "id": "b1"}]


def wait_until(condition, process, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline and process.popen.poll() is None, process.output()
        time.sleep(0.1)


def file_instead_of_directory(index_dir):
    """Start the fault: the directory moves away and a file takes its path; returns the way back."""
    aside = index_dir.with_name("index-aside")
    os.rename(index_dir, aside)
    index_dir.write_text("not a directory")

    def end():
        index_dir.unlink()
        os.rename(aside, index_dir)
    return end


def read_only_directory(index_dir):
    """Start the fault for a non-root worker: no write permission on the directory and its generations."""
    changed = [index_dir, *(path for path in index_dir.rglob("*") if path.is_dir())]
    modes = {path: path.stat().st_mode for path in changed}
    for path in changed:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR)

    def end():
        for path in changed:
            path.chmod(modes[path])
    return end


FAULTS = [
    file_instead_of_directory,
    pytest.param(read_only_directory, marks=pytest.mark.skipif(
        os.geteuid() == 0, reason="root writes into a directory without write permission: the file fault covers root")),
]


@pytest.mark.parametrize("fault", FAULTS)
def test_an_unwritable_index_directory_keeps_the_queue_and_the_worker_catches_up(fault, tree, shared, processes,
                                                                                  client):
    item = tree.add_item(tree.township, "government", "财政资金", slug="funds", sequence=2, code="0201")
    before = tree.add_entry(item, "2025年财政决算公开", body=body("一般公共预算支出11.8亿元。"))
    # The worker speaks the product's language, as in production: the error it records is Chinese.
    worker = processes({**shared.env, "FAULTS_LANGUAGE_CODE": "zh-hans"}, "search_worker", "--poll", "0.1")
    wait_until(lambda: not IndexTask.objects.filter(done_at__isnull=True).exists(), worker)
    worker.wait_for(lambda line: "索引 1 条" in line)

    end_fault = fault(shared.index_dir)
    try:
        entry = tree.add_entry(item, "2026年财政预算公开", body=body("一般公共预算收入12.5亿元。"))
        assert DisclosurePage.objects.get(pk=entry.pk).live  # the publication stands
        tasks = IndexTask.objects.filter(page_id=entry.pk)
        wait_until(lambda: tasks.filter(attempts__gt=0).exists(), worker)  # the worker tried and failed
        failed = tasks.filter(attempts__gt=0).first()
        assert failed.done_at is None
        assert failed.last_error.startswith(f"无法写入搜索索引目录 {shared.index_dir}"), failed.last_error
        assert "无法写入搜索索引目录" in command("search_status")

        # Readers: a friendly "unavailable" page and a stated API error, never a 500.
        reset_backend()
        page = client.get("/search/", {"q": "财政"})
        assert page.status_code == 503 and "暂时无法显示" in page.content.decode()
        answer = client.post("/graphql/", {"query": '{ search(query: "财政") { total } }'},
                             content_type="application/json")
        assert answer.status_code == 200
        assert answer.json()["errors"][0]["extensions"]["code"] == "SEARCH_UNAVAILABLE"
    finally:
        end_fault()

    # The fault ends: the worker retries on its own (2, 4, 8 … s back-off) and catches up.
    wait_until(lambda: not IndexTask.objects.filter(done_at__isnull=True).exists(), worker, timeout=40)
    assert worker.stop() == 0
    reset_backend()
    backend = get_backend()
    backend.refresh()
    assert {before.pk, entry.pk} <= backend.document_ids()
    check_consistent()
    found = client.get("/search/", {"q": "财政预算"})
    assert found.status_code == 200 and "2026年<em>财政预算</em>公开" in found.content.decode()
