"""URL of the portal API; the project includes it as ``path("graphql/", include("graphql_api.urls"))``."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .views import PortalGraphQLView

app_name = "graphql_api"

# No cookies or sessions authenticate here (anonymous or bearer token), so CSRF does not apply.
urlpatterns = [path("", csrf_exempt(PortalGraphQLView.as_view()), name="graphql")]
