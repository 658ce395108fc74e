"""Load and soak of the production start (docs/deploy.md, docs/benchmarks.md «Load and soak»).

    .venv/bin/pip install -e ".[bench]"          # locust, psutil
    .venv/bin/python bench/load.py prepare --workdir /tmp/load      # migrate, full demo, index, static (untimed)
    .venv/bin/python bench/load.py load --workdir /tmp/load          # stepped arrival rates
    .venv/bin/python bench/load.py soak --workdir /tmp/load --rate 50 --minutes 10

The server is the production start of scripts/serve-production.sh — gunicorn (``--workers``/``--threads``)
with config.settings.production, WhiteNoise, and the search worker, the task worker and the scheduler as
processes of their own — on loopback (127.0.0.1 only), on the SQLite database of ``--workdir`` (or
``--database-url``, e.g. the development PostgreSQL) holding the full demo (``manage.py load_demo``).

Traffic: locust (as a library, headless, in this process) plays portal readers: the home page, the unit
list, unit and catalogue pages, entry pages, searches in Chinese with and without a facet (domain, year),
and the RSS feeds. The URLs are found by crawling the portal before the run (untimed). After each step the
same mix at the same rate comes from plain threads (``http.client``, keep-alive, a process of its own):
what the server answers without locust's client in the way.

Fixed arrival rates: each user asks one page a second from a random moment of its first second on
(``Reader``), so the offered rate is the number of users, spread over the second; a step runs
``--step-seconds`` after a short ramp, and records the achieved rate, errors, p50/p95/p99 (locust's
histogram: two significant digits), how evenly requests began (``arrivals``), the CPU seconds of
locust itself and of the server's processes, and the load average. Stepping stops at the first step whose
p95 exceeds ``--stop-p95`` ms or whose error ratio exceeds 5 %. The soak holds one rate for ``--minutes``
and samples the resident memory (RSS) of every gunicorn worker and the p50/p95 of about the last 10 s every 10 s.

Everything is bounded in time and stops by itself; the server is stopped at the end. Writes
bench/results/load-<date>.json or soak-<date>.json (``--json`` to override).
"""

import argparse
import datetime
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
WORDS = ["财政", "预算", "村务", "财务", "公示", "通知", "党委", "低保", "补贴", "收支", "会议", "管理", "三公",
         "政策", "公开", "示范县", "决算", "解读", "项目", "资金"]
DOMAINS = ["government", "party", "village"]
YEARS = ["2025", "2026"]
SKIP = re.compile(r"^/(static|media|admin|graphql|search|feeds|applications|feedback|consultations|text-size|"
                  r"documents|sitemap|robots|units/[^/]+/board)")


def server_env(args) -> dict:
    workdir = Path(args.workdir)
    key_file = workdir / "secret_key"
    if not key_file.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "TEST_DATABASE_NAME", "DEBUG"}}
    env.update({"DISCLOSURE_ENV": "production", "VAR_DIR": str(workdir), "SECRET_KEY": key_file.read_text().strip(),
                "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
                "ALLOWED_HOSTS": "127.0.0.1", "SEARCH_BACKEND": "embedded",
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "BIND": f"127.0.0.1:{args.port}",
                "WEB_WORKERS": str(args.workers), "WEB_THREADS": str(args.threads), "ACCESS_LOG": "/dev/null",
                "DATABASE_CONN_MAX_AGE": str(args.conn_max_age)})
    return env


def prepare(args) -> None:
    env = server_env(args)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "--password", "demo-password-2026", "-v0"],
                    ["search_rebuild"], ["collectstatic", "--noinput", "-v0"]):
        started = time.perf_counter()
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=3600)
        print(f"{command[0]}: {time.perf_counter() - started:.0f} s", flush=True)


