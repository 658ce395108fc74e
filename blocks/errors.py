"""Reading nested block validation errors outside the admin (API mutations, imports, tests)."""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from wagtail.blocks import ListBlockValidationError, StreamBlockValidationError, StructBlockValidationError

__all__ = ["iter_block_errors"]

_NESTED = (StructBlockValidationError, ListBlockValidationError, StreamBlockValidationError)


def iter_block_errors(error: ValidationError, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Yield ``(path, message)`` for every message in a block validation error, however deeply nested.

    A path holds child names (StructBlock) and indexes (ListBlock, StreamBlock), e.g.
    ``(0, "totals_row", 2)`` for the third totals cell of the first body block.
    """
    if isinstance(error, _NESTED):
        for item in error.non_block_errors.as_data():
            for message in item.messages:
                yield path, message
        for key, child in error.block_errors.items():
            yield from iter_block_errors(child, (*path, key))
    else:
        for message in error.messages:
            yield path, str(message)
