"""Admin views of API tokens: the secret is shown once, right after it is issued."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic

from .forms import ApiTokenForm
from .models import ApiToken


class ApiTokenCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.instance
        self.raw_token = instance.issue()
        instance.created_by = self.request.user
        return super().save_instance()

    def save_action(self):
        response = TemplateResponse(self.request, "graphql_api/token_issued.html", {
            "token": self.object, "raw_token": self.raw_token,
            "index_url": self.get_success_url(), "page_title": _("API token issued"),
            "header_icon": "key",
        })
        add_never_cache_headers(response)
        return response


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    add_view_class = ApiTokenCreateView
    list_display = ["name", "prefix", "include_subunits", "expires_at", "revoked_at", "last_used_at"]
    list_filter = []
    search_fields = ["name", "prefix"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return ApiTokenForm


api_token_viewset = ApiTokenViewSet("api_tokens")
