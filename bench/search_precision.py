"""Search precision: what the citizen typed, as typed — measured against brute-force substring search.

Builds a synthetic corpus (bench/corpus.py) into an embedded index through the rebuild path,
draws queries from the corpus itself, and compares every answer with the truth computed by
exact substring matching on the normalised texts (NFKC, lower case) of title, summary,
keywords, body, attachments and document number:

* a query part matches an entry when one of its texts contains it; a part starting or ending
  with an ASCII letter or digit must not continue a longer run there (2026 is not in 20261);
* parts separated by spaces must all match; a part with synonyms (search/data/synonyms.txt)
  matches through any of them, as the search layer documents.

Query classes: ``phrase_2`` … ``phrase_8`` (substrings of that many characters at random
positions, no whitespace, not cutting a digit or letter run, not starting or ending with
sentence punctuation), ``two_part`` (two such substrings of one entry, separated by a space),
``number`` (numbers, dates, document numbers, units, percentages and telephone numbers as they
appear in the texts: 2026年, 7月25日, 〔2026〕12号, 12.5万元, 43%, 0571-81234567, 2026).

Per class: recall (every entry the truth has, among all the engine finds), precision@10,
R-precision (R = size of the truth, at most 100), exact total (``SearchResults.total`` equals
the truth's size) and latency with all four facets and highlights.

Usage::

    .venv/bin/python bench/search_precision.py --count 30000 --queries 1200
    .venv/bin/python bench/search_precision.py --count 100000 --queries 300   # p95 at 100k
"""

import argparse
import bisect
import datetime
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(USE_I18N=False)

from bench.corpus import generate  # noqa: E402
from bench.harness import git_commit, interleaved, report  # noqa: E402
from bench.search_bench import build_tantivy, machine, percentile  # noqa: E402
from search.analysis import normalise  # noqa: E402
from search.backends.embedded import TantivySearchBackend  # noqa: E402
from search.parallel import available_cores  # noqa: E402
from search.synonyms import alternatives  # noqa: E402
from search.types import FACETS, Grant, Reader, SearchQuery  # noqa: E402

FIELDS = ("title", "summary", "keywords", "body", "attachments", "document_number")
EVERYONE = Reader((Grant("all_members"), Grant("unit_members"), Grant("specific")))
# Sentence punctuation a query does not start or end with (the search layer trims it).
SENTENCE = set("，。、；：！？,.;:!?\"'“”‘’「」『』…·")
ASCII = re.compile("[0-9a-z]")
NUMBER_PATTERNS = [
    re.compile(r"\d{4}年"), re.compile(r"\d{1,2}月\d{1,2}日"), re.compile(r"〔\d{4}〕\d+号"),
    re.compile(r"\d+\.\d+万元"), re.compile(r"\d+(?:\.\d+)?%"), re.compile(r"\d{4}-\d{7,8}"),
    re.compile(r"\d+户"), re.compile(r"(?<![\d.])\d{4}(?![\d.])"),
]


class Truth:
    """Brute-force substring search over every entry's normalised texts."""

    def __init__(self, documents):
        chunks, self.starts, self.ids, position = [], [], [], 0
        for doc in documents:
            text = "\x00" + "\x01".join(normalise(doc.get(name) or "") for name in FIELDS)
            self.starts.append(position)
            self.ids.append(doc["id"])
            chunks.append(text)
            position += len(text)
        self.text = "".join(chunks)

    def containing(self, part: str) -> set[int]:
        """Ids of the entries containing the part (ASCII runs not cut)."""
        text, found, start = self.text, set(), 0
        left, right = bool(ASCII.match(part[0])), bool(ASCII.match(part[-1]))
        while True:
            index = text.find(part, start)
            if index < 0:
                return found
            end = index + len(part)
            if (left and ASCII.match(text[index - 1])) or (right and end < len(text) and ASCII.match(text[end])):
                start = index + 1
                continue
            slot = bisect.bisect_right(self.starts, index) - 1
            found.add(self.ids[slot])
            start = self.starts[slot + 1] if slot + 1 < len(self.starts) else len(text)

    def matching(self, query: str) -> set[int]:
        result = None
        for part in normalise(query).split():
            found = set()
            for alternative in alternatives(part):
                found |= self.containing(alternative)
            result = found if result is None else result & found
        return result or set()


