"""Analysing many documents in worker processes, for rebuilds.

Analysis is CPU work that mostly holds the GIL (rjieba releases it while it segments, but
normalising, filtering its tokens and cutting grams are Python, most of the time: docs/search.md
«Rebuild»), so a rebuild analysing in the process that writes the index uses one core. An :class:`AnalysisPool` hands batches of
documents to worker processes and returns their analysed forms (:func:`search.schema.indexed_form`)
in the order they were submitted; the calling process keeps the database connection and the one
index writer. Workers are started by a *forkserver* (a clean process), never forked from a
process holding a database connection or the index writer's threads.
"""

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from . import analysis
from .schema import EntryDocument, indexed_form

# Below this many entries a rebuild analyses in its own process (starting workers costs ~1 s).
PARALLEL_FROM = 2000


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def analyse_batch(documents: list[EntryDocument]) -> tuple[list[dict], dict[int, str]]:
    """Analysed forms of the documents, and the error of each malformed one (by id)."""
    forms, errors = [], {}
    for document in documents:
        try:
            forms.append(indexed_form(document))
        except Exception as exc:  # one malformed document must not hold up the others
            document_id = document.get("id") if isinstance(document, dict) else None
            errors[document_id] = f"{type(exc).__name__}: {exc}"
    return forms, errors


def _start_worker():
    analysis.segmenter()  # load the dictionary once per worker, before the first batch


class AnalysisPool:
    """``processes`` worker processes analysing documents; with 1, analysis runs in this process.

    Use as a context manager; :meth:`submit` splits a batch between the workers and returns one
    future per piece, each resolving to ``(forms, errors)`` as :func:`analyse_batch` does.
    """

    def __init__(self, processes: int = 1):
        if not isinstance(processes, int) or processes < 1:
            raise ValueError(f"the number of analysis processes must be a positive integer, not {processes!r}")
        self.processes = processes
        self._executor = None
        if processes > 1:
            self._executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("forkserver"),
                                                 initializer=_start_worker)

    def submit(self, documents: Iterable[EntryDocument]) -> list[Future]:
        documents = list(documents)
        if self._executor is None:
            future: Future = Future()
            future.set_result(analyse_batch(documents))
            return [future]
        size = max(1, -(-len(documents) // self.processes))
        return [self._executor.submit(analyse_batch, documents[start:start + size])
                for start in range(0, len(documents), size)]

    def close(self):
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
