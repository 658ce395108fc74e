"""Admin wiring of the disclosure CMS."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from . import admin_lifecycle, catalogue_admin, file_access  # noqa: F401  (they register their own hooks)
from .admin_organisations import organisation_viewset
from .signals import deletion_refusal


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("before_delete_page")
def refuse_deleting(request, page):
    """The admin's delete view shows the refusal of :func:`cms.signals.deletion_refusal` on the page's edit view."""
    reason = deletion_refusal(page)
    if reason:
        messages.error(request, reason)
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


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from django.utils.translation import gettext_lazy

    actions.register_action("cms.validity_changed", gettext_lazy("Change validity"),
                            gettext_lazy("Validity changed by a newer entry"))