def _substring(rng, documents, length) -> str | None:
    doc = rng.choice(documents)
    texts = [normalise(doc.get(name) or "") for name in FIELDS]
    text = rng.choice([t for t in texts if len(t) >= length] or [""])
    if len(text) < length:
        return None
    start = rng.randrange(len(text) - length + 1)
    piece = text[start:start + length]
    if any(c.isspace() for c in piece) or piece[0] in SENTENCE or piece[-1] in SENTENCE:
        return None
    if not re.search(r"[^\W_]", piece):
        return None
    if (ASCII.match(piece[0]) and start > 0 and ASCII.match(text[start - 1])) or (
            ASCII.match(piece[-1]) and start + length < len(text) and ASCII.match(text[start + length])):
        return None
    return piece


def draw_queries(documents, per_class: int, seed: int = 17) -> list[tuple[str, str]]:
    """(class, text) pairs drawn from the corpus."""
    rng = random.Random(seed)
    queries = []
    for length in range(2, 9):
        drawn = 0
        while drawn < per_class:
            piece = _substring(rng, documents, length)
            if piece:
                queries.append((f"phrase_{length}", piece))
                drawn += 1
    drawn = 0
    while drawn < per_class:
        doc = rng.choice(documents)
        one, two = (_substring(random.Random(rng.random()), [doc], rng.randint(2, 6)) for _ in range(2))
        if one and two and one != two:
            queries.append(("two_part", f"{one} {two}"))
            drawn += 1
    drawn = 0
    while drawn < per_class:
        doc = rng.choice(documents)
        text = normalise(rng.choice([doc["body"], doc["title"], doc["document_number"], doc["attachments"]]))
        found = [m.group() for pattern in NUMBER_PATTERNS for m in pattern.finditer(text)]
        if found:
            queries.append(("number", rng.choice(found)))
            drawn += 1
    return queries


def all_ids(backend: TantivySearchBackend, text: str) -> tuple[int, set[int]]:
    """The total reported and every id the engine matches (read through the index, unpaged)."""
    first = backend.search(SearchQuery(text, reader=EVERYONE, limit=1, highlight=False, suggest=False))
    if not first.total:
        return 0, set()
    ids, offset = set(), 0
    while offset < first.total and offset < 10_000:
        page = backend.search(SearchQuery(text, reader=EVERYONE, offset=offset, limit=100, highlight=False,
                                          suggest=False))
        ids.update(hit.id for hit in page.hits)
        offset += 100
    return first.total, ids


def evaluate(backend, truth: Truth, queries, full_recall_up_to: int) -> dict:
    rows = defaultdict(lambda: defaultdict(list))
    examples = defaultdict(list)
    for kind, text in queries:
        expected = truth.matching(text)
        results = backend.search(SearchQuery(text, reader=EVERYONE, limit=100, facets=FACETS))
        ranked = [hit.id for hit in results.hits]
        row = rows[kind]
        row["exact_total"].append(results.total == len(expected))
        if results.total != len(expected) and len(examples[kind]) < 5:
            examples[kind].append({"query": text, "total": results.total, "truth": len(expected)})
        if expected:
            top = ranked[:10]
            row["precision_at_10"].append(sum(i in expected for i in top) / len(top) if top else 0.0)
            r = min(len(expected), 100)
            row["r_precision"].append(sum(i in expected for i in ranked[:r]) / r)
            if len(expected) <= full_recall_up_to:
                _total, found = all_ids(backend, text)
                row["recall"].append(len(expected & found) / len(expected))
                row["recall_queries"].append(1)
        elif ranked:
            row["precision_at_10"].append(0.0)
    summary = {}
    for kind, row in sorted(rows.items()):
        summary[kind] = {
            "queries": len(row["exact_total"]),
            "recall": round(statistics.fmean(row["recall"]), 4) if row["recall"] else None,
            "recall_queries": len(row["recall_queries"]),
            "precision_at_10": round(statistics.fmean(row["precision_at_10"]), 4) if row["precision_at_10"] else None,
            "r_precision": round(statistics.fmean(row["r_precision"]), 4) if row["r_precision"] else None,
            "exact_total_share": round(sum(row["exact_total"]) / len(row["exact_total"]), 4),
            "wrong_totals": examples[kind],
        }
    every = [v for row in rows.values() for v in row["exact_total"]]
    summary["all"] = {"queries": len(every), "exact_total_share": round(sum(every) / len(every), 4),
                      "precision_at_10": round(statistics.fmean(
                          [v for row in rows.values() for v in row["precision_at_10"]]), 4),
                      "recall": round(statistics.fmean([v for row in rows.values() for v in row["recall"]]), 4)}
    return summary


