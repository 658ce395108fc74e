"""Search benchmark: tantivy (the embedded backend) against SQLite FTS5 on the same tokens.

Measures, on a synthetic corpus (bench/corpus.py):

* full rebuild (analysis + indexing, no database fetch) and index size;
* search latency with filters, all four facets and highlights (p50/p95/p99 per run, median of
  runs), excluding the database fetch the portal does afterwards;
* the same queries on SQLite FTS5 over the same pre-analysed tokens, as a baseline ratio.

Usage::

    .venv/bin/python bench/search_bench.py --count 100000 --runs 5
    .venv/bin/python bench/search_bench.py --count 1000000 --runs 3 --skip-fts   # long
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(USE_I18N=False)

from bench.corpus import QUERY_TEXTS, generate, organisations  # noqa: E402
from bench.harness import git_commit, interleaved, report  # noqa: E402
from search import highlight  # noqa: E402
from search.parallel import AnalysisPool, available_cores  # noqa: E402
from search.backends.embedded import TantivySearchBackend  # noqa: E402
from search.query import prepare  # noqa: E402
from search.types import FACETS, Grant, Reader, SearchQuery  # noqa: E402

CHUNK = 2000


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import rjieba  # noqa: F401
    import tantivy
    from importlib.metadata import version
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "load_average_at_start": os.getloadavg()[0],
            "python": platform.python_version(),
            "os": platform.platform(), "tantivy": tantivy.__version__, "rjieba": version("rjieba"),
            "sqlite": sqlite3.sqlite_version}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values, q):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def make_queries(count: int, seed: int = 7) -> list[SearchQuery]:
    """Queries as a portal sends them: text, often a filter, always all facets and highlights."""
    rng = random.Random(seed)
    orgs = organisations()
    townships = [pk for pk, (_n, _a, kind) in orgs.items() if kind == "township"]
    queries = []
    for _ in range(count):
        options = {"facets": FACETS, "limit": 10}
        if rng.random() < 0.5:
            options["domains"] = (rng.choice(["government", "village", "party"]),)
        if rng.random() < 0.3:
            options["organisation_ids"] = (rng.choice(townships),)
            options["organisation_subtree"] = True
        if rng.random() < 0.3:
            year = rng.randint(2019, 2025)
            options["published_from"] = datetime.date(year, 1, 1)
            options["published_to"] = datetime.date(year + 1, 6, 30)
        if rng.random() < 0.2:
            options["sort"] = "date"
        if rng.random() < 0.1:
            options["reader"] = Reader((Grant("all_members"),))
        queries.append(SearchQuery(rng.choice(QUERY_TEXTS), **options))
    return queries


# --- tantivy ------------------------------------------------------------------------------------

def build_tantivy(path: Path, documents: list, processes: int) -> dict:
    """The backend's rebuild path: analysis in ``processes`` workers, batches written in order."""
    backend = TantivySearchBackend(path, rebuild_heap=512_000_000)
    started, started_cpu = time.perf_counter(), time.process_time()
    target = backend.begin_rebuild(resume=False)
    with AnalysisPool(processes) as pool:
        for forms in analysed(pool, documents):
            backend.index_forms(forms, target=target.name)
    backend.mark_progress(target.name, len(documents))
    backend.finish_rebuild(target.name)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    current = path / backend.current_name()  # the index searched; an earlier generation may be kept beside it
    backend.close()
    return {"rebuild_seconds": round(seconds, 1), "rebuild_cpu_seconds_main_process": round(cpu, 1),
            "processes": processes, "size_mb": round(dir_size(current) / 1e6, 1), "load_average": os.getloadavg()[0]}


def analysed(pool: AnalysisPool, documents: list):
    """Analysed forms of the documents, chunk by chunk in order, two chunks analysed ahead."""
    pending = deque()
    for start in range(0, len(documents), CHUNK):
        pending.append(pool.submit(documents[start:start + CHUNK]))
        while len(pending) > 2:
            yield from _forms(pending.popleft())
    while pending:
        yield from _forms(pending.popleft())


