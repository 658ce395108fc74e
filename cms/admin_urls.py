"""Admin routes of the disclosure apps that must come ahead of Wagtail's own, at the same prefix::

    path("admin/", include("cms.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),

Wagtail's account settings with one 姓名 field (cms/users/views.py) replace Wagtail's view of the same
name; every other admin page of the apps is registered through Wagtail hooks (docs/install.md «URLs»).
"""

from django.urls import path

from cms.users.views import account_view

urlpatterns = [
    path("account/", account_view, name="wagtailadmin_account"),
]
