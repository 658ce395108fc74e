"""Request-scoped DataLoaders (graphql-sync-dataloaders): one loader per relation, batched per request.

Usage: ``OrganisationByIdLoader.get(info).load(pk)``. A loader's ``batch_load`` gets the keys of one
batch and returns a dict (missing keys resolve to ``default``) or a list in key order. Loaders cache
for the request only, so readers never share answers.
"""

from collections.abc import Callable, Iterable

from graphql_sync_dataloaders import SyncDataLoader, SyncFuture

from .context import api_context


class DataLoader(SyncDataLoader):
    default = None

    def __init__(self, info_or_request):
        super().__init__(self._dispatch)
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

    def prime(self, key, value) -> None:
        """Cache a value fetched elsewhere (e.g. joined into a parent query)."""
        if key not in self._cache:
            future = SyncFuture()
            future.set_result(value)
            self._cache[key] = future

    def load_now(self, keys: Iterable) -> dict:
        """Values for ``keys`` at once, fetching the uncached (or still queued) ones in one batch.

        For use inside another loader's batch, so that two relations cost one query each rather
        than one round of deferred execution each.
        """
        keys = list(dict.fromkeys(keys))
        fetch = [key for key in keys if key not in self._cache or not self._cache[key].done()]
        if fetch:
            queued = {key for key, _future in self._queue}
            self._queue = [(key, future) for key, future in self._queue if key not in fetch]
            for key, value in zip(fetch, self._dispatch(fetch)):
                if key in queued:
                    self._cache[key].set_result(value)
                else:
                    self.prime(key, value)
        return {key: self._cache[key].result() for key in keys}


class ByPathLoader(DataLoader):
    """Tree nodes (treebeard) by materialised path; each one found is handed to ``by_id_loader`` too."""

    queryset: Callable  # returns the model's queryset
    by_id_loader: type[DataLoader]

    def batch_load(self, keys):
        found = {node.path: node for node in self.queryset().filter(path__in=keys)}
        by_id = self.by_id_loader.get(self.request)
        for node in found.values():
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
