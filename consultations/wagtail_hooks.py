"""Admin wiring of consultations (征求意见): the menu item and pages, the supervision findings, the demo stage."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views, permissions
from .demo import demo_stage
from .supervision import findings

urlpatterns = [
    path("", admin_views.index_view, name="index"),
    path("new/", admin_views.create_view, name="create"),
    path("<int:pk>/", admin_views.detail_view, name="detail"),
    path("<int:pk>/edit/", admin_views.edit_view, name="edit"),
]


class ConsultationsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_involved(request.user)


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [path("consultations/", include((urlpatterns, "consultations"), namespace="consultations"))]


@hooks.register("register_admin_menu_item")
def register_consultations_menu_item():
    return ConsultationsMenuItem(_("Consultations"), reverse("consultations:index"), name="consultations",
                                 icon_name="group", order=270)


class ConsultationButton(PageMenuItem):
    """On an entry of the user's unit: 征求意见 (its consultation) or 发起征求意见 (open one with this entry)."""

    icon_name = "group"

    def _consultation_id(self):
        from .models import Consultation

        return Consultation.objects.filter(entry_id=self.page.pk).values_list("pk", flat=True).first()

    @property
    def label(self):
        return _("Consultation") if self._consultation_id() else _("Open a consultation")

    @property
    def url(self):
        found = self._consultation_id()
        if found:
            return reverse("consultations:detail", args=[found])
        return reverse("consultations:create") + f"?entry={self.page.pk}"

    def is_shown(self, user):
        from cms.models import DisclosurePage

        if self.page.specific_class is not DisclosurePage:
            return False
        if getattr(user, "is_superuser", False) and user.is_active:
            return True
        return DisclosurePage.objects.filter(pk=self.page.pk,
                                             organisation_id__in=permissions.units_for(user)).exists()


@hooks.register("register_page_header_buttons")
def consultation_header_button(page, user, view_name, next_url=None):
    yield ConsultationButton(page=page, next_url=next_url, priority=70)


# Extension points (no import of this app elsewhere): supervision lists what is late or missing; the demo
# loader adds the consultations stage.
hooks.register("supervision_findings", findings)
hooks.register("load_demo_stage", demo_stage)
