"""The disclosure apps' settings, in one namespace (docs/install.md «Settings»).

A host site sets ``DISCLOSURE = {"NAME": value, ...}`` in its settings; every app reads its own names
through :func:`setting` with the default documented next to the code that uses it::

    from cms.conf import setting
    due_days = setting("FEEDBACK_DUE_WORKING_DAYS", 7)

A name missing from ``DISCLOSURE`` falls back to a top-level Django setting ``DISCLOSURE_<NAME>``, then
to a top-level setting of the same name (how this repository's ``config/`` set them before the
namespace existed), then to the default.
"""

from pathlib import Path

from django.conf import settings

_MISSING = object()


def setting(name: str, default=None):
    """The value of disclosure setting ``name``: ``DISCLOSURE[name]``, else ``settings.DISCLOSURE_<name>``,
    else ``settings.<name>``, else ``default``."""
    namespace = getattr(settings, "DISCLOSURE", None) or {}
    value = namespace.get(name, _MISSING)
    if value is _MISSING:
        value = getattr(settings, f"DISCLOSURE_{name}", _MISSING)
    if value is _MISSING:
        value = getattr(settings, name, default)
    return value


def data_dir() -> Path:
    """Where the apps keep files no URL serves (the embedded search index, applications' identity
    proofs): ``DATA_DIR``, by default ``<BASE_DIR>/disclosure-data`` of the host site."""
    configured = setting("DATA_DIR")
    if configured:
        return Path(configured)
    return Path(getattr(settings, "BASE_DIR", None) or Path.cwd()) / "disclosure-data"