class Server:
    """The four processes of scripts/serve-production.sh, each started as its systemd unit would."""

    def __init__(self, args):
        self.env = server_env(args)
        self.base = f"http://127.0.0.1:{args.port}"
        self.log = open(Path(args.workdir) / "server.log", "a")
        self.processes = []

    def __enter__(self):
        # As after an upgrade (docs/deploy.md): migrate and collect static files before the processes start.
        subprocess.run(["bash", "scripts/serve-production.sh", "prepare"], cwd=ROOT, env=self.env, stdout=self.log,
                       stderr=subprocess.STDOUT, check=True, timeout=1800)
        for word in ("web", "search-worker", "task-worker", "scheduler"):
            self.processes.append(subprocess.Popen(
                ["bash", "scripts/serve-production.sh", word], cwd=ROOT, env=self.env, stdout=self.log,
                stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(self.base + "/robots.txt", timeout=10).read()
                return self
            except OSError:
                if time.monotonic() > deadline or self.processes[0].poll() is not None:
                    self.__exit__()
                    raise SystemExit("the server did not start: see server.log in the workdir")
                time.sleep(1)

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.log.close()

    def gunicorn_workers(self):
        import psutil

        return psutil.Process(self.processes[0].pid).children()

    def cpu_seconds(self) -> float:
        import psutil

        total = 0.0
        for process in self.processes:
            try:
                parent = psutil.Process(process.pid)
                for member in [parent, *parent.children(recursive=True)]:
                    times = member.cpu_times()
                    total += times.user + times.system
            except psutil.NoSuchProcess:
                continue
        return total


def crawl(base: str, limit_units: int = 40) -> dict:
    """The portal's URLs by kind, found by following its links (untimed)."""

    def links(path):
        try:
            with urllib.request.urlopen(base + urllib.parse.quote(path), timeout=60) as response:
                html = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:  # a link the portal shows but answers otherwise: not a reader's page
            print(f"crawl: {path} answered {error.code}", file=sys.stderr)
            return []
        return [urllib.parse.unquote(href) for href in re.findall(r'href="(/[^"#?]*)"', html)]

    units = sorted({h for h in links("/units/") if re.fullmatch(r"/units/[^/]+/", h)})
    catalogues, pages = set(), set()
    for unit in units[:limit_units]:
        for href in links(unit):
            if re.fullmatch(r"/units/[^/]+/(government|party|village)/", href):
                catalogues.add(href)
            elif not SKIP.match(href) and href.count("/") > 2 and not href.startswith("/units/"):
                pages.add(href)
    for catalogue in sorted(catalogues)[:limit_units]:
        for href in links(catalogue):
            if not SKIP.match(href) and not href.startswith("/units/") and href.count("/") > 2:
                pages.add(href)
    # Rows lead to entries: follow some of them.
    for page in sorted(pages)[:60]:
        for href in links(page):
            if not SKIP.match(href) and not href.startswith("/units/") and href.count("/") > 3:
                pages.add(href)
    feeds = [f"/feeds/{domain}.xml" for domain in DOMAINS] + [unit + "feed.xml" for unit in units[:10]]
    quoted = {"units": units, "catalogues": sorted(catalogues), "pages": sorted(pages), "feeds": feeds}
    return {kind: [urllib.parse.quote(path) for path in paths] for kind, paths in quoted.items()}


# Answers by the portal's X-Portal-Cache header ("hit", "miss", or "" for a page it does not keep), per step.
CACHE_ANSWERS = Counter()
# When each request of this step began (time.monotonic()), to show how evenly the requests arrived.
BEGUN = []
# The readers' mix: (weight, name) — home 10 %, unit list 5 %, unit 10 %, catalogue 15 %, entry or row 35 %,
# search 10 %, search with a facet 8 %, feeds 7 %.
MIX = [(10, "home"), (5, "units"), (10, "unit"), (15, "catalogue"), (35, "entry or row"), (10, "search"),
       (8, "search with facet"), (7, "feed")]


def reader_request(urls, rng=random) -> tuple[str, str]:
    """One reader's request drawn from MIX: (name, path with its query)."""
    name = rng.choices([name for _, name in MIX], weights=[weight for weight, _ in MIX])[0]
    params = {}
    if name.startswith("search"):
        params["q"] = rng.choice(WORDS)
        if name == "search with facet":
            if rng.random() < 0.5:
                params["domain"] = rng.choice(DOMAINS)
            else:
                params["year"] = rng.choice(YEARS)
    path = {"home": "/", "units": "/units/", "search": "/search/", "search with facet": "/search/"}.get(name)
    if path is None:
        kind = {"unit": "units", "catalogue": "catalogues", "entry or row": "pages", "feed": "feeds"}[name]
        path = rng.choice(urls[kind])
    return name, path + ("?" + urllib.parse.urlencode(params) if params else "")


def make_user(urls):
    import gevent
    from locust import FastHttpUser, task

    class Reader(FastHttpUser):
        """A portal reader asking one page a second, from a random moment of its first second on.

        Not locust's ``constant_throughput(1)``: its pace is anchored on the moment a user is created,
        and a local runner creates all the users a step adds at once, so every user asked within the
        same few milliseconds of each second — up to 84 requests in 10 ms on six server threads (the
        ``arrivals`` of a step count them; docs/benchmarks.md «Load and soak»). Independent readers
        arrive spread over the second, as the plain client's threads do.
        """

        host = ""

        def on_start(self):
            gevent.sleep(random.random())
            self.next_due = time.perf_counter()

        def wait_time(self):
            # A request that overran its second is not made up for: the next one is due now.
            now = time.perf_counter()
            self.next_due = max(self.next_due + 1.0, now)
            return self.next_due - now

        @task
        def read(self):
            name, path = reader_request(urls)
            BEGUN.append(time.monotonic())
            response = self.client.get(path, name=name)
            CACHE_ANSWERS[(response.headers or {}).get("X-Portal-Cache", "")] += 1

    return Reader


def plain_client(base: str, urls: dict, rate: int, seconds: float, threads: int = 40) -> dict:
    """The same mix at the same fixed rate from plain threads with keep-alive connections (http.client, no
    gevent): what the server answers without locust's client in the way. Run in a process of its own
    (``load.py plain``), since locust's gevent patches this one's threads and sockets."""
    import http.client
    import threading

    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    times, begun, failures, lock = [], [], Counter(), threading.Lock()
    started = time.monotonic()

    def reader(number):
        rng = random.Random(number)
        connection = http.client.HTTPConnection(host, port, timeout=60)
        interval = threads / rate
        due = time.perf_counter() + rng.random() * interval
        end = time.perf_counter() + seconds
        while due < end:
            time.sleep(max(0.0, due - time.perf_counter()))
            _, path = reader_request(urls, rng)
            began = time.perf_counter()
            moment = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as error:
                status, connection = type(error).__name__, http.client.HTTPConnection(host, port, timeout=60)
            with lock:
                times.append((time.perf_counter() - began) * 1000)
                begun.append(moment)
                if status != 200:
                    failures[str(status)] += 1
            due += interval

    workers = [threading.Thread(target=reader, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    times.sort()

    def percentile(q):
        return round(times[min(len(times) - 1, int(q * len(times)))], 1) if times else None

    return {"offered_rps": rate, "client": f"{threads} threads, http.client keep-alive", "requests": len(times),
            "achieved_rps": round(len(times) / elapsed, 1), "failures": dict(failures),
            "p50_ms": percentile(0.5), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99),
            "arrivals": arrivals(begun, rate)}


def arrivals(begun: list[float], rate: int) -> dict:
    """How evenly requests began: the most begun within one 10 ms slot, against the rate's mean per slot."""
    slots = Counter(int(moment * 100) for moment in begun)
    return {"mean_per_10ms": round(rate / 100, 2), "most_in_one_10ms": max(slots.values(), default=0)}


def cache_answers() -> dict:
    """This step's answers by the portal's cache: kept pages answered (hit), rendered and kept (miss), not
    kept (feeds, and anything but a 200)."""
    hit, miss = CACHE_ANSWERS["hit"], CACHE_ANSWERS["miss"]
    return {"hit": hit, "miss": miss, "not_kept": CACHE_ANSWERS[""],
            "hit_ratio_of_kept": round(hit / (hit + miss), 3) if hit + miss else None}


def figures(stats, seconds: float) -> dict:
    total = stats.total
    by_name = {}
    for (name, _method), entry in sorted(stats.entries.items()):
        by_name[name] = {"requests": entry.num_requests, "failures": entry.num_failures,
                         "p50_ms": entry.get_response_time_percentile(0.5),
                         "p95_ms": entry.get_response_time_percentile(0.95)}
    return {"requests": total.num_requests, "failures": total.num_failures,
            "achieved_rps": round(total.num_requests / seconds, 1),
            "p50_ms": total.get_response_time_percentile(0.5), "p95_ms": total.get_response_time_percentile(0.95),
            "p99_ms": total.get_response_time_percentile(0.99), "max_ms": round(total.max_response_time or 0, 1),
            "errors": {f"{error.name}: {error.error}"[:200]: error.occurrences for error in stats.errors.values()},
            "pages": by_name}


def header(args, kind: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.harness import git_commit
    from bench.search_bench import machine

    return {"kind": kind, "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "commit": git_commit(), "machine": machine(), "cores": os.cpu_count(),
            "database": "postgresql" if (args.database_url or "").startswith("postgres") else "sqlite",
            "server": {"database_conn_max_age": args.conn_max_age,
                       "gunicorn_workers": args.workers, "threads_per_worker": args.threads,
                       "worker_class": "gthread", "settings": "config.settings.production",
                       "static": "WhiteNoise", "search": "embedded (tantivy)",
                       "portal_cache": "production default: Django's file cache under VAR_DIR shared by the "
                                       "workers; a kept page lives until a change or PORTAL_SERVER_CACHE_SECONDS",
                       "processes": ["gunicorn", "search_worker", "db_worker", "publish_due_entries loop"]},
            "client": "locust FastHttpUser, one request a second per user from a random phase (Reader), one locust "
                      "process on the same machine",
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def plain_step(args, server, urls, rate: int) -> dict:
    """The same rate right after a locust step, from plain threads in a process of their own: what the
    server answers without locust's client in the way (same cache, same pages)."""
    cpu_server, started = server.cpu_seconds(), time.monotonic()
    answer = subprocess.run(
        [PYTHON, __file__, "plain", "--workdir", args.workdir, "--base", server.base, "--rate", str(rate),
         "--step-seconds", str(args.step_seconds)],
        input=json.dumps(urls), capture_output=True, text=True, check=True, timeout=600)
    plain = json.loads(answer.stdout)
    plain["server_cpu_share"] = round((server.cpu_seconds() - cpu_server) / (time.monotonic() - started), 2)
    return plain


def run_steps(args) -> dict:
    import gevent
    import psutil
    from locust.env import Environment

    results = header(args, "load")
    me = psutil.Process()
    shutil.rmtree(Path(args.workdir) / "cache", ignore_errors=True)  # every run starts with no kept page
    with Server(args) as server:
        urls = crawl(server.base)
        results["urls"] = {kind: len(found) for kind, found in urls.items()}
        environment = Environment(user_classes=[make_user(urls)], host=server.base)
        runner = environment.create_local_runner()
        steps = []
        for rate in args.steps:
            runner.start(rate, spawn_rate=rate)  # each new user then waits a random part of a second (Reader)
            gevent.sleep(args.ramp)
            environment.stats.reset_all()
            CACHE_ANSWERS.clear()
            BEGUN.clear()
            cpu_me, cpu_server, started = sum(me.cpu_times()[:2]), server.cpu_seconds(), time.monotonic()
            gevent.sleep(args.step_seconds)
            seconds = time.monotonic() - started
            step = {"offered_rps": rate, "seconds": round(seconds, 1), **figures(environment.stats, seconds),
                    "locust_cpu_share": round((sum(me.cpu_times()[:2]) - cpu_me) / seconds, 2),
                    "server_cpu_share": round((server.cpu_seconds() - cpu_server) / seconds, 2),
                    "load_average": [round(x, 2) for x in os.getloadavg()],
                    "portal_cache": cache_answers(), "arrivals": arrivals(BEGUN, rate)}
            steps.append(step)
            print(json.dumps({k: v for k, v in step.items() if k != "pages"}, ensure_ascii=False), flush=True)
            if args.plain_check:
                runner.stop()
                step["plain_client"] = plain_step(args, server, urls, rate)
                print("plain client:", json.dumps(step["plain_client"], ensure_ascii=False), flush=True)
            if step["p95_ms"] > args.stop_p95 or step["failures"] > 0.05 * max(step["requests"], 1):
                break
        runner.quit()
        results["steps"] = steps
    good = [s for s in steps
            if s["failures"] == 0 and s["p95_ms"] <= 100 and s["achieved_rps"] >= 0.9 * s["offered_rps"]]
    results["highest_rate_0_errors_p95_le_100ms"] = max((s["offered_rps"] for s in good), default=None)
    plain = [s["plain_client"] for s in steps if "plain_client" in s]
    good = [s for s in plain
            if not s["failures"] and s["p95_ms"] <= 100 and s["achieved_rps"] >= 0.9 * s["offered_rps"]]
    results["plain_client_highest_rate_0_errors_p95_le_100ms"] = max((s["offered_rps"] for s in good), default=None)
    results["goal_rps"] = 200
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def run_soak(args) -> dict:
    import gevent
    import psutil
    from locust.env import Environment

    results = header(args, "soak")
    results.update({"rate_rps": args.rate, "minutes": args.minutes, "sample_seconds": 10})
    with Server(args) as server:
        urls = crawl(server.base)
        environment = Environment(user_classes=[make_user(urls)], host=server.base)
        runner = environment.create_local_runner()
        runner.start(args.rate, spawn_rate=args.rate)
        gevent.sleep(5)
        environment.stats.reset_all()
        samples, started = [], time.monotonic()
        last_requests = last_failures = 0
        while time.monotonic() - started < args.minutes * 60:
            gevent.sleep(10)
            rss = {}
            for worker in server.gunicorn_workers():
                try:
                    rss[worker.pid] = round(worker.memory_info().rss / 2**20, 1)
                except psutil.NoSuchProcess:
                    continue
            total = environment.stats.total
            samples.append({"t": round(time.monotonic() - started), "worker_rss_mib": rss,
                            "requests": total.num_requests - last_requests,
                            "failures": total.num_failures - last_failures,
                            # locust's window of about the last 10 s: when in the run the slow answers came
                            "p50_ms_last_10s": total.get_current_response_time_percentile(0.5),
                            "p95_ms_last_10s": total.get_current_response_time_percentile(0.95),
                            "load_average": round(os.getloadavg()[0], 2)})
            last_requests, last_failures = total.num_requests, total.num_failures
            BEGUN.clear()  # the soak keeps no arrivals: the list would grow for the whole run
            print(json.dumps(samples[-1]), flush=True)
        seconds = time.monotonic() - started
        results["totals"] = figures(environment.stats, seconds)
        runner.quit()
    results["samples"] = samples
    first = [sum(s["worker_rss_mib"].values()) for s in samples[:12]]
    last = [sum(s["worker_rss_mib"].values()) for s in samples[-12:]]
    pids = {pid for s in samples for pid in s["worker_rss_mib"]}
    results["memory"] = {
        "workers_seen": len(pids),
        "sum_rss_first_2min_mib": round(sorted(first)[len(first) // 2], 1) if first else None,
        "sum_rss_last_2min_mib": round(sorted(last)[len(last) // 2], 1) if last else None,
        "per_worker_first_last_mib": {
            pid: [next(s["worker_rss_mib"][pid] for s in samples if pid in s["worker_rss_mib"]),
                  next(s["worker_rss_mib"][pid] for s in reversed(samples) if pid in s["worker_rss_mib"])]
            for pid in sorted(pids)}}
    if first and last:
        growth = results["memory"]["sum_rss_last_2min_mib"] - results["memory"]["sum_rss_first_2min_mib"]
        results["memory"]["growth_mib"] = round(growth, 1)
        results["memory"]["growth_percent"] = round(100 * growth / results["memory"]["sum_rss_first_2min_mib"], 1)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["prepare", "load", "soak", "plain"])
    parser.add_argument("--base", default="", help="plain: the server's address")
    parser.add_argument("--no-plain-check", dest="plain_check", action="store_false",
                        help="load: skip the same rates from a plain threaded client after the locust steps")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE (docs/deploy.md)")
    parser.add_argument("--steps", default="5,10,15,20,25,35,50,75,100,150,200,300")
    parser.add_argument("--step-seconds", type=float, default=30)
    parser.add_argument("--ramp", type=float, default=5)
    parser.add_argument("--stop-p95", type=float, default=1000)
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    args.port = args.port or free_port()
    args.steps = [int(x) for x in args.steps.split(",")]
    if args.mode == "prepare":
        prepare(args)
        return
    if args.mode == "plain":  # one step of the plain client; the URLs come on stdin, the figures go to stdout
        print(json.dumps(plain_client(args.base, json.load(sys.stdin), args.rate, args.step_seconds)))
        return
    results = run_steps(args) if args.mode == "load" else run_soak(args)
    day = datetime.date.today().isoformat()
    path = Path(args.json) if args.json else RESULTS / f"{args.mode}-{day}.json"
    text = json.dumps(results, ensure_ascii=False, indent=1)
    path.write_text(text)
    print(f"written: {path}")


if __name__ == "__main__":
    main()
