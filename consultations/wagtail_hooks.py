"""Admin wiring of consultations (征求意见): the menu item and pages, the supervision findings, the demo stage."""

from django.contrib import messages
from django.shortcuts import redirect
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


def _holds_consultation(page) -> bool:
    """Whether the page or a page below it is the draft of a consultation (the consultation keeps it: PROTECT)."""
    from wagtail.models import Page

    from .models import Consultation

    pages = Page.objects.filter(path__startswith=page.path).values("pk")
    return Consultation.objects.filter(entry_id__in=pages).exists()


REFUSAL = _("This entry has a consultation; it cannot be deleted.")


@hooks.register("before_delete_page")
def refuse_deleting_a_consulted_entry(request, page):
    if _holds_consultation(page):
        messages.error(request, REFUSAL)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_a_consulted_entry(request, action_type, objects, action_class_instance):
    from wagtail.models import Page

    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    if any(_holds_consultation(page) for page in objects):
        messages.error(request, REFUSAL)
        return redirect(action_class_instance.next_url)
    return None


# Extension points (no import of this app elsewhere): supervision lists what is late or missing; the demo
# loader adds the consultations stage.
hooks.register("supervision_findings", findings)
hooks.register("load_demo_stage", demo_stage)


@hooks.register("register_graphql_api")
def graphql_api():
    """This app's queries and mutations in the portal API (graphql_api.schema)."""
    from .api import ConsultationMutations, ConsultationQueries

    return ConsultationQueries, ConsultationMutations
