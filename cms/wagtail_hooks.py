"""Admin wiring of the disclosure CMS."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.db.models import F, Q, QuerySet
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageViewSet, base_page_viewset
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import admin_lifecycle, catalogue_admin, file_access, serving, supervision_hooks
from .admin_audiences import audience_group_viewset, delivery_record_viewset
from .admin_organisations import organisation_viewset
from .catalogue_admin import RowAddSubpageView
from .models import CatalogueItemPage, DisclosurePage
from .signals import deletion_refusal
from .visibility import visible_catalogue_items, visible_entries

# The hooks whose functions live with their subject (the portal redirect, lifecycle, catalogue rows,
# file access, supervision findings): registered here, as every hook of the app.
hooks.register("before_serve_page", serving.send_page_urls_to_the_portal, order=100)
hooks.register("register_admin_urls", admin_lifecycle.lifecycle_admin_urls)
for action in admin_lifecycle.ACTIONS:
    hooks.register("register_page_action_menu_item", partial(admin_lifecycle.EntryActionMenuItem, action))
hooks.register("register_page_header_buttons", admin_lifecycle.lifecycle_header_buttons)
hooks.register("register_page_listing_more_buttons", admin_lifecycle.lifecycle_listing_buttons)
hooks.register("construct_page_action_menu", admin_lifecycle.drop_plain_unpublish)
hooks.register("before_unpublish_page", admin_lifecycle.unpublish_entry_by_withdrawing)
hooks.register("before_bulk_action", admin_lifecycle.refuse_bulk_unpublish_of_entries)
hooks.register("before_edit_page", admin_lifecycle.keep_archived_entries_read_only)
hooks.register("register_log_actions", admin_lifecycle.register_lifecycle_log_actions)
hooks.register("register_admin_menu_item", catalogue_admin.register_catalogue_menu_item)
hooks.register("register_page_listing_more_buttons", catalogue_admin.catalogue_listing_buttons)
hooks.register("before_create_page", catalogue_admin.rows_only_by_keepers)
hooks.register("register_admin_urls", catalogue_admin.register_row_urls)
hooks.register("register_page_header_buttons", catalogue_admin.retire_header_button)
hooks.register("register_page_listing_more_buttons", catalogue_admin.retire_listing_button)
hooks.register("before_edit_page", catalogue_admin.say_the_row_is_retired)
hooks.register("register_log_actions", catalogue_admin.register_row_log_actions)
hooks.register("register_admin_urls", catalogue_admin.register_catalogue_urls)
hooks.register("before_serve_document", file_access.check_document_access)
hooks.register("supervision_findings", supervision_hooks.interpretation_findings)
hooks.register("supervision_findings", supervision_hooks.delivery_findings)


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("register_admin_viewset")
def register_audience_group_viewset():
    return audience_group_viewset


@hooks.register("register_admin_viewset")
def register_delivery_record_viewset():
    return delivery_record_viewset


class EntryViewSet(PageViewSet):
    """The admin's views of entries (公开信息): Wagtail's, except that a workflow action (批准, 要求修改,
    保密审查…) ends with a confirmation naming the next step, and that "add child page" under a catalogue
    row goes straight to the entry form for those who do not keep rows. Explore under a row stays
    Wagtail's listing of every child (rows and entries)."""

    model = DisclosurePage
    add_subpage_view_class = RowAddSubpageView

    @property
    def workflow_action_view_class(self):
        from .moderation.views import ConfirmedWorkflowActionView

        return ConfirmedWorkflowActionView

    @cached_property
    def parent_models(self):
        return [CatalogueItemPage]

    @cached_property
    def index_view(self):
        return base_page_viewset.index_view

    @cached_property
    def index_results_view(self):
        return base_page_viewset.index_results_view


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin.css"))


@hooks.register("register_admin_viewset")
def register_entry_viewset():
    return EntryViewSet()


@hooks.register("before_delete_page")
def refuse_deleting(request, page):
    """The admin's delete view shows the refusal of :func:`cms.signals.deletion_refusal` on the page's edit view."""
    reason = deletion_refusal(page)
    if reason:
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_move_page")
def refuse_moving_entries(request, page, destination):
    """An entry is not moved (cms.models.entries.EntryPermissionTester.can_move); said in plain words where a
    request gets this far."""
    if isinstance(page.specific_deferred, DisclosurePage):
        messages.error(request, _("An entry stays under the catalogue row it was written for. To file it under "
                                  "another row, write it there; this one is then withdrawn with a reason, or "
                                  "deleted if it was never published."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting(request, action_type, objects, action_class_instance):
    """Bulk deletion of pages meets the same refusals; nothing is deleted when one page is refused."""
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    reasons = [reason for reason in (deletion_refusal(page) for page in objects) if reason]
    for reason in reasons:
        messages.error(request, reason)
    if reasons:
        return redirect(action_class_instance.next_url)
    return None


def explorable_pages(user) -> QuerySet[Page]:
    """The pages a user holds any page permission on, and their ancestors (to navigate to them)."""
    return PagePermissionPolicy().explorable_instances(user)


def choosable_pages(user) -> QuerySet[Page]:
    """The pages an editor's page chooser offers: their own explorable pages, and pages the public sees.

    Another unit's drafts, unpublished entries and restricted entries never appear (their titles,
    status and paths are that unit's business until published). Pages the public already sees —
    live structure pages without view restrictions, catalogue rows and entries of the public view
    (``cms.visibility`` with an anonymous reader) — stay choosable, because linking to them is
    legitimate and needed: an interpretation (政策解读) links to the policy it explains, an entry
    amends or repeals another unit's, a notice cites a higher-level document. Such a page is left
    out while it has a pending draft with another title, so that title does not show either.
    """
    public = (Q(pk__in=Page.objects.live().public().not_type(DisclosurePage, CatalogueItemPage).values("pk"))
              | Q(pk__in=visible_catalogue_items().values("pk"))
              | Q(pk__in=visible_entries().values("pk")))
    return Page.objects.filter(Q(pk__in=explorable_pages(user).values("pk")) | (public & Q(draft_title=F("title"))))


@hooks.register("construct_page_chooser_queryset")
def restrict_page_chooser(pages, request):
    """The chooser's browse and search views list only :func:`choosable_pages`."""
    return pages.filter(pk__in=choosable_pages(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def restrict_explorer(parent_page, pages, request):
    """The explorer and its search list only the pages the user may explore, whatever
    ``WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS`` says.

    Wagtail already keeps the explorer's listing and its menu to those pages, and its search too unless that
    setting is False; only then is the filter added here. Added twice, it doubled the cost of an editor's
    explorer (SQLite, 100,000 entries: two scans of the pages subtree per listing and per count)."""
    if getattr(settings, "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS", True):
        return pages
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from django.utils.translation import gettext_lazy

    actions.register_action("cms.validity_changed", gettext_lazy("Change validity"),
                            gettext_lazy("Validity changed by a newer entry"))
