"""The procedure before publication (domain.md §5): workflow tasks, secrecy review, the personal-data guard.

Imported by cms.models while models load: nothing here may import models at module level.
"""


def withheld_block_ids(page) -> set[str]:
    """Ids of the body blocks the secrecy review withheld (区分处理) in the page's live revision.

    Entries loaded with the ``reviewed_withheld_blocks`` annotation (``records.governing_withheld_blocks``)
    need no query of their own."""
    from .records import block_ids
    from .records import withheld_block_ids as reviewed

    if hasattr(page, "reviewed_withheld_blocks"):
        return block_ids(page.reviewed_withheld_blocks)
    return reviewed(page)
