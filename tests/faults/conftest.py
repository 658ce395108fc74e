"""Fault tests (docs/faults.md): real faults in real running parts — a worker process killed, an index
directory that cannot be written, an engine that does not answer, a database connection dropped, a file
that hangs the text extraction.

Other processes must reach the test's database: on PostgreSQL that is the test database itself; on SQLite
the in-memory test database is copied into a file (SQLite's backup) and this process uses that file too for
the test's duration. Every test here is transactional (``django_db(transaction=True,
serialized_rollback=True)``: the migration data is restored for each): what it writes is committed, as the
processes it starts need.
"""

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from search.backends import reset_backend

ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict) -> str:
    """The URL of the database this process uses now (what DATABASE_URL gives another process)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings_dict['NAME']}"


@dataclass
class Shared:
    """What the test shares with the processes it starts."""

    index_dir: Path
    env: dict = field(default_factory=dict)
    sqlite_file: Path | None = None


@pytest.fixture(autouse=True)
def shared(transactional_db, tmp_path, settings) -> Shared:
    """The database and the search index directory as other processes see them (module docstring)."""
    connection = connections["default"]
    memory = name = None
    sqlite_file = None
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        sqlite_file = tmp_path / "disclosure.sqlite3"
        target = sqlite3.connect(sqlite_file)
        connection.connection.backup(target)
        target.close()
        # The in-memory database lives as long as a connection to it: keep this one aside, unused.
        memory, name = connection.connection, connection.settings_dict["NAME"]
        connection.connection = None
        connection.settings_dict["NAME"] = str(sqlite_file)
    index_dir = tmp_path / "search-index"
    settings.SEARCH_INDEX_DIR = index_dir
    reset_backend()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings", "PYTHONUNBUFFERED": "1",
           "DATABASE_URL": database_url(connection.settings_dict), "FAULTS_SEARCH_INDEX_DIR": str(index_dir)}
    try:
        yield Shared(index_dir=index_dir, env=env, sqlite_file=sqlite_file)
    finally:
        reset_backend()
        if memory is not None:
            connection.close()
            connection.settings_dict["NAME"] = name
            connection.connection = memory


class Process:
    """A ``manage.py`` command running as its own process; its output is read line by line."""

    def __init__(self, env: dict, *args: str):
        self.popen = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.popen.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, predicate, timeout: float = 60.0) -> str:
        """The first output line (from now on) for which ``predicate`` is true."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.05)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"the process ended (code {self.popen.wait()}):\n" + "\n".join(self.lines))
            self.lines.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"nothing awaited in {timeout} s:\n" + "\n".join(self.lines))

    def output(self) -> str:
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                return "\n".join(self.lines)
            if line is not None:
                self.lines.append(line)

    def kill(self):
        """SIGKILL: no handler, no clean-up, as the kernel's OOM killer or a power cut would stop it."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM (the worker finishes its batch and stops), then wait."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            raise


@pytest.fixture
def processes():
    """Start ``manage.py`` commands; every one still running at the end is killed."""
    started: list[Process] = []

    def start(env: dict, *args: str) -> Process:
        process = Process(env, *args)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait(10)