def _forms(futures):
    for future in futures:
        forms, errors = future.result()
        if errors:
            raise RuntimeError(f"corpus documents failed analysis: {errors}")
        yield forms


def run_tantivy(path: Path, queries, runs: int) -> dict:
    backend = TantivySearchBackend(path)
    for query in queries[:50]:
        backend.search(query)  # warm up caches
    return _runs(lambda q: backend.search(q).total, queries, runs)


# (ADJACENT_FRACTION, PROXIMITY_TIERS, RESCORE_WINDOW) of search.backends.base: as shipped, a window of
# 1,000 hits, no proximity.
TIER_VARIANTS = {
    "side by side + near (slop 15), re-scoring the first 100 hits, as shipped": None,
    "the same tiers re-scoring the first 1,000 hits": (0.5, ((15, 0.2),), 1000),
    "no proximity": (0.0, (), 100),
}


def tier_variants(path: Path, queries, runs: int) -> dict:
    """The portal's queries with the proximity tiers as shipped, with a wider re-scored window, and without
    any, taking turns query by query (bench.harness.interleaved) so that the load weighs on all alike."""
    from search.backends import embedded

    backend = TantivySearchBackend(path)
    shipped = (embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS, embedded.RESCORE_WINDOW)
    for query in queries[:50]:
        backend.search(query)

    def variant(tiers):
        def call(number):
            embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS, embedded.RESCORE_WINDOW = (
                shipped if tiers is None else tiers)
            try:
                backend.search(queries[number % len(queries)])
            finally:
                embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS, embedded.RESCORE_WINDOW = shipped
        return call

    spent = interleaved([variant(tiers) for tiers in TIER_VARIANTS.values()], runs * len(queries))
    out = {name: {"p50": round(percentile(times, 50), 2), "p95": round(percentile(times, 95), 2),
                  "p99": round(percentile(times, 99), 2)} for name, times in zip(TIER_VARIANTS, spent)}
    out["queries"] = len(queries) * runs
    out["load_average"] = os.getloadavg()[0]
    backend.close()
    return out


# --- SQLite FTS5 baseline ------------------------------------------------------------------------

FTS_COLUMNS = ("title_words", "text_words", "title_grams", "summary_grams", "body_grams", "attachments_grams")
FTS_SCHEMA = f"""
CREATE VIRTUAL TABLE fts USING fts5({", ".join(FTS_COLUMNS)}, tokenize = 'unicode61', detail = 'full');
CREATE TABLE meta (id INTEGER PRIMARY KEY, domain TEXT, scope TEXT, organisation_id INT,
                   catalogue_item_id INT, year INT, published_on TEXT, title TEXT, body TEXT);
CREATE TABLE org_ancestor (doc_id INT, org_id INT);
CREATE INDEX org_ancestor_org ON org_ancestor (org_id, doc_id);
"""
# FTS5 gets the very tokens tantivy indexes (search.analysis). Grams hold punctuation (〔2, 2026., %)
# that FTS5's tokenizers would split, so every token is written as ``t`` + its UTF-8 in hex: one
# FTS5 token per analysis token, and a unit's hex is a prefix of the hex of every gram starting with it.


def fts_token(token: str) -> str:
    return "t" + token.encode().hex()


def fts_tokens(text: str) -> str:
    return " ".join(fts_token(token) for token in text.split())


def build_fts(path: Path, documents: list, processes: int) -> dict:
    started, started_cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path)
    db.executescript(FTS_SCHEMA)
    with AnalysisPool(processes) as pool:
        for forms in analysed(pool, documents):
            db.executemany(f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{', ?' * len(FTS_COLUMNS)})",
                           [(f["id"], *(fts_tokens(f[column]) for column in FTS_COLUMNS)) for f in forms])
            db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(f["id"], f["domain"], f["scope"], f["organisation_id"], f["catalogue_item_id"],
                             f["year"], f["published_on"].isoformat(), f["title"], f["body"]) for f in forms])
            db.executemany("INSERT INTO org_ancestor VALUES (?, ?)",
                           [(f["id"], org) for f in forms for org in f["organisation_ids"]])
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return {"rebuild_seconds": round(time.perf_counter() - started, 1),
            "rebuild_cpu_seconds_main_process": round(time.process_time() - started_cpu, 1),
            "processes": processes, "size_mb": round(path.stat().st_size / 1e6, 1),
            "load_average": os.getloadavg()[0]}


