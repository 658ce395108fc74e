"""What is particular to the embedded (tantivy) backend: generations, one writer, readers reloading."""

import time

import pytest

import tantivy

from search.backends.embedded import TantivySearchBackend
from search.query import phrase
from search.schema import GRAM_FIELDS, SHINGLE_FIELDS, indexed_form
from search.types import IndexLocked, SearchQuery

from .corpus import DOCS
from .test_recall import recall_docs


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "search-index"


def test_first_write_creates_the_live_generation(index_dir):
    backend = TantivySearchBackend(index_dir)
    assert backend.current_name() is None and backend.metadata() is None
    backend.index_documents(DOCS[:2])
    name = backend.current_name()
    assert name.startswith("gen-") and (index_dir / name / "search-meta.json").exists()
    assert backend.metadata().documents == 2
    assert backend.size_bytes() > 0
    backend.close()


def test_a_second_process_cannot_take_the_writer(index_dir):
    owner = TantivySearchBackend(index_dir)
    owner.index_documents(DOCS[:1])
    other = TantivySearchBackend(index_dir)
    with pytest.raises(IndexLocked):
        other.index_documents(DOCS[1:2])
    owner.close()
    other.index_documents(DOCS[1:2])
    assert other.document_ids() == {1, 2}
    other.close()


def test_readers_see_commits_of_the_writer_within_the_reload_interval(index_dir):
    writer = TantivySearchBackend(index_dir)
    writer.index_documents(DOCS[:1])
    reader = TantivySearchBackend(index_dir, reload_interval=0.05)
    assert reader.search(SearchQuery("预算")).total == 1
    writer.index_documents([DOCS[15]])
    time.sleep(0.1)
    assert reader.search(SearchQuery("预算")).total == 2
    writer.close()
    reader.close()


def test_readers_follow_a_rebuild_to_the_new_generation(index_dir):
    worker = TantivySearchBackend(index_dir)
    worker.index_documents(DOCS[:3])
    reader = TantivySearchBackend(index_dir, reload_interval=0.0)
    old = reader.metadata().name
    rebuild = TantivySearchBackend(index_dir)
    target = rebuild.begin_rebuild()
    rebuild.index_documents(DOCS, target=target.name)
    rebuild.finish_rebuild(target.name)
    assert reader.metadata().name == target.name != old
    assert reader.count() == len([d for d in DOCS if d["scope"] == "public"])
    # The worker lets go of the old generation's writer and writes to the new one.
    worker.delete_documents([1])
    assert 1 not in reader.document_ids()
    assert old in {p.name for p in index_dir.iterdir()}  # the previous generation is kept once
    second = rebuild.begin_rebuild()
    rebuild.finish_rebuild(second.name)
    assert old not in {p.name for p in index_dir.iterdir()}
    for backend in (worker, reader, rebuild):
        backend.close()


def test_failed_batch_is_rolled_back(index_dir):
    backend = TantivySearchBackend(index_dir)
    backend.index_documents(DOCS[:1])
    broken = dict(DOCS[1], domain="army")
    with pytest.raises(ValueError):
        backend.index_documents([DOCS[2], broken])
    assert backend.document_ids() == {1}
    backend.close()


def test_an_index_of_another_schema_is_unavailable_not_a_crash(index_dir):
    """After an upgrade that changes the fields, until the rebuild: a clear backend error, never a panic."""
    from search.types import SearchBackendError

    backend = TantivySearchBackend(index_dir)
    backend.index_documents(DOCS[:2])
    backend.refresh()
    name = backend.current_name()
    meta = backend._read_meta(name)
    meta["schema_version"] = "2"
    backend._write_meta(name, meta)
    reader = TantivySearchBackend(index_dir)
    with pytest.raises(SearchBackendError):
        reader.search(SearchQuery("预算"))
    with pytest.raises(SearchBackendError):
        reader.suggest("预算")
    assert reader.health().rebuild_required
    reader.close()
    backend.close()


def test_a_shingle_finds_exactly_the_entries_of_the_phrase_of_its_grams(tmp_path):
    """Every run of three or four units written in the corpus, in every field: the shingle term and the
    phrase of its pairs (what a phrase of that length was looked up by before shingles) agree."""
    backend = TantivySearchBackend(tmp_path / "index")
    docs = recall_docs()
    backend.index_documents(docs)
    searcher = backend._searcher()
    runs = {shingle for doc in docs for field in GRAM_FIELDS for shingle in indexed_form(doc)[SHINGLE_FIELDS[field]].split()}
    runs |= {"7月25日", "(一)", "0961-764", "公开专", "庄镇主任"}  # and some that are nowhere

    def found(query):
        return {(a.segment_ord, a.doc) for _score, a in searcher.search(query, 1000, count=False).hits}

    checked = 0
    for run in sorted(runs):
        typed = phrase(run, dictionary_words=False)
        if typed is None or typed.text != run:
            continue  # punctuation alone, or trimmed around (a query never looks those up)
        assert typed.shingle == run
        checked += 1
        for field in GRAM_FIELDS:
            grams = tantivy.Query.phrase_query(backend.schema, field, list(typed.grams))
            assert found(backend._phrase_query(field, typed)) == found(grams), (run, field)
    assert checked > 2000
    backend.close()
