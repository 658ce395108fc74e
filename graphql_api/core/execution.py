"""The execution context: graphql-sync-dataloaders' deferred execution, fitted to graphql-core 3.2.14.

graphql-core 3.2.14 added a ``path`` argument to ``ExecutionContext.handle_field_error``; the
deferred context of graphql-sync-dataloaders 0.1.1 still calls it with two arguments, so any error
in a resolver became a TypeError. The path is rebuilt from the located error instead.
"""

from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext


def _as_path(keys) -> Path | None:
    path = None
    for key in keys or ():
        path = Path(path, key, None)
    return path


class PortalExecutionContext(DeferredExecutionContext):
    def handle_field_error(self, error, return_type, path=None):
        if path is None:
            path = _as_path(getattr(error, "path", None))
        return super().handle_field_error(error, return_type, path)