GRAMS_COLUMNS = "{title_grams summary_grams body_grams attachments_grams}"


def fts_phrase(phrase) -> str:
    """One phrase of the plan as FTS5 sees it: a dictionary word as its word tokens, a one-unit phrase as
    the grams starting with that unit (a prefix: for an ASCII run it also takes longer runs, which the
    engine's regex leaves out — the baseline may only find more), else the phrase of its grams."""
    if phrase.dictionary_word:
        return f'{{title_words text_words}} : {fts_token(phrase.text)}'
    if phrase.single is not None:
        return f"{GRAMS_COLUMNS} : {fts_token(phrase.single)}*"
    return f'{GRAMS_COLUMNS} : "{" ".join(fts_token(gram) for gram in phrase.grams)}"'


def fts_match(prepared) -> str:
    """An FTS5 MATCH expression with the engines' plan: every clause, each through any of its phrases."""
    return " AND ".join("(" + " OR ".join(f"({fts_phrase(phrase)})" for phrase in clause.alternatives) + ")"
                        for clause in prepared.clauses)


def fts_search(db, query: SearchQuery) -> int:
    prepared = prepare(query)
    where, params = ["fts MATCH ?"], [fts_match(prepared)]
    scopes = ["public"] + [g.scope for g in query.reader.grants]
    where.append(f"meta.scope IN ({','.join('?' * len(scopes))})")
    params += scopes
    if query.domains:
        where.append(f"meta.domain IN ({','.join('?' * len(query.domains))})")
        params += list(query.domains)
    if query.organisation_ids:
        where.append("meta.id IN (SELECT doc_id FROM org_ancestor WHERE org_id = ?)")
        params.append(query.organisation_ids[0])
    if query.published_from:
        where.append("meta.published_on BETWEEN ? AND ?")
        params += [query.published_from.isoformat(), query.published_to.isoformat()]
    db.execute("DROP TABLE IF EXISTS temp.hits")
    db.execute("CREATE TEMP TABLE hits AS SELECT meta.id AS id, bm25(fts, 10.0, 1.0, 1000.0, 100.0, 10.0, 1.0) AS rank, "
               "meta.published_on AS published_on FROM fts JOIN meta ON meta.id = fts.rowid "
               f"WHERE {' AND '.join(where)}", params)
    order = "hits.published_on DESC" if query.sort == "date" else "hits.rank"
    top = db.execute(f"SELECT meta.title, meta.body FROM hits JOIN meta USING (id) ORDER BY {order} LIMIT 10")
    top = top.fetchall()
    total = db.execute("SELECT count(*) FROM hits").fetchone()[0]
    for column in ("domain", "organisation_id", "catalogue_item_id", "year"):
        db.execute(f"SELECT meta.{column}, count(*) AS n FROM hits JOIN meta USING (id) GROUP BY 1 "
                   "ORDER BY n DESC LIMIT 20").fetchall()
    for title, body in top:
        highlight.highlight_title(title, prepared.highlight_terms)
        highlight.snippets([body], prepared.highlight_terms)
    return total


def run_fts(path: Path, queries, runs: int) -> dict:
    db = sqlite3.connect(path)
    for query in queries[:20]:
        fts_search(db, query)
    return _runs(lambda q: fts_search(db, q), queries, runs)


def same_totals(workdir: Path, queries) -> float:
    """The share of queries for which FTS5 and tantivy find as many entries: the baseline does the
    same work (the engine's plan, not a cheaper approximation of it)."""
    backend = TantivySearchBackend(workdir / "tantivy")
    db = sqlite3.connect(workdir / "fts.sqlite3")
    try:
        same = sum(backend.search(query).total == fts_search(db, query) for query in queries)
    finally:
        db.close()
        backend.close()
    return round(same / len(queries), 3)


