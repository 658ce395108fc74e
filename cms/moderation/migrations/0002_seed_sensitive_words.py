from django.db import migrations


def seed(apps, schema_editor):
    from cms.privacy import default_words

    SensitiveWord = apps.get_model("moderation", "SensitiveWord")
    existing = set(SensitiveWord.objects.values_list("word", flat=True))
    SensitiveWord.objects.bulk_create(
        SensitiveWord(word=word, note="seed") for word in dict.fromkeys(default_words()) if word not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
