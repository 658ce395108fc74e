"""The search reader of a ``cms.visibility.Reader`` (an API token's grants).

cms grants name organisations and the party scopes their members may read; the index applies
the same rule (entries of those scopes published by exactly those organisations).
"""

from .types import Grant, Reader


def reader_from_cms(cms_reader) -> Reader:
    """A search :class:`Reader` equivalent to ``cms.visibility.Reader`` (None: anonymous)."""
    if cms_reader is None:
        return Reader()
    grants = []
    for cms_grant in cms_reader.grants:
        for scope in sorted(cms_grant.scopes):
            if scope != "public":
                grants.append(Grant(str(scope), frozenset(cms_grant.organisation_ids)))
    return Reader(tuple(grants))
