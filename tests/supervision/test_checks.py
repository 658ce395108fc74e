"""The daily content checks: internal links, external links against a local HTTP server started here
(HEAD then GET, timeouts, 404, redirects, per-host and per-run caps, our User-Agent), attachments, stale
columns; findings stored per unit and closed when a later run no longer finds them."""

import datetime
import http.server
import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from cms.models import DisclosurePage
from supervision.checks import LinkChecker, run_checks
from supervision.models import CheckRun, Finding, LinkCheck, RunStatus
from supervision.tasks import enqueue_content_checks

from .conftest import D, published, rows_published_on

pytestmark = pytest.mark.django_db


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent")))
        path = self.path
        if path.startswith("/ok"):
            self._send(200, body)
        elif path == "/missing":
            self._send(404, body)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok-after-redirect")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, body)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, body)
        else:
            self._send(500, body)

    def _send(self, status, body):
        payload = "页面".encode() if status < 400 else b"error"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def checker(**kwargs):
    return LinkChecker(**{"timeout": 0.5, "host_delay": 0, "allow_internal": True, **kwargs})


def test_link_checker_statuses(server):
    links = checker()
    assert links.check(f"{server}/ok").ok
    missing = links.check(f"{server}/missing")
    assert (missing.ok, missing.status) == (False, 404)
    moved = links.check(f"{server}/moved")
    assert moved.ok and moved.final_url.endswith("/ok-after-redirect")
    assert not links.check(f"{server}/loop").ok
    assert links.check(f"{server}/no-head").ok  # 405 to HEAD, then GET
    slow = links.check(f"{server}/slow")
    assert not slow.ok and "0.5" in slow.error
    assert ("HEAD", "/moved", links.user_agent) in Handler.seen
    assert ("HEAD", "/ok-after-redirect", links.user_agent) in Handler.seen  # a redirected HEAD stays a HEAD
    assert ("GET", "/no-head", links.user_agent) in Handler.seen
    assert all(agent == links.user_agent for _m, _p, agent in Handler.seen)


def test_polite_delay_between_requests_to_one_host(server):
    links = checker(host_delay=0.3)
    started = time.monotonic()
    links.check(f"{server}/ok-1")
    links.check(f"{server}/ok-2")
    assert time.monotonic() - started >= 0.3


def rich(*links):
    return [("rich_text", "<p>" + " ".join(links) + "</p>")]


@pytest.fixture
def scene(tree, rows, server):
    Document = get_document_model()
    good = Document(title="预算表")
    good.file.save("budget.pdf", ContentFile(b"%PDF-1.4 budget"), save=False)
    good.save()
    lost = Document(title="丢失的附件")
    lost.file.save("lost.pdf", ContentFile(b"%PDF-1.4 lost"), save=False)
    lost.save()
    draft = tree.add_entry(rows.prompt, "未发布的草稿", publish=False)
    target = tree.add_entry(rows.prompt, "已发布的信息")
    body = rich(f'<a linktype="page" id="{draft.pk}">草稿</a>', f'<a linktype="page" id="{target.pk}">正常</a>',
                '<a linktype="page" id="999999">已删除</a>', f'<a href="{server}/ok">好</a>',
                f'<a href="{server}/missing">坏</a>', f'<a href="{server}/moved">跳转</a>',
                f'<a linktype="document" id="{lost.pk}">附件</a>')
    body.append(("attachments", [{"document": good, "title": ""}]))
    entry = tree.add_entry(rows.monthly, "2026年10月财政收支", body=body)
    village = tree.add_entry(rows.village_quarterly, "第三季度村务收支", body=rich(f'<a href="{server}/missing">坏</a>'))
    lost.file.storage.delete(lost.file.name)
    return {"entry": entry, "village": village, "draft": draft, "lost": lost, "server": server}


def open_findings():
    return sorted((f.organisation.short_name, f.kind, f.target.rsplit("/", 1)[-1]) for f in
                  Finding.objects.filter(closed_at__isnull=True).exclude(kind="stale_column"))


def test_a_run_stores_findings_per_unit_and_closes_what_is_fixed(tree, rows, scene):
    run = run_checks(today=D(2026, 11, 2), checker=checker())
    assert run.status == RunStatus.DONE and run.entries_checked == 3 and run.links_checked == 3
    assert open_findings() == sorted([
        ("城关镇", "attachment", f"document:{scene['lost'].pk}"),
        ("城关镇", "external_link", "missing"),
        ("城关镇", "internal_link", "page:999999"),
        ("城关镇", "internal_link", f"page:{scene['draft'].pk}"),
        ("东山村", "external_link", "missing"),
    ])
    external = Finding.objects.get(kind="external_link", organisation=tree.township)
    assert "404" in external.detail and external.page_id == scene["entry"].pk
    # The same problems again: the same rows, nothing new.
    again = run_checks(today=D(2026, 11, 2), checker=checker())
    assert again.opened == 0 and again.closed == 0 and Finding.objects.count() == len(open_findings()) + \
        Finding.objects.filter(kind="stale_column").count()
    # Fix: publish the draft, drop the dead links; the next run closes those findings.
    scene["draft"].save_revision().publish()
    entry = DisclosurePage.objects.get(pk=scene["entry"].pk)
    entry.body = rich(f'<a href="{scene["server"]}/ok">好</a>')
    entry.save_revision().publish()
    fixed = run_checks(today=D(2026, 11, 2), checker=checker())
    assert fixed.closed == 4
    assert open_findings() == [("东山村", "external_link", "missing")]
    assert Finding.objects.filter(closed_at__isnull=False).count() == 4


