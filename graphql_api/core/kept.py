"""Catalogue rows and units kept between requests, in each process (docs/api.md «Kept rows and units»).

Nearly every answer shows units and catalogue rows: a hit's unit and row, the search facets' buckets, a
row's parent for its 一级 / 二级 name. They change seldom, and loading them was, after the hits themselves,
most of what the API added to a search at 100,000 entries (docs/benchmarks.md «100,000 entries»). So their
loaders keep what they load, per process, for one *generation*:

- any change of a row, a catalogue, a unit or the page tree (saved, deleted, published, unpublished, moved,
  retired) starts a new generation in Django's cache, which the processes of an install share (production
  settings: docs/deploy.md «Cache»); each process notices it at its next request and loads afresh;
- the change is announced again once its transaction commits, so that a process that loaded in between
  does not keep what the transaction had not yet written;
- what no signal announces is bounded by ``GRAPHQL_KEPT_SECONDS`` (default 60; 0 keeps nothing between
  requests), and a process keeps at most ``MAX_KEPT`` values before it starts again.

What is kept is what the loaders return to every reader alike (published rows, units, or that there is
none for a key); what a reader may see of them is still decided per request (cms.visibility).
"""

import threading
import time
from collections.abc import Callable, Iterable
from typing import ClassVar

from django.core.cache import cache
from django.db import transaction

from cms import generations
from cms.conf import setting

from .context import api_context

GENERATION_KEY = "graphql_api:kept:generation"
MAX_KEPT = 20_000


class _Kept:
    lock = threading.Lock()
    generation: str | None = None
    started = 0.0
    values: ClassVar[dict] = {}


def keep_seconds() -> int:
    return int(setting("GRAPHQL_KEPT_SECONDS", 60))


def _current() -> dict:
    seconds = keep_seconds()
    if seconds <= 0:
        return {}
    generation, now = generations.current(cache, GENERATION_KEY), time.monotonic()
    with _Kept.lock:
        if (generation != _Kept.generation or now - _Kept.started >= seconds
                or len(_Kept.values) >= MAX_KEPT):
            _Kept.generation, _Kept.started, _Kept.values = generation, now, {}
        return _Kept.values


def kept_values(info_or_request) -> dict:
    """This process's kept values, looked up once per request."""
    memo = api_context(info_or_request).memo
    values = memo.get("kept")
    if values is None:
        values = memo["kept"] = _current()
    return values


def load_kept(info_or_request, kind: str, keys: Iterable, load: Callable[[list], dict]) -> dict:
    """The values of ``keys`` (None for a key that has none): kept ones, and ``load(missing)`` for the rest,
    which are kept in turn."""
    values = kept_values(info_or_request)
    found, missing = {}, []
    for key in keys:
        if (kind, key) in values:
            found[key] = values[(kind, key)]
        else:
            missing.append(key)
    if missing:
        loaded = load(missing)
        for key in missing:
            found[key] = values[(kind, key)] = loaded.get(key)
    return found


def start_new_generation() -> None:
    generations.start_new(cache, GENERATION_KEY)
    with _Kept.lock:
        _Kept.generation, _Kept.values = None, {}


def reference_changed(**kwargs) -> None:
    """A receiver: a row, catalogue, unit or the page tree changed; now, and again once committed."""
    start_new_generation()
    transaction.on_commit(start_new_generation)


def connect() -> None:
    """Connected in :meth:`graphql_api.apps.GraphqlApiConfig.ready`."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.events import catalogue_row_retired
    from cms.models import CatalogueItemPage, CataloguePage, Organisation

    for signal in (post_page_move, catalogue_row_retired):
        signal.connect(reference_changed, dispatch_uid=f"graphql-kept-{id(signal)}")
    for signal in (page_published, page_unpublished):
        signal.connect(_page_changed, dispatch_uid=f"graphql-kept-{id(signal)}")
    for model in (CatalogueItemPage, CataloguePage, Organisation):
        post_save.connect(reference_changed, sender=model, dispatch_uid=f"graphql-kept-save-{model.__name__}")
        post_delete.connect(reference_changed, sender=model, dispatch_uid=f"graphql-kept-delete-{model.__name__}")


def _page_changed(sender, instance=None, **kwargs) -> None:
    """A receiver of Wagtail's publishing signals: only rows and catalogues are kept (an entry's publication
    leaves them as they are)."""
    from cms.models import CatalogueItemPage, CataloguePage

    kinds = (CatalogueItemPage, CataloguePage)
    if isinstance(instance, kinds) or (isinstance(sender, type) and issubclass(sender, kinds)):
        reference_changed()
