"""Search backends, chosen by the ``SEARCH_BACKEND`` setting: "embedded" (tantivy) or "elasticsearch"
(the settings and their defaults: docs/install.md «Settings»)."""

import threading
from pathlib import Path

from cms.conf import data_dir, setting

from .base import RebuildTarget, SearchBackend

BACKENDS = ("embedded", "elasticsearch")

__all__ = ["SearchBackend", "RebuildTarget", "get_backend", "make_backend", "reset_backend"]

_lock = threading.Lock()
_backend: SearchBackend | None = None


def make_backend(kind: str | None = None) -> SearchBackend:
    """A new backend of the given kind (default: the setting), configured from settings."""
    kind = kind or backend_kind()
    if kind == "embedded":
        from .embedded import TantivySearchBackend

        return TantivySearchBackend(index_dir())
    if kind == "elasticsearch":
        from .elasticsearch import ElasticsearchSearchBackend

        return ElasticsearchSearchBackend(setting("ELASTICSEARCH_URL", ""),
                                          prefix=setting("ELASTICSEARCH_INDEX_PREFIX", "disclosure"))
    raise ValueError(f"unknown SEARCH_BACKEND {kind!r}: use 'embedded' or 'elasticsearch'")


def backend_kind() -> str:
    """The configured kind: ``SEARCH_BACKEND``, "embedded" by default."""
    return setting("SEARCH_BACKEND", "embedded")


def index_dir() -> Path:
    """The embedded index's directory: ``SEARCH_INDEX_DIR``, by default ``<DATA_DIR>/search-index``."""
    configured = setting("SEARCH_INDEX_DIR", None)
    return Path(configured) if configured else data_dir() / "search-index"


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
