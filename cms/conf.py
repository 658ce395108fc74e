"""The disclosure apps' settings, in one namespace (docs/install.md «Settings»).

A host site sets ``DISCLOSURE = {"NAME": value, ...}`` in its settings; every app reads its own names
through :func:`setting` with the default documented next to the code that uses it::

    from cms.conf import setting
    due_days = setting("FEEDBACK_DUE_WORKING_DAYS", 7)

A name missing from ``DISCLOSURE`` falls back to a top-level Django setting of the same name (how this
repository's ``config/`` set them before the namespace existed), then to the default.
"""

from django.conf import settings

_MISSING = object()


def setting(name: str, default=None):
    """The value of disclosure setting ``name``: ``DISCLOSURE[name]``, else ``settings.<name>``, else ``default``."""
    namespace = getattr(settings, "DISCLOSURE", None) or {}
    value = namespace.get(name, _MISSING)
    if value is _MISSING:
        value = getattr(settings, name, default)
    return value
