from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with our user screens (one 姓名 field) and whole Chinese names."""

    user_viewset = "cms.users.views.UserViewSet"

    def ready(self):
        super().ready()
        from . import names

        names.connect()
