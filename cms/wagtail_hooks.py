"""Admin wiring of the disclosure CMS."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from . import admin_lifecycle, catalogue_admin, file_access  # noqa: F401  (they register their own hooks)
from .admin_organisations import organisation_viewset
from .models import CatalogueItemPage, DisclosurePage


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


def deletion_refusal(page) -> str | None:
    """Why a page may not be deleted: published entries are withdrawn or archived, never deleted;
    catalogue rows with entries are retired, never deleted (domain.md §2, §5)."""
    specific = page.specific
    if isinstance(specific, DisclosurePage) and (specific.first_published_at or specific.live):
        return _("A published entry is never deleted; withdraw or archive it instead.")
    if isinstance(specific, CatalogueItemPage) and DisclosurePage.objects.descendant_of(page).exists():
        return _("A catalogue item with entries is never deleted; retire it instead.")
    descendants = DisclosurePage.objects.descendant_of(page).exclude(first_published_at__isnull=True)
    if descendants.exists():
        return _("This section holds published entries, which are never deleted.")
    return None


@hooks.register("before_delete_page")
def refuse_deleting_published(request, page):
    reason = deletion_refusal(page)
    if reason:
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from django.utils.translation import gettext_lazy

    actions.register_action("cms.validity_changed", gettext_lazy("Change validity"),
                            gettext_lazy("Validity changed by a newer entry"))
