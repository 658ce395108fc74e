"""Withdraw (撤回) and archive (归档) in the admin: confirm views with a reason, menu items and buttons,
the history's wording, and the read-only rule for archived entries in the edit view."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter

from . import lifecycle
from .models import DisclosurePage


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=gettext_lazy("Kept in the entry's history."))


class ArchiveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Note"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("Kept in the entry's history."))
    hidden = forms.BooleanField(label=gettext_lazy("Hide from the public"), required=False,
                                help_text=gettext_lazy("The entry leaves the portal and search; staff still find it."))


class InvalidateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=gettext_lazy("Why it is no longer in force, e.g. 有效期届满. Kept in the history."))
    invalid_from = forms.DateField(label=gettext_lazy("Invalid from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}),
                                   help_text=gettext_lazy("Empty: today. A later day: the entry reads 已失效 from then."))


class RevalidateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Note"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("Kept in the entry's history."))


class EntryActionView(WagtailAdminTemplateMixin, FormView):
    """Confirm a lifecycle action on one entry; only those who may publish it get here."""

    template_name = "cms/lifecycle/confirm.html"
    breadcrumbs_items = []  # the plain header: title and the entry's name
    refusal = None
    explanation = ""
    submit_label = ""
    success_message = ""

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(DisclosurePage, pk=page_id)
        if not lifecycle.may_manage(request.user, self.page):
            raise PermissionDenied
        refusal = type(self).refusal(self.page)
        if refusal:
            messages.error(request, refusal)
            return redirect(self.get_next_url())
        return super().dispatch(request, page_id)

    def get_next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page, explanation=self.explanation, submit_label=self.submit_label,
            next_url=self.get_next_url(), **kwargs)

    def perform(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except lifecycle.LifecycleError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"title": self.page.get_admin_display_title()})
        return redirect(self.get_next_url())


class WithdrawView(EntryActionView):
    form_class = WithdrawForm
    refusal = staticmethod(lifecycle.withdrawal_refusal)
    page_title = gettext_lazy("Withdraw")
    header_icon = "download"
    explanation = gettext_lazy("The entry leaves the portal and search. It stays here with its revisions and "
                               "history; publishing it again reinstates it.")
    submit_label = gettext_lazy("Withdraw")
    success_message = gettext_lazy("“%(title)s” was withdrawn: it has left the portal and search. Publishing it "
                                   "again reinstates it.")

    def perform(self, data):
        lifecycle.withdraw(self.page, self.request.user, data["reason"])


class ArchiveView(EntryActionView):
    form_class = ArchiveForm
    refusal = staticmethod(lifecycle.archive_refusal)
    page_title = gettext_lazy("Archive")
    header_icon = "lock"
    explanation = gettext_lazy("An archived entry is read-only: nobody can edit it again. It stays on the portal "
                               "with an “archived” mark unless you hide it. Revisions and history are kept.")
    submit_label = gettext_lazy("Archive")
    success_message = gettext_lazy("“%(title)s” was archived: it is read-only from now on and stays on the "
                                   "portal with an “archived” mark.")
    hidden_message = gettext_lazy("“%(title)s” was archived: it is read-only from now on and hidden from the "
                                  "public; staff still find it.")

    def perform(self, data):
        lifecycle.archive(self.page, self.request.user, data["reason"], hidden=data["hidden"])
        if data["hidden"]:
            self.success_message = self.hidden_message


class InvalidateView(EntryActionView):
    form_class = InvalidateForm
    refusal = staticmethod(lifecycle.invalidation_refusal)
    page_title = gettext_lazy("Declare invalid")
    header_icon = "calendar-alt"
    explanation = gettext_lazy("From the day given the entry reads 已失效 on the portal, in the API and in search. "
                               "It stays published; the declaration can be undone.")
    submit_label = gettext_lazy("Declare invalid")
    success_message = gettext_lazy("“%(title)s” was declared invalid (已失效).")

    def perform(self, data):
        lifecycle.invalidate(self.page, self.request.user, data["reason"], data.get("invalid_from"))


class RevalidateView(EntryActionView):
    form_class = RevalidateForm
    refusal = staticmethod(lifecycle.revalidation_refusal)
    page_title = gettext_lazy("Undo invalidity")
    header_icon = "rotate"
    explanation = gettext_lazy("The entry is in force (有效) again.")
    submit_label = gettext_lazy("Undo invalidity")
    success_message = gettext_lazy("“%(title)s” is in force again.")

    def perform(self, data):
        lifecycle.revalidate(self.page, self.request.user, data["reason"])


def lifecycle_admin_urls():
    return [
        path("entries/<int:page_id>/invalidate/", InvalidateView.as_view(), name="cms_lifecycle_invalidate"),
        path("entries/<int:page_id>/revalidate/", RevalidateView.as_view(), name="cms_lifecycle_revalidate"),
        path("entries/<int:page_id>/withdraw/", WithdrawView.as_view(), name="cms_lifecycle_withdraw"),
        path("entries/<int:page_id>/archive/", ArchiveView.as_view(), name="cms_lifecycle_archive"),
    ]


# Menu items and buttons ------------------------------------------------------------------------


def _entry(page) -> DisclosurePage | None:
    if page is None or page.specific_class is not DisclosurePage:
        return None
    return page if isinstance(page, DisclosurePage) else page.specific_deferred


def _may_withdraw(user, page) -> bool:
    """Cheap check for buttons; the view gives the precise refusal."""
    entry = _entry(page)
    return entry is not None and entry.live and not entry.is_withdrawn and lifecycle.may_manage(user, entry)


def _may_archive(user, page) -> bool:
    entry = _entry(page)
    return (entry is not None and entry.first_published_at is not None and not entry.is_archived
            and lifecycle.may_manage(user, entry))


def _may_invalidate(user, page) -> bool:
    entry = _entry(page)
    return (entry is not None and entry.first_published_at is not None and lifecycle.invalidation_refusal(entry) is None
            and lifecycle.may_manage(user, entry))


def _may_revalidate(user, page) -> bool:
    entry = _entry(page)
    return entry is not None and lifecycle.revalidation_refusal(entry) is None and lifecycle.may_manage(user, entry)


@dataclass(frozen=True)
class LifecycleAction:
    """One management action on a published entry: its view (``cms_lifecycle_<key>``), who may (a cheap check;
    the view gives the precise refusal), and how the admin offers it: an item of the edit view's action menu
    (it opens a form, hence "…"), and a button of the page header and, for some, of the explorer's listing."""

    key: str
    icon_name: str
    check: Callable
    menu_label: str
    button_label: str
    menu_order: int
    button_priority: int
    listing_priority: int | None = None

    @property
    def url_name(self) -> str:
        return f"cms_lifecycle_{self.key}"