# --- timing ---------------------------------------------------------------------------------------

def _runs(search, queries, runs: int) -> dict:
    """Wall-clock and CPU latency per query; medians over runs of each percentile.

    CPU time is the process's, all threads (the facet aggregation runs beside the top-hits search);
    it leaves out waiting for a core, which other processes on a shared machine cause.
    """
    per_run = []
    for run in range(runs):
        order = list(queries)
        random.Random(run).shuffle(order)
        wall, cpu = [], []
        for query in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            search(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        per_run.append({"p50": percentile(wall, 50), "p95": percentile(wall, 95), "p99": percentile(wall, 99),
                        "mean": statistics.fmean(wall), "cpu_p50": percentile(cpu, 50),
                        "cpu_p95": percentile(cpu, 95)})
    keys = ("p50", "p95", "p99", "mean", "cpu_p50", "cpu_p95")
    return {key: round(statistics.median(r[key] for r in per_run), 2) for key in keys} | {
        "runs": runs, "queries_per_run": len(queries), "p95_each_run": [round(r["p95"], 2) for r in per_run],
        "load_average": os.getloadavg()[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--dir", type=Path, default=None, help="where to build (default: a temporary directory)")
    parser.add_argument("--skip-fts", action="store_true")
    parser.add_argument("--tier-variants", action="store_true",
                        help="also time the queries with the former proximity tiers and with none, in turns")
    parser.add_argument("--keep", action="store_true", help="keep the indices afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="search indices already built in --dir by an earlier run (same --count)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--processes", type=int, default=available_cores(),
                        help="analysis processes in the rebuilds (default: every core)")
    args = parser.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    queries = make_queries(args.queries)
    results = {"machine": machine(), "count": args.count, "date": datetime.date.today().isoformat(),
               "commit": git_commit()}
    print(json.dumps(results["machine"], ensure_ascii=False), flush=True)
    documents = None

    def corpus() -> list:
        """The synthetic entries, generated once before any timed rebuild (they stand for the database)."""
        nonlocal documents
        if documents is None:
            started = time.perf_counter()
            documents = list(generate(args.count))
            results["corpus_seconds"] = round(time.perf_counter() - started, 1)
            print(f"generated {args.count} entries in {results['corpus_seconds']} s", flush=True)
        return documents

    try:
        if not (args.reuse and (workdir / "tantivy" / "CURRENT").exists()):
            results["tantivy_build"] = build_tantivy(workdir / "tantivy", corpus(), args.processes)
            print("tantivy build", results["tantivy_build"], flush=True)
        results["tantivy_search"] = run_tantivy(workdir / "tantivy", queries, args.runs)
        print("tantivy search ms", results["tantivy_search"], flush=True)
        if args.tier_variants:
            results["proximity_tier_variants"] = tier_variants(workdir / "tantivy", queries, args.runs)
            print("proximity tier variants ms", results["proximity_tier_variants"], flush=True)
        if not args.skip_fts:
            if not (args.reuse and (workdir / "fts.sqlite3").exists()):
                results["fts_build"] = build_fts(workdir / "fts.sqlite3", corpus(), args.processes)
                print("fts5 build", results["fts_build"], flush=True)
            results["fts_search"] = run_fts(workdir / "fts.sqlite3", queries, args.runs)
            results["fts_same_total"] = same_totals(workdir, queries[:100])
            print("same total in FTS5 and tantivy", results["fts_same_total"], flush=True)
            print("fts5 search ms", results["fts_search"], flush=True)
            results["fts_over_tantivy_p95"] = round(results["fts_search"]["p95"] / results["tantivy_search"]["p95"], 1)
            results["fts_over_tantivy_cpu_p95"] = round(
                results["fts_search"]["cpu_p95"] / results["tantivy_search"]["cpu_p95"], 1)
            print("FTS5 p95 / tantivy p95 =", results["fts_over_tantivy_p95"], flush=True)
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results, args.json)


if __name__ == "__main__":
    main()
