"""The 督查 group with the ``supervise`` permission, and the default assessment indicators (docs/supervision.md)."""

from django.db import migrations

INDICATORS = [
    # code, label, unit, weight, full_at, zero_at
    ("timeliness", "按时公开率", "%", 30, 100, 60),
    ("completeness", "目录完整率", "%", 25, 100, 50),
    ("interpretation_ratio", "政策解读率", "%", 10, 100, 0),
    ("link_health", "链接健康率", "%", 10, 100, 80),
    ("application_reply_days", "依申请公开平均答复用时", "工作日", 10, 5, 20),
    ("feedback_reply_days", "留言平均答复用时", "工作日", 5, 3, 15),
    ("satisfaction", "群众满意度", "%", 10, 100, 60),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Indicator = apps.get_model("supervision", "Indicator")
    content_type, _ = ContentType.objects.get_or_create(app_label="supervision", model="finding")
    supervise, _ = Permission.objects.get_or_create(content_type=content_type, codename="supervise",
                                                    defaults={"name": "Can supervise every unit (督查)"})
    group, _ = Group.objects.get_or_create(name="督查")
    group.permissions.add(supervise)
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access is not None:
        group.permissions.add(admin_access)
    for order, (code, label, unit, weight, full_at, zero_at) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(code=code, defaults={"label": label, "unit": unit, "weight": weight,
                                                             "full_at": full_at, "zero_at": zero_at,
                                                             "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
