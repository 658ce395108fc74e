"""The 督查 group edits the assessment indicators (model permissions of Indicator); satisfaction is the
feedback app's figure ``feedback_satisfaction``."""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="supervision", model="indicator")
    group, _ = Group.objects.get_or_create(name="督查")
    for action, verb in (("add", "Can add"), ("change", "Can change"), ("delete", "Can delete"), ("view", "Can view")):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_indicator",
            defaults={"name": f"{verb} assessment indicator"})
        group.permissions.add(permission)
    Indicator = apps.get_model("supervision", "Indicator")
    Indicator.objects.filter(code="satisfaction").update(code="feedback_satisfaction")


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_supervisors_and_indicators")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
