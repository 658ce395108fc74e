"""The default site is named after the platform (WAGTAIL_SITE_NAME in the installation's language),
not its host name: the admin's dashboard said "localhost"."""

from django.conf import settings
from django.db import migrations
from django.utils import translation


def name_sites(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    with translation.override(settings.LANGUAGE_CODE):
        name = str(settings.WAGTAIL_SITE_NAME)
    Site.objects.filter(site_name="").update(site_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_random_file_names"),
    ]

    operations = [migrations.RunPython(name_sites, migrations.RunPython.noop)]
