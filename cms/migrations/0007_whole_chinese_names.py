"""Chinese names split into last_name (family) and first_name (given) are joined into first_name, as
cms.users.names keeps them from now on (郭 + 勇 → first_name 郭勇, last_name empty)."""

import re

from django.conf import settings
from django.db import migrations

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def join_names(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for user in User.objects.exclude(last_name="").only("first_name", "last_name"):
        family, given = user.last_name.strip(), user.first_name.strip()
        if CJK.search(family + given):
            user.first_name = (given if given.startswith(family) else family + given)[:150]
            user.last_name = ""
            user.save(update_fields=["first_name", "last_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0006_catalogue_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(join_names, migrations.RunPython.noop)]
