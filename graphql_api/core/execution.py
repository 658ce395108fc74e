"""Execution: graphql-sync-dataloaders' deferred execution fitted to graphql-core 3.2.14, and middleware.

graphql-core 3.2.14 added a ``path`` argument to ``ExecutionContext.handle_field_error``; the
deferred context of graphql-sync-dataloaders 0.1.1 still calls it with two arguments, so any error
in a resolver became a TypeError. The path is rebuilt from the located error instead.
"""

from django.utils.translation import gettext as _
from graphql import Undefined
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext

from .errors import BadUserInput


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


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def check_arguments(next_resolver, root, info, **arguments):
    """Middleware: resolvers get arguments they can rely on, or the client gets BAD_USER_INPUT.

    - an argument that declares a default may be left out but not set to null: graphql-core passes an
      explicit ``null`` (literal or variable) instead of the default, and resolvers rely on the
      default (a sort order, a page size);
    - no text may hold a NUL character: PostgreSQL cannot store or compare it.
    """
    if arguments:
        for name, argument in info.parent_type.fields[info.field_name].args.items():
            key = argument.out_name or name
            if key not in arguments:
                continue
            value = arguments[key]
            if value is None and argument.default_value not in (None, Undefined):
                raise BadUserInput(_("`%(name)s` cannot be null; leave it out to get its default.") % {"name": name},
                                   argument=name)
            if _holds_nul(value):
                raise BadUserInput(_("`%(name)s` must not contain NUL characters.") % {"name": name},
                                   argument=name)
    return next_resolver(root, info, **arguments)
