"""People's names in the admin: a name is one field, 姓名, written whole (郭勇), so that Wagtail's own
screens, which show ``get_full_name()`` ("first last"), show it as written (docs/editors.md, "Names").

* :mod:`.names` keeps a Chinese name whole whatever saves the user (forms, commands, the demo).
* :mod:`.forms` and :mod:`.views` give Wagtail's user screens one 姓名 field, through the documented
  extension point (a ``WagtailUsersAppConfig`` naming our ``UserViewSet``, :mod:`.apps`).
"""
