"""The lock of an archived entry (归档): read-only for everyone (docs/lifecycle.md)."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.locks import BaseLock


class ArchiveLock(BaseLock):
    """The lock of an archived entry: applies to everyone and offers no "Unlock"."""

    def for_user(self, user):
        return True

    def get_message(self, user):
        title = self.object.get_admin_display_title()
        return format_html(_("<b>“{title}” is archived</b> and read-only."), title=title)

    def get_locked_by(self, user):
        return _("Archived")

    def get_description(self, user):
        return _("Nobody can change an archived entry.")


def archive_lock(page) -> ArchiveLock | None:
    """The lock that ``DisclosurePage.get_lock`` puts before Wagtail's own: archived entries only."""
    return ArchiveLock(page) if page.archived_at else None