ACTIONS = (
    LifecycleAction("withdraw", "download", _may_withdraw, gettext_lazy("Withdraw…"), gettext_lazy("Withdraw"),
                    menu_order=25, button_priority=61, listing_priority=41),
    LifecycleAction("archive", "lock", _may_archive, gettext_lazy("Archive…"), gettext_lazy("Archive"),
                    menu_order=26, button_priority=62, listing_priority=42),
    LifecycleAction("invalidate", "calendar-alt", _may_invalidate, gettext_lazy("Declare invalid…"),
                    gettext_lazy("Declare invalid"), menu_order=27, button_priority=63),
    LifecycleAction("revalidate", "rotate", _may_revalidate, gettext_lazy("Undo invalidity…"),
                    gettext_lazy("Undo invalidity"), menu_order=28, button_priority=64),
)


class EntryActionMenuItem(ActionMenuItem):
    """An item of the edit view's action menu; shown on locked (archived) entries too."""

    def __init__(self, action: LifecycleAction):
        super().__init__(order=action.menu_order)
        self.action = action
        self.name = f"action-{action.key}"
        self.label = action.menu_label
        self.icon_name = action.icon_name

    def is_shown(self, context):
        return context["view"] == "edit" and self.action.check(context["request"].user, context.get("page"))

    def get_url(self, context):
        return reverse(self.action.url_name, args=[context["page"].pk])


class LifecycleButton(PageMenuItem):
    """A button of the page header or the explorer's listing, shown where its action's check allows."""

    def __init__(self, action: LifecycleAction, *, page, next_url=None, priority: int):
        self.action = action
        self.url_name = action.url_name
        super().__init__(action.button_label, icon_name=action.icon_name, priority=priority, page=page,
                         next_url=next_url)

    def is_shown(self, user):
        return self.action.check(user, self.page)


def lifecycle_header_buttons(page, user, view_name, next_url=None):
    for action in ACTIONS:
        yield LifecycleButton(action, page=page, next_url=next_url, priority=action.button_priority)


def lifecycle_listing_buttons(page, user, next_url=None):
    for action in ACTIONS:
        if action.listing_priority is not None:
            yield LifecycleButton(action, page=page, next_url=next_url, priority=action.listing_priority)