def latency(backend, queries, runs: int) -> dict:
    """Per query with all four facets, highlights and snippets, top 10: wall clock and CPU time of the
    process (all threads; leaves out waiting for a core on a shared machine), percentiles of all runs."""
    per_class = defaultdict(list)
    wall, cpu = [], []
    for run in range(runs):
        order = list(queries)
        random.Random(run).shuffle(order)
        for kind, text in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            backend.search(SearchQuery(text, facets=FACETS, limit=10))
            elapsed = (time.perf_counter() - started) * 1000
            per_class[kind].append(elapsed)
            wall.append(elapsed)
            cpu.append((time.process_time() - started_cpu) * 1000)
    out = {kind: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2)}
           for kind, v in sorted(per_class.items())}
    out["all"] = {"p50": round(percentile(wall, 50), 2), "p95": round(percentile(wall, 95), 2),
                  "p99": round(percentile(wall, 99), 2), "cpu_p50": round(percentile(cpu, 50), 2),
                  "cpu_p95": round(percentile(cpu, 95), 2), "searches": len(wall),
                  "load_average": os.getloadavg()[0]}
    return out


def proximity_cost(backend, queries, runs: int) -> dict:
    """What the proximity tiers cost (search.backends.base ADJACENT_FRACTION, PROXIMITY_TIERS): the two-part queries with and
    without them, taking turns query by query (bench.harness.interleaved), CPU and wall p50/p95."""
    from search.backends import embedded

    two_part = [text for kind, text in queries if kind == "two_part"]
    shipped = (embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS)

    def run(with_tiers):
        def call(number):
            embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS = shipped if with_tiers else (0.0, ())
            try:
                backend.search(SearchQuery(two_part[number % len(two_part)], facets=FACETS, limit=10))
            finally:
                embedded.ADJACENT_FRACTION, embedded.PROXIMITY_TIERS = shipped
        return call

    with_tiers, without = interleaved([run(True), run(False)], runs * len(two_part))
    out = {}
    for name, spent in (("with_proximity", with_tiers), ("without_proximity", without)):
        out[name] = {"p50": round(percentile(spent, 50), 2), "p95": round(percentile(spent, 95), 2)}
    out["ratio_p50"] = round(out["with_proximity"]["p50"] / out["without_proximity"]["p50"], 3)
    out["ratio_p95"] = round(out["with_proximity"]["p95"] / out["without_proximity"]["p95"], 3)
    out["queries"] = len(two_part)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=30_000)
    parser.add_argument("--queries", type=int, default=1200, help="queries in all (split evenly between classes)")
    parser.add_argument("--runs", type=int, default=3, help="latency runs over the queries")
    parser.add_argument("--full-recall-up-to", type=int, default=2000,
                        help="recall is read unpaged for queries whose truth has at most this many entries")
    parser.add_argument("--processes", type=int, default=available_cores())
    parser.add_argument("--skip-quality", action="store_true", help="latency only (e.g. at 100k)")
    parser.add_argument("--skip-latency", action="store_true", help="quality only")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/search-precision-<count>-<date>.json)")
    args = parser.parse_args()
    today = datetime.date.today().isoformat()
    results = {"date": today, "commit": git_commit(), "machine": machine(), "count": args.count}
    workdir = Path(tempfile.mkdtemp(prefix="search-precision-"))
    try:
        started = time.perf_counter()
        documents = list(generate(args.count))
        results["corpus_seconds"] = round(time.perf_counter() - started, 1)
        results["build"] = build_tantivy(workdir / "tantivy", documents, args.processes)
        print("build", results["build"], flush=True)
        truth = None if args.skip_quality else Truth(documents)
        queries = draw_queries(documents, max(1, args.queries // 9))
        results["queries"] = len(queries)
        backend = TantivySearchBackend(workdir / "tantivy")
        if not args.skip_quality:
            started = time.perf_counter()
            results["quality"] = evaluate(backend, truth, queries, args.full_recall_up_to)
            results["quality_seconds"] = round(time.perf_counter() - started, 1)
            print("quality", results["quality"]["all"], flush=True)
        if not args.skip_latency:
            results["latency_ms"] = latency(backend, queries, args.runs)
            print("latency", results["latency_ms"]["all"], flush=True)
            results["proximity_cost_ms"] = proximity_cost(backend, queries, args.runs)
            print("proximity", results["proximity_cost_ms"], flush=True)
        backend.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    path = args.json or ROOT / "bench" / "results" / f"search-precision-{args.count}-{today}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report(results, path)


if __name__ == "__main__":
    main()
