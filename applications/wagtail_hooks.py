"""Admin wiring: the 依申请公开 menu item, its pages, and the overdue / due-soon queues on the dashboard."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, permissions, supervision_hooks
from .demo import demo_stage
from .services import ensure_office
from .workflow import Actor

urlpatterns = [
    path("", admin_views.index_view, name="index"),
    path("register/", admin_views.register_view, name="register"),
    path("<int:pk>/", admin_views.detail_view, name="detail"),
    path("<int:pk>/letter.docx", admin_views.letter_view, name="letter"),
    path("<int:pk>/letter.<str:format>", admin_views.letter_view, name="letter_format"),
    path("<int:pk>/proof/", admin_views.proof_view, name="proof"),
]


def _involved(user) -> bool:
    return bool(user.is_superuser or permissions.units_for(user, Actor.HANDLER)
                or permissions.units_for(user, Actor.APPROVER))


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return _involved(request.user)


@hooks.register("register_admin_urls")
def register_application_urls():
    return [path("applications/", include((urlpatterns, "applications"), namespace="applications"))]


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(_("Applications for disclosure"), reverse("applications:index"), name="applications",
                                icon_name="mail", order=260)


class QueuesPanel(Component):
    """Dashboard: the user's overdue applications and those due within 5 working days."""

    name = "applications_queues"
    template_name = "applications/queues_panel.html"
    order = 60

    def __init__(self, overdue, soon):
        self.overdue, self.soon = overdue, soon

    def get_context_data(self, parent_context=None):
        return {"overdue": self.overdue, "soon": self.soon, "index_url": reverse("applications:index")}


@hooks.register("construct_homepage_panels")
def add_queues_panel(request, panels):
    if not _involved(request.user):
        return
    overdue, soon = admin_views.queues(request.user)
    if overdue or soon:
        panels.append(QueuesPanel(overdue, soon))


# Extension points of cms (no import of this app there): every unit gets its handlers group when it is
# provisioned, and the demo loader adds the applications stage.
hooks.register("provision_unit", ensure_office)
hooks.register("supervision_findings", supervision_hooks.overdue_applications)  # docs/supervision.md
hooks.register("supervision_figures", supervision_hooks.reply_figures)
hooks.register("load_demo_stage", demo_stage)


@hooks.register("register_graphql_api")
def graphql_api():
    """This app's queries and mutations in the portal API (graphql_api.schema)."""
    from .api import ApplicationMutations, ApplicationQueries

    return ApplicationQueries, ApplicationMutations