def test_per_run_and_per_host_caps_leave_the_rest_for_the_next_run(tree, rows, server):
    links = " ".join(f'<a href="{server}/ok-{n}">{n}</a>' for n in range(5))
    tree.add_entry(rows.monthly, "很多链接", body=rich(links, f'<a href="{server}/missing">坏</a>'))
    first = run_checks(today=D(2026, 11, 2), checker=checker(per_run=3))
    assert first.links_checked == 3 and LinkCheck.objects.count() == 3
    second = run_checks(today=D(2026, 11, 2), checker=checker(per_run=3))
    assert second.links_checked == 3 and LinkCheck.objects.count() == 6  # the least recently checked first
    assert Finding.objects.filter(kind="external_link", closed_at__isnull=True).count() == 1
    capped = checker(per_host=2)
    assert len(capped.select({f"{server}/a", f"{server}/b", f"{server}/c", "http://example.invalid/x"})) == 3


def test_a_finding_over_the_cap_stays_open_until_its_link_is_checked(tree, rows, server):
    entry = tree.add_entry(rows.monthly, "坏链接", body=rich(f'<a href="{server}/missing">坏</a>'))
    run_checks(today=D(2026, 11, 2), checker=checker())
    assert Finding.objects.filter(kind="external_link", closed_at__isnull=True).count() == 1
    run_checks(today=D(2026, 11, 2), checker=checker(per_run=0))
    assert Finding.objects.filter(kind="external_link", closed_at__isnull=True).count() == 1
    entry.body = rich("没有链接")
    entry.save_revision().publish()
    run_checks(today=D(2026, 11, 2), checker=checker(per_run=0))
    assert not Finding.objects.filter(kind="external_link", closed_at__isnull=True).exists()


def test_stale_columns(tree, rows):
    rows_published_on(rows.monthly, rows.village_quarterly, on=D(2026, 1, 5))
    published(tree, rows.monthly, "2026年8月财政收支", D(2026, 9, 8))
    run_checks(today=D(2026, 11, 2), external=False)
    stale = {f.subject: f.detail for f in Finding.objects.filter(kind="stale_column", closed_at__isnull=True)}
    # Monthly: nothing in October or November; quarterly: nothing since the row was created in January.
    assert "财政收支月报" in stale and "2026-09-08" in stale["财政收支月报"]
    assert "村务收支" in stale
    published(tree, rows.monthly, "2026年10月财政收支", D(2026, 10, 9))
    run_checks(today=D(2026, 11, 2), external=False)
    assert not Finding.objects.filter(kind="stale_column", subject="财政收支月报", closed_at__isnull=True).exists()


def test_command_prints_progress_and_task_runs_on_the_backend(tree, rows, capsys):
    tree.add_entry(rows.monthly, "普通信息", body=rich('<a linktype="page" id="999998">已删除</a>'))
    call_command("run_content_checks", "--no-external")
    out = capsys.readouterr().out
    assert "1" in out and "run " in out
    assert Finding.objects.filter(kind="internal_link").count() == 1
    run = enqueue_content_checks(external=False)  # the test settings' backend runs it at once
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and CheckRun.objects.count() == 2


@pytest.mark.parametrize("path", ["/ok", "/moved"])
def test_links_to_internal_addresses_are_never_requested(server, path):
    """An entry linking to the intranet (or the cloud metadata address) must not make the CMS send it a
    request: the link is a finding instead, also when an outside link redirects inside."""
    Handler.seen = []
    result = checker(allow_internal=False).check(f"{server}{path}")
    assert not result.ok and result.internal
    assert "127.0.0.1" in result.error
    assert Handler.seen == []  # not even a HEAD reached the server


@pytest.mark.parametrize("host", ["localhost", "10.1.2.3", "169.254.169.254", "[::1]", "192.168.0.1"])
def test_internal_hosts_by_name_and_address(host):
    result = checker(allow_internal=False, timeout=0.2).check(f"http://{host}:9/secret")
    assert result.internal and not result.ok


def test_the_internal_address_finding_is_chinese(server):
    from django.utils import translation
    with translation.override("zh-hans"):
        result = checker(allow_internal=False).check(f"{server}/ok")
    assert "内部地址" in result.error
