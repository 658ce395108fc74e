"""Fault 3 (docs/faults.md): the Elasticsearch backend points at a port nothing listens on.

Publishing stands (the outbox row commits with the page), the worker records the engine's error on the task
and retries later and later (2, 4, 8 … seconds, at most 10 minutes), and readers get a clear "search is
unavailable" answer — never an internal error or an HTTP 500.
"""

import datetime
import json
import socket

import pytest
from django.utils import timezone

from cms.models import DisclosurePage
from search.backends import reset_backend
from search.indexing import process_batch
from search.models import IndexTask

from .support import command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEARCH = """query($q: String!) { search(query: $q) { total hits { titleHtml } } }"""


def closed_port() -> int:
    """A port on loopback that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    reset_backend()
    yield settings.ELASTICSEARCH_URL
    reset_backend()


def test_an_unreachable_engine_keeps_the_update_queued_and_readers_get_a_clear_answer(tree, unreachable, client):
    item = tree.add_item(tree.township, "government", "财政资金", slug="funds", sequence=2, code="0201")
    entry = tree.add_entry(item, "2026年财政预算公开", body=[
        {"type": "rich_text", "value": "<p>一般公共预算收入12.5亿元。</p>", "id": "b1"}])
    assert DisclosurePage.objects.get(pk=entry.pk).live  # the publication stands
    tasks = IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True)
    assert tasks.exists()

    started = timezone.now()
    assert "failed 1" in command("search_worker", "--once")
    for task in tasks:
        assert task.attempts == 1 and task.next_attempt_at >= started + datetime.timedelta(seconds=2)
        assert "Elasticsearch" in task.last_error and unreachable in task.last_error

    # Retries back off: each failure doubles the wait, up to 10 minutes; the tasks are never dropped.
    waits = []
    for _attempt in range(12):
        now = tasks.order_by("next_attempt_at").first().next_attempt_at
        assert process_batch(now=now).failed == 1
        waits.append((tasks.order_by("next_attempt_at").first().next_attempt_at - now).total_seconds())
    assert waits[:3] == [4, 8, 16] and waits[-1] == 600 and waits == sorted(waits)
    assert tasks.count() == IndexTask.objects.filter(page_id=entry.pk).count()  # none closed, none lost

    # The portal's search page: a friendly 503, not a 500.
    page = client.get("/search/", {"q": "财政预算"})
    assert page.status_code == 503
    assert "暂时无法显示" in page.content.decode()
    # The API: a stated code and a clear message, not INTERNAL_SERVER_ERROR.
    answer = client.post("/graphql/", json.dumps({"query": SEARCH, "variables": {"q": "财政预算"}}),
                         content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert answer.status_code == 200
    (error,) = answer.json()["errors"]
    assert error["extensions"]["code"] == "SEARCH_UNAVAILABLE"
    assert "INTERNAL" not in answer.content.decode()
