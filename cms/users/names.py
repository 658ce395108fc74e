"""A Chinese name is stored whole in ``first_name`` (姓名, family name first, no space) with ``last_name``
empty: Django's ``get_full_name()`` is "first last", so a name split in two shows as "勇 郭" on Wagtail's
dashboard, page and workflow history, 提出人 and user lists. Stored whole, it shows as 郭勇 everywhere.
Other names are left as they are."""

import re

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
MAX_LENGTH = 150  # auth.User.first_name


def whole_name(family: str, given: str) -> str:
    """郭 + 勇 → 郭勇; a given name that already starts with the family name is taken as whole."""
    family, given = (family or "").strip(), (given or "").strip()
    if not family or given.startswith(family):
        return given
    return family + given


def keep_whole(user) -> None:
    """Join a Chinese name split into family (last_name) and given name (first_name) into first_name."""
    family, given = (user.last_name or "").strip(), (user.first_name or "").strip()
    if family and CJK.search(family + given):
        user.first_name, user.last_name = whole_name(family, given)[:MAX_LENGTH], ""


def _before_save(sender, instance, **kwargs):
    keep_whole(instance)


def connect() -> None:
    pre_save.connect(_before_save, sender=get_user_model(), dispatch_uid="cms.users.names.keep_whole")
