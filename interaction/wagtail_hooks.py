"""Admin wiring: the 留言 menu item and pages, the dashboard panel, the audit-log actions, and the hooks other
apps read (supervision's findings and figures, the demo stage)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, log_actions, permissions, supervision
from .demo import demo_stage
from .workflow import Actor, State

urlpatterns = [
    path("", admin_views.index_view, name="index"),
    path("<int:pk>/", admin_views.detail_view, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", admin_views.file_view, name="file"),
]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.involved(request.user)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [path("feedback/", include((urlpatterns, "interaction"), namespace="interaction"))]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(_("Feedback"), reverse("interaction:index"), name="feedback", icon_name="comment",
                            order=265)


class FeedbackPanel(Component):
    """Dashboard: overdue feedback, feedback due within 2 working days, replies awaiting the user's review."""

    name = "feedback_queues"
    template_name = "interaction/queues_panel.html"
    order = 65

    def __init__(self, overdue, soon, review):
        self.overdue, self.soon, self.review = overdue, soon, review

    def get_context_data(self, parent_context=None):
        return {"overdue": self.overdue, "soon": self.soon, "review": self.review,
                "index_url": reverse("interaction:index")}


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    user = request.user
    if not permissions.involved(user):
        return
    overdue, soon = admin_views.queues(user)
    review_units = permissions.units_for(user, Actor.REVIEWER)
    review = list(permissions.visible_feedback(user).filter(state=State.IN_REVIEW)
                  .exclude(reply_author=user).select_related("organisation")
                  .filter(**({} if permissions.is_superuser(user) else {"organisation_id__in": review_units}))[:20])
    if overdue or soon or review:
        panels.append(FeedbackPanel(overdue, soon, review))


hooks.register("register_log_actions", log_actions.register)
hooks.register("supervision_findings", supervision.findings)
hooks.register("supervision_figures", supervision.figures)
hooks.register("load_demo_stage", demo_stage)


@hooks.register("register_graphql_api")
def graphql_api():
    """This app's queries and mutations in the portal API (graphql_api.schema)."""
    from .api import FeedbackMutations, FeedbackQueries

    return FeedbackQueries, FeedbackMutations
