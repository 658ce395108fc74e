"""The procedure before publication (domain.md §5): workflow tasks, secrecy review, the personal-data guard.

Imported by cms.models while models load: nothing here may import models at module level.
"""


def withheld_block_ids(page) -> set[str]:
    """Ids of the body blocks the secrecy review withheld (区分处理) in the page's live revision."""
    from .records import withheld_block_ids as reviewed

    return reviewed(page)
