from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import account
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import AccountNameForm, UserCreationForm, UserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user screens with one 姓名 field (cms.users.forms)."""

    create_template_name = "cms/users/create.html"
    edit_template_name = "cms/users/edit.html"

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class NameSettingsPanel(account.NameEmailSettingsPanel):
    form_class = AccountNameForm


class AccountView(account.AccountView):
    """Wagtail's account settings with one 姓名 field. Wagtail builds its name panel in the view (no
    setting or hook replaces it), so this view must be routed at ``admin/account/`` ahead of Wagtail's
    admin URLs (config/urls.py)."""

    def get_panels(self):
        return [NameSettingsPanel(self.request, panel.user, panel.profile)
                if type(panel) is account.NameEmailSettingsPanel else panel for panel in super().get_panels()]


account_view = require_admin_access(AccountView.as_view())
