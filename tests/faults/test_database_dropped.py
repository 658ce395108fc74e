"""Fault 4 (docs/faults.md): the database connection is lost while an editor publishes.

On PostgreSQL the publishing connection is terminated (``pg_terminate_backend`` from a second connection)
inside the transaction that saves the entry as live — after the outbox row for the index was written in it.
On SQLite, whose writers queue behind one lock, the equivalent is another process holding the database's write
lock longer than the connection's timeout: ``database is locked``.

Either way the publication is refused whole: the live entry keeps its previous revision, no outbox row and no
publish log entry are written without the page change, the editor reads a clear 503 page, and publishing again
succeeds and reaches the index.
"""

import subprocess
import sys
import time

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.db.models.signals import post_save
from django.test import Client
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage, Domain
from search.backends import get_backend
from search.models import IndexTask
from tests.moderation.admin_forms import edit_post_data

from .support import check_consistent, command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def text(value: str) -> list[dict]:
    return [{"type": "rich_text", "value": f"<p>{value}</p>", "id": "b1"}]


def terminate_publishing_connection():
    """A post_save receiver that, the first time an entry is saved live inside a transaction (Wagtail's
    publish), has a second connection terminate this one; returns (receiver, calls)."""
    calls = []

    def receiver(sender, instance, update_fields=None, **kwargs):
        if calls or not instance.live or update_fields is not None or not connection.in_atomic_block:
            return
        calls.append(IndexTask.objects.filter(page_id=instance.pk, done_at__isnull=True).count())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        params = connection.get_connection_params()
        params.pop("cursor_factory", None), params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as other:
            assert other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]

    return receiver, calls


class WriteLock:
    """Another process holding SQLite's write lock (``BEGIN IMMEDIATE``) until released."""

    def __init__(self, path):
        code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE');"
                " print('locked', flush=True); sys.stdin.read(); c.rollback()")
        self.process = subprocess.Popen([sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"

    def release(self):
        self.process.stdin.close()
        assert self.process.wait(10) == 0


def test_a_publication_cut_off_by_the_database_is_refused_whole_and_publishing_again_succeeds(tree, shared):
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")
    entry = tree.add_entry(item, "2026年第一季度村级财务公开", body=text("第一版：收入12万元。"),
                           owner=tree.users["a_editor"])
    first_revision = DisclosurePage.objects.get(pk=entry.pk).live_revision_id
    editor = Client(raise_request_exception=False)
    editor.force_login(tree.users["a_approver"])
    data = edit_post_data(editor, entry, text("第二版：收入15万元，支出9万元。"),
                          **{"action-publish": "publish"})
    data["title"] = "2026年第一季度村级财务公开（更正）"
    tasks_before = IndexTask.objects.count()
    logs_before = PageLogEntry.objects.filter(page_id=entry.pk, action="wagtail.publish").count()

    if shared.sqlite_file is None:
        receiver, calls = terminate_publishing_connection()
        post_save.connect(receiver, sender=DisclosurePage, weak=False)
        try:
            refused = editor.post(f"/admin/pages/{entry.pk}/edit/", data)
        finally:
            post_save.disconnect(receiver, sender=DisclosurePage)
        assert calls and calls[0] >= 1  # the outbox row was written in the transaction before the cut
    else:
        lock = WriteLock(shared.sqlite_file)
        try:
            started = time.monotonic()
            refused = editor.post(f"/admin/pages/{entry.pk}/edit/", data)
            assert time.monotonic() - started < 30
        finally:
            lock.release()
    close_old_connections()  # what the end of a request does (the test client skips it)

    assert refused.status_code == 503 and refused["Retry-After"]
    page = refused.content.decode()
    assert "The database is not answering" in page and "nothing of it was written" in page
    live = DisclosurePage.objects.get(pk=entry.pk)
    assert live.live and live.live_revision_id == first_revision  # the old publication stands, whole
    assert live.title == "2026年第一季度村级财务公开" and "第一版" in str(live.body)
    assert PageLogEntry.objects.filter(page_id=entry.pk, action="wagtail.publish").count() == logs_before
    if shared.sqlite_file is None:
        assert IndexTask.objects.count() == tasks_before  # the cut transaction's outbox row went with it

    published = editor.post(f"/admin/pages/{entry.pk}/edit/", data)  # the editor submits again
    assert published.status_code == 302
    live = DisclosurePage.objects.get(pk=entry.pk)
    assert live.live_revision_id != first_revision and live.title.endswith("（更正）") and "第二版" in str(live.body)
    assert PageLogEntry.objects.filter(page_id=entry.pk, action="wagtail.publish").count() == logs_before + 1
    assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()

    get_backend().ensure_index()
    command("search_worker", "--once", "--no-auto-rebuild")
    backend = get_backend()
    backend.refresh()
    assert "第二版" in backend.get_sources([entry.pk])[entry.pk]["body"]
    check_consistent()
