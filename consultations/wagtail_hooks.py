"""Admin wiring of consultations (征求意见): the menu item and pages, the supervision findings, the demo stage."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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


# Extension points (no import of this app elsewhere): supervision lists what is late or missing; the demo
# loader adds the consultations stage.
hooks.register("supervision_findings", findings)
hooks.register("load_demo_stage", demo_stage)
