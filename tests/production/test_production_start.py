"""The production start of docs/deploy.md, for real: ``scripts/serve-production.sh`` with the production
settings on a new SQLite database in a temporary directory (migrate, collectstatic, then gunicorn, the search
worker, the task worker and the scheduler), asked over HTTP on loopback: the portal home, a static file
under its hashed name with far-future cache headers and compression, a portal page kept in the cache every
worker shares, a GraphQL POST, the admin login page
in Chinese; then stopped with TERM, and every process of it gone."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

pytestmark = pytest.mark.production

ROOT = settings.BASE_DIR
START_TIMEOUT = 600  # migrate + collectstatic on a shared 2-core machine (CI runs two suites side by side)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read()


def group_alive(pgid: int) -> list[str]:
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == pgid:
                    alive.append(open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\0", b" ").decode())
            except (ProcessLookupError, FileNotFoundError, PermissionError):
                continue
    return alive


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the SQLite suite: the server has a database of its own in a temporary directory")
    work = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "TEST_DATABASE_NAME", "DISCLOSURE_ENV",
                          "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY", "TASKS_BACKEND"}}
    env.update({"VAR_DIR": str(work), "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
                "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
                "BIND": f"127.0.0.1:{port}", "WEB_WORKERS": "2", "WEB_THREADS": "2", "SEARCH_BACKEND": "embedded",
                "SCHEDULER_INTERVAL": "5"})
    log = open(work / "serve.log", "w")
    process = subprocess.Popen(["bash", "scripts/serve-production.sh"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        assert process.poll() is None, (work / "serve.log").read_text()[-4000:]
        try:
            fetch(base + "/robots.txt")
            break
        except OSError:
            assert time.monotonic() < deadline, (work / "serve.log").read_text()[-4000:]
            time.sleep(1)
    yield {"base": base, "work": work, "process": process}
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            if group_alive(process.pid):
                os.killpg(process.pid, signal.SIGKILL)
    log.close()


def test_the_four_processes_run_apart(server):
    commands = " | ".join(group_alive(server["process"].pid))
    assert "gunicorn config.wsgi:application" in commands
    assert "manage.py search_worker" in commands
    assert "manage.py db_worker" in commands
    log = (server["work"] / "serve.log").read_text()
    assert "Started: web" in log and "scheduler" in log


def test_portal_home(server):
    status, headers, body = fetch(server["base"] + "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert '<html lang="zh-hans"' in page or 'lang="zh-Hans"' in page or "zh" in page[:300]
    assert "政府信息公开条例" in page


def test_the_portals_kept_pages_are_shared_by_every_worker(server):
    """Production settings keep the cache in files under VAR_DIR (docs/deploy.md «Cache»): a page rendered by one
    gunicorn worker is answered from there by the others, and the public forms' limits count across workers."""
    answers = [fetch(server["base"] + "/units/")[1].get("X-Portal-Cache") for _ in range(8)]
    assert answers[0] in {"miss", "hit"} and answers[1:] == ["hit"] * 7
    assert list((server["work"] / "cache").glob("*.djcache"))


def test_static_files_are_hashed_compressed_and_cached_for_good(server):
    manifest = json.loads((server["work"] / "static" / "staticfiles.json").read_text())
    hashed_names = set(manifest["paths"].values())
    # The admin's pages name the static files under their hashed names.
    status, headers, body = fetch(server["base"] + "/admin/login/")
    named = re.findall(r'/static/([^"?]+\.css)', body.decode())
    assert named and all(name in hashed_names for name in named), named
    status, headers, body = fetch(f"{server['base']}/static/{named[0]}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]


def test_graphql_post(server):
    query = json.dumps({"query": '{ choices(vocabulary: DOMAIN) { value label } search(query: "预算") { total } }'})
    status, headers, body = fetch(server["base"] + "/graphql/", data=query.encode(),
                                  headers={"Content-Type": "application/json"})
    assert status == 200
    answer = json.loads(body)
    assert "errors" not in answer, answer
    assert {choice["value"] for choice in answer["data"]["choices"]} >= {"GOVERNMENT", "PARTY", "VILLAGE"}
    assert answer["data"]["search"]["total"] == 0  # a new install: nothing published yet


def test_admin_login_page_in_chinese(server):
    status, headers, body = fetch(server["base"] + "/admin/login/")
    assert status == 200
    page = body.decode()
    assert "登录" in page
    assert 'name="csrfmiddlewaretoken"' in page
    # Production settings: the session and CSRF cookies go over HTTPS only, and no debug page.
    assert "secure" in headers.get("Set-Cookie", "").lower()
    status404 = None
    try:
        fetch(server["base"] + "/no-such-page/")
    except urllib.error.HTTPError as error:
        status404 = error.code
        assert b"Traceback" not in error.read()
    assert status404 == 404


def test_stops_on_term_with_every_process(server):
    process = server["process"]
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=90) is not None
    deadline = time.monotonic() + 30
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert group_alive(process.pid) == []
