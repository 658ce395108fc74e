"""The portal's own copy of its rendered pages (docs/portal.md «Caching»).

Every public page is the same for every reader (the portal reads as the public), so a rendered 200 page is
kept in Django's cache ``PORTAL_CACHE_ALIAS`` and answered again for the same host, path and query. Kept
pages belong to a *generation*: any change the pages show (a page published, unpublished, withdrawn,
archived, moved or deleted; a unit, attachment, link or withheld part saved; a reply or consultation
result published) starts a new generation, so the next request renders afresh instead of waiting for the
kept copy to expire. Without such a change a page is kept ``PORTAL_SERVER_CACHE_SECONDS``.

A portal on a host of its own (``PORTAL_GRAPHQL_URL``) does not hear the CMS's changes: there a kept page
lives until it expires, hence its shorter default (30 s). Expiry also bounds what no signal announces, such
as a notice period that ends.
"""

import hashlib
import random

from django.core.cache import caches

from cms import generations
from cms.conf import setting

GENERATION_KEY = "portal:generation"
# A portal on a host of its own hears no change of the CMS: keep its pages briefly.
STANDALONE_SECONDS = 30


def page_cache():
    return caches[setting("PORTAL_CACHE_ALIAS", "default")]


def max_age_seconds() -> int:
    """What browsers and proxies may keep a page (``Cache-Control: max-age``)."""
    return int(setting("PORTAL_CACHE_MAX_AGE", 300))


def server_cache_seconds() -> int:
    """Seconds the portal keeps a rendered page at most (0: off). Never more than browsers and proxies may
    keep it anyway (``PORTAL_CACHE_MAX_AGE``); by default as long as that when changes reach the portal by
    signal, ``STANDALONE_SECONDS`` when the portal reads a CMS elsewhere."""
    default = STANDALONE_SECONDS if setting("PORTAL_GRAPHQL_URL", "") else max_age_seconds()
    return min(int(setting("PORTAL_SERVER_CACHE_SECONDS", default)), max_age_seconds())


def kept_for(seconds: int) -> int:
    """A kept page's lifetime: between half and all of ``seconds``, at random, so that the pages rendered in
    one busy minute do not all expire in one later minute and are not all rendered again at once (the load
    bench saw such a wave 300 s after its first step: docs/benchmarks.md «Load and soak»)."""
    return random.randint(max(1, seconds // 2), max(1, seconds))


def generation(cache) -> str:
    """The current generation of kept pages."""
    return generations.current(cache, GENERATION_KEY)


def page_key(cache, host: str, full_path: str) -> str:
    address = f"{host}{full_path}".encode("utf-8", "surrogatepass")
    return f"portal:page:{generation(cache)}:{hashlib.sha256(address).hexdigest()}"


def start_new_generation(**kwargs) -> None:
    """A receiver: what the pages show has changed, so no kept page is answered again."""
    if server_cache_seconds() > 0:
        generations.start_new(page_cache(), GENERATION_KEY)
