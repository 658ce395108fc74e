"""A real embedded search index of the demo entries, built with the search layer's own document builder."""

from contextlib import contextmanager

from django.test import override_settings


@contextmanager
def demo_index(directory):
    from search.backends import get_backend, reset_backend
    from search.documents import EntryDocumentBuilder, entries_to_index

    with override_settings(SEARCH_BACKEND="embedded", SEARCH_INDEX_DIR=directory):
        reset_backend()
        backend = get_backend()
        documents, errors = EntryDocumentBuilder().build_many(entries_to_index())
        assert not errors, errors
        backend.index_documents(documents)
        backend.refresh()
        try:
            yield backend
        finally:
            reset_backend()
