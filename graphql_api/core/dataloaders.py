"""Request-scoped DataLoaders (graphql-sync-dataloaders): one loader per relation, batched per request.

Usage: ``OrganisationByIdLoader.get(info).load(pk)``. A loader's ``batch_load`` gets the keys of one
batch and returns a dict (missing keys resolve to ``default``) or a list in key order. Loaders cache
for the request only, so readers never share answers.
"""

from collections.abc import Callable, Iterable

from graphql_sync_dataloaders import SyncDataLoader, SyncFuture

from .context import api_context
from .kept import load_kept


class DataLoader(SyncDataLoader):
    default = None

    def __init__(self, info_or_request):
        super().__init__(self._dispatch)
        self.primed: dict = {}  # key -> resolved future, for values fetched elsewhere
        self.context = api_context(info_or_request)
        self.request = getattr(info_or_request, "context", info_or_request)

    @classmethod
    def get(cls, info_or_request) -> "DataLoader":
        loaders = api_context(info_or_request).loaders
        loader = loaders.get(cls)
        if loader is None:
            loader = loaders[cls] = cls(info_or_request)
        return loader

    @property
    def reader(self):
        return self.context.reader

    def batch_load(self, keys: list) -> dict | list:
        raise NotImplementedError

    def _dispatch(self, keys: list) -> list:
        values = self.batch_load(keys)
        if isinstance(values, dict):
            return [values.get(key, self.default) for key in keys]
        return list(values)

    def load(self, key) -> SyncFuture:
        primed = self.primed.get(key)
        return primed if primed is not None else super().load(key)

    def clear(self, key) -> None:
        self.primed.pop(key, None)
        super().clear(key)

    def prime(self, key, value) -> None:
        """Cache a value fetched elsewhere (e.g. joined into a parent query).

        Kept in the loader's own dict: graphql-sync-dataloaders has no public ``prime``, and its
        ``_cache`` and ``_queue`` are private.
        """
        if key not in self.primed:
            future = SyncFuture()
            future.set_result(value)
            self.primed[key] = future

    def load_now(self, keys: Iterable) -> dict:
        """Values for ``keys`` at once: the unknown ones are queued and the queue is dispatched now.

        For use inside another loader's batch, so that two relations cost one query each rather
        than one round of deferred execution each. Keys already queued by others go in the same
        batch (``dispatch_queue`` is the library's public way to run the queue; its deferred call
        then finds the queue empty).
        """
        futures = {key: self.load(key) for key in dict.fromkeys(keys)}
        if not all(future.done() for future in futures.values()):
            self.dispatch_queue()
        return {key: future.result() for key, future in futures.items()}


def in_bulk(queryset, keys, field_name: str = "pk") -> dict:
    """``queryset.in_bulk(keys)`` without the model's default ordering, which a dict has no use for: it
    cost the database a sort and Django the compiling of it on every batch (docs/benchmarks.md
    «100,000 entries», search through the API)."""
    return queryset.order_by().in_bulk(keys, field_name=field_name)


class KeptByIdLoader(DataLoader):
    """Rows by id that every reader gets alike, kept between requests (:mod:`.kept`)."""

    queryset: Callable  # returns the model's queryset

    def batch_load(self, keys):
        return load_kept(self.request, type(self).__name__, keys, lambda missing: in_bulk(self.queryset(), missing))


class ByPathLoader(DataLoader):
    """Tree nodes (treebeard) by materialised path, kept between requests (:mod:`.kept`); each one found is
    handed to ``by_id_loader`` too."""

    queryset: Callable  # returns the model's queryset
    by_id_loader: type[DataLoader]

    def batch_load(self, keys):
        found = load_kept(self.request, type(self).__name__, keys,
                          lambda missing: in_bulk(self.queryset(), missing, "path"))
        by_id = self.by_id_loader.get(self.request)
        for node in found.values():
            if node is not None:
                by_id.prime(node.pk, node)
        return found


def then(value, fn: Callable):
    """Apply ``fn`` to a value or to a loader's future when it resolves (``fn`` must not load)."""
    if not isinstance(value, SyncFuture):
        return fn(value)
    if value.done():
        return fn(value.result())
    result = SyncFuture()
    result.deferred_callback = value.deferred_callback

    def resolved():
        try:
            result.set_result(fn(value.result()))
        except Exception as error:  # noqa: BLE001 - reported by graphql-core on the field
            result.set_exception(error)

    value.add_done_callback(resolved)
    return result
