"""config.urls with the account settings of cms.users routed ahead of Wagtail's (as config/urls.py should)."""

from django.urls import path

from cms.users.views import account_view
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("admin/account/", account_view, name="wagtailadmin_account"), *project_urlpatterns]
