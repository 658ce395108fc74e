"""Generations in Django's cache: a short random stamp under a key, which every process of an install reads
(production shares the cache: docs/deploy.md «Cache»). Whoever keeps copies of what the public sees files
them under the current stamp; a change starts a new one, and the old copies are no longer found. Used by the
portal's kept pages (portal.cache) and the API's kept rows and units (graphql_api.core.kept).
"""

import uuid


def current(cache, key: str) -> str:
    """The generation under ``key``, started on first use (a cache that lost it simply starts a new one)."""
    stamp = cache.get(key)
    if stamp is None:
        cache.add(key, uuid.uuid4().hex[:16], timeout=None)
        stamp = cache.get(key, "")
    return stamp


def start_new(cache, key: str) -> None:
    cache.set(key, uuid.uuid4().hex[:16], timeout=None)
