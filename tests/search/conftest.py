"""Backends for the search tests: tantivy always, Elasticsearch when ELASTICSEARCH_URL is set."""

import os
import secrets
from contextlib import contextmanager
from pathlib import Path

import pytest

from search.backends.embedded import TantivySearchBackend

from .corpus import DOCS

BACKENDS = ["embedded", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


def make_backend(kind: str, tmp_path_factory):
    """A new, empty backend of the given kind, isolated from every other test."""
    if kind == "embedded":
        return TantivySearchBackend(tmp_path_factory.mktemp("index"))
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no live Elasticsearch")
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    return ElasticsearchSearchBackend(url, prefix=f"test-{secrets.token_hex(4)}", replicas=0)


def dispose(backend):
    if backend.name == "elasticsearch":
        backend.delete_all_indices()
    backend.close()


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_backend(request, tmp_path_factory):
    """A backend holding the whole test corpus (read-only: tests must not write to it)."""
    backend = make_backend(request.param, tmp_path_factory)
    backend.index_documents(DOCS)
    backend.refresh()
    yield backend
    dispose(backend)


@pytest.fixture(params=BACKENDS)
def empty_backend(request, tmp_path_factory):
    """A fresh backend per test, for tests that write."""
    backend = make_backend(request.param, tmp_path_factory)
    yield backend
    dispose(backend)


@contextmanager
def dictionary_with_extra_term(directory: Path, term: str = "城南县"):
    """The project dictionary plus one term, as after an edit of dictionary.txt; yields the old hash."""
    from search import analysis

    original_path, original_hash = analysis.DICTIONARY_PATH, analysis.dictionary_hash()
    path = directory / "dictionary.txt"
    path.write_text(original_path.read_text(encoding="utf-8") + f"\n{term}\n", encoding="utf-8")
    analysis.DICTIONARY_PATH = path
    analysis.reload_dictionary()
    try:
        yield original_hash
    finally:
        analysis.DICTIONARY_PATH = original_path
        analysis.reload_dictionary()


@pytest.fixture
def changed_dictionary(tmp_path):
    with dictionary_with_extra_term(tmp_path) as original_hash:
        yield original_hash