# Plain unpublishing of an entry would leave no reason: it goes through Withdraw instead -----------


def drop_plain_unpublish(menu_items, request, context):
    if isinstance(context.get("page"), DisclosurePage):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


def unpublish_entry_by_withdrawing(request, page):
    if isinstance(page.specific, DisclosurePage):
        messages.warning(request, _("An entry is taken down by withdrawing it, with a reason."))
        return redirect("cms_lifecycle_withdraw", page.pk)
    return None


def refuse_bulk_unpublish_of_entries(request, action_type, objects, action_class_instance):
    if action_type == "unpublish" and any(getattr(obj, "specific_class", None) is DisclosurePage for obj in objects):
        messages.error(request, _("Entries are taken down one by one by withdrawing them, with a reason."))
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))
    return None


# Edit view: status, and archived entries stay read-only ---------------------------------------


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def status_messages(page: DisclosurePage) -> list[str]:
    result = []
    if page.is_withdrawn:
        result.append(_("Withdrawn on %(date)s: %(reason)s") % {
            "date": _day(page.withdrawn_at), "reason": page.withdrawal_reason})
    if page.is_archived:
        if page.archive_hidden:
            message = _("Archived on %(date)s: this entry is read-only and hidden from the public.")
        else:
            message = _("Archived on %(date)s: this entry is read-only.")
        result.append(message % {"date": _day(page.archived_at)})
    if page.invalid_from:
        result.append(_("Invalid (已失效) from %(date)s: %(reason)s") % {
            "date": formats.date_format(page.invalid_from, "DATE_FORMAT"), "reason": page.invalidity_reason})
    return result


def keep_archived_entries_read_only(request, page):
    if not isinstance(page, DisclosurePage):
        return None
    if page.is_archived and request.method == "POST":
        messages.error(request, _("This entry is archived and read-only."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "GET":
        for message in status_messages(page):
            messages.warning(request, message)
    return None


# History ----------------------------------------------------------------------------------------


class WithdrawLog(LogFormatter):
    label = gettext_lazy("Withdraw")

    def format_message(self, log_entry):
        return _("Withdrawn from the portal and search")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class ArchiveLog(LogFormatter):
    label = gettext_lazy("Archive")

    def format_message(self, log_entry):
        if log_entry.data.get("hidden"):
            return _("Archived and hidden from the public")
        return _("Archived")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class NoticeEndLog(LogFormatter):
    label = gettext_lazy("Notice period ended")

    def format_message(self, log_entry):
        return _("Notice period %(start)s to %(end)s ended: taken down by scheduled publishing") % {
            "start": log_entry.data.get("notice_start", ""), "end": log_entry.data.get("notice_end", "")}

    def format_comment(self, log_entry):
        return _("End of the notice period")


class ReinstateLog(LogFormatter):
    label = gettext_lazy("Reinstate")

    def format_message(self, log_entry):
        return _("Published again after withdrawal")

    def format_comment(self, log_entry):
        return _("Previously withdrawn: %(reason)s") % {"reason": log_entry.data.get("reason", "")}


class InvalidateLog(LogFormatter):
    label = gettext_lazy("Declare invalid")

    def format_message(self, log_entry):
        return _("Declared invalid (已失效) from %(date)s") % {"date": log_entry.data.get("invalid_from", "")}

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class RevalidateLog(LogFormatter):
    label = gettext_lazy("Undo invalidity")

    def format_message(self, log_entry):
        return _("In force again (有效)")

    def format_comment(self, log_entry):
        return _("Previously invalid from %(date)s: %(reason)s") % {
            "date": log_entry.data.get("invalid_from") or "", "reason": log_entry.data.get("reason", "")}


class ExpiredLog(LogFormatter):
    label = gettext_lazy("Expired")

    def format_message(self, log_entry):
        return _("已失效 from %(date)s, recorded by the scheduler") % {"date": log_entry.data.get("invalid_from", "")}

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


def register_lifecycle_log_actions(actions):
    for action, formatter in ((lifecycle.WITHDRAW, WithdrawLog), (lifecycle.ARCHIVE, ArchiveLog),
                              (lifecycle.NOTICE_END, NoticeEndLog), (lifecycle.REINSTATE, ReinstateLog),
                              (lifecycle.INVALIDATE, InvalidateLog), (lifecycle.REVALIDATE, RevalidateLog),
                              (lifecycle.EXPIRED, ExpiredLog)):
        actions.register_action(action)(formatter)
