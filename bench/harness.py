"""What the benchmark scripts share: a fresh Django set-up in a temporary directory, timing in turns, and the
report."""

import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_django(prefix: str) -> Path:
    """Start Django on the README's default (SQLite, embedded search) in a new temporary directory.

    Returns the directory (database, media and index live in it); the caller migrates and removes it.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir),
                       "SEARCH_BACKEND": "embedded"})
    os.environ.pop("DATABASE_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return workdir


def interleaved(calls, rounds: int) -> list[list[float]]:
    """Milliseconds of each call, taking turns call by call, so that a change of load on a shared machine
    weighs on all of them alike and the ratios stay fair. A call receives the round's number."""
    times = [[] for _call in calls]
    gc.collect()
    for number in range(rounds):
        for call, spent in zip(calls, times):
            start = time.perf_counter()
            call(number)
            spent.append((time.perf_counter() - start) * 1000)
    return times


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def report(results: dict, json_path: Path | None) -> None:
    """Print the figures as JSON, and write them to ``json_path`` too when given."""
    text = json.dumps(results, ensure_ascii=False, indent=1)
    if json_path:
        json_path.write_text(text)
    print(text)
