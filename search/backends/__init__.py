"""Search backends, chosen by the ``SEARCH_BACKEND`` setting: "embedded" (tantivy) or "elasticsearch"."""

import threading

from django.conf import settings

from .base import RebuildTarget, SearchBackend

__all__ = ["SearchBackend", "RebuildTarget", "get_backend", "make_backend", "reset_backend"]

_lock = threading.Lock()
_backend: SearchBackend | None = None


def make_backend(kind: str | None = None) -> SearchBackend:
    """A new backend of the given kind (default: the setting), configured from settings."""
    kind = kind or settings.SEARCH_BACKEND
    if kind == "embedded":
        from .embedded import TantivySearchBackend

        return TantivySearchBackend(settings.SEARCH_INDEX_DIR)
    if kind == "elasticsearch":
        from .elasticsearch import ElasticsearchSearchBackend

        return ElasticsearchSearchBackend(settings.ELASTICSEARCH_URL, prefix=settings.ELASTICSEARCH_INDEX_PREFIX)
    raise ValueError(f"unknown SEARCH_BACKEND {kind!r}: use 'embedded' or 'elasticsearch'")


def get_backend() -> SearchBackend:
    """The process-wide backend of the configured kind (created on first use)."""
    global _backend
    with _lock:
        if _backend is None:
            _backend = make_backend()
        return _backend


def reset_backend() -> None:
    """Close and forget the process-wide backend (tests; after a settings change)."""
    global _backend
    with _lock:
        if _backend is not None:
            _backend.close()
        _backend = None
