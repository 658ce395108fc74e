"""Admin views: an entry's personal-data findings, and applying the standard masks to them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage

from . import guard
from .masking import apply_masks


class EntryMixin:
    """The entry of the URL, for users who may edit it."""

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(DisclosurePage, pk=page_id)

    def dispatch(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def locked(self) -> bool:
        lock = self.page.get_lock()
        return lock is not None and lock.for_user(self.request.user)


class FindingsView(EntryMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "moderation/findings.html"
    page_title = gettext_lazy("Personal data")
    header_icon = "warning"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
             "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.page.get_latest_revision()
        entry = revision.as_object() if revision else self.page
        report = guard.check(entry, revision.pk if revision else None)
        refusal = None
        if self.request.GET.get("refused"):
            refusal = (PageLogEntry.objects.filter(page=self.page, action="moderation.publish_refused",
                                                   user=self.request.user).order_by("-timestamp", "-pk").first())
        context.update({
            "entry": entry,
            "report": report,
            "refusal": refusal,
            "can_mask": bool(report.maskable) and not self.locked(),
            "mask_url": reverse("moderation:apply_masks", args=(self.page.pk,)),
            "edit_url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
        })
        return context


class ApplyMasksView(EntryMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.locked():
            raise PermissionDenied
        result = apply_masks(self.page, request.user)
        if result.total:
            messages.success(request, _("%(count)s findings masked; a new revision was saved.")
                             % {"count": result.total})
        else:
            messages.info(request, _("Nothing in the entry's own texts needed masking."))
        return redirect("moderation:findings", self.page.pk)
