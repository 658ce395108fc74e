"""Page paths and absolute file URLs as portals use them."""

from wagtail.models import Site

from cms.file_access import reader_url

from .context import api_context


def site_root_paths() -> list[str]:
    """Root url_paths of the sites, most specific first (cached by Wagtail across requests)."""
    return [root.root_path for root in Site.get_site_root_paths()]


def portal_path(url_path: str) -> str:
    """The path of a page below its site's root, e.g. /330102-001/government/…/entry/ ."""
    for root in site_root_paths():
        if url_path.startswith(root):
            return url_path[len(root) - 1:]
    return url_path


def url_path_candidates(path: str) -> list[str]:
    """The url_paths a portal path may stand for (as given, or below any site root)."""
    path = "/" + path.strip().strip("/") + "/"
    if path == "//":
        path = "/"
    return [path] + [root[:-1] + path for root in site_root_paths()]


def absolute(request, url: str | None) -> str | None:
    """An absolute URL for a file or page, so that portals on other origins can use it."""
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if hasattr(request, "build_absolute_uri") else url


def file_url(request, url: str | None, obj) -> str | None:
    """The absolute URL of a file (document, or an image's rendition) for the request's reader: with a
    signed grant when the reader has grants, so files of entries only they see open (cms.file_access)."""
    return reader_url(absolute(request, url), obj, api_context(request).reader)
