"""Every message of ours ships with a zh-hans translation (issue: foundation §1)."""

import os
import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
OUR_PACKAGES = ["cms", "blocks", "search", "graphql_api", "config", "portal", "applications", "annual_reports", "consultations", "interaction", "supervision"]
PO_FILE = ROOT / "cms" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def extract_messages(tmp_path, settings) -> polib.POFile:
    """Run Django's makemessages over a copy of our packages, so nothing in the tree is touched."""
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    for package in OUR_PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "migrations", "*.pyc", "locale"))
    (tmp_path / "locale").mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)
        call_command("makemessages", locale=["zh_Hans"], domain="django", verbosity=0, no_obsolete=True,
                     add_location="never")
    finally:
        os.chdir(cwd)
    return polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_every_message_has_a_translation(tmp_path, settings):
    extracted = extract_messages(tmp_path, settings)
    shipped = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO_FILE))}
    missing = []
    for entry in extracted:
        found = shipped.get((entry.msgctxt, entry.msgid))
        if found is None or not found.translated() or "fuzzy" in found.flags:
            missing.append(entry.msgid)
    assert not missing, f"{len(missing)} messages lack a zh-hans translation, e.g. {missing[:10]}"


def test_translations_are_active():
    from django.utils import translation
    from cms.models import Domain

    with translation.override("zh-hans"):
        assert str(Domain.PARTY.label) == "党务公开"
        assert str(Domain.VILLAGE.label) == "村务公开"


def test_the_admin_speaks_chinese_by_default(client, settings, django_user_model):
    from django.utils import translation

    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(django_user_model.objects.create_superuser("zh", "zh@example.invalid", "pw"))
    response = client.get("/admin/organisations/")
    assert response.status_code == 200
    with translation.override("zh-hans"):
        organisations = translation.gettext("organisations")
    assert organisations != "organisations"
    assert 'lang="zh-hans"' in response.content.decode()
    assert organisations in response.content.decode()


# Messages that read the same in Chinese.
SAME_IN_CHINESE = {"Wagtail API v2", "Wagtail API v3", "%(range_start)s - %(range_end)s", "URL", "ID"}
WAGTAIL_PACKAGES = ["", "admin", "documents", "images", "snippets", "users"]


def test_wagtails_admin_messages_have_a_translation():
    """Wagtail 8's zh-hans catalogue lacks ~400 admin messages; ours supplies them (issue 11). This fails
    when a regenerated catalogue drops them, or when a Wagtail upgrade brings new untranslated ones."""
    import wagtail
    from django.utils import translation
    from django.utils.translation.trans_real import DjangoTranslation

    root = Path(wagtail.__file__).parent
    missing = []
    for package in WAGTAIL_PACKAGES:
        for domain in ("django", "djangojs"):
            source = root / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            catalogue = (translation.trans_real.translation("zh-hans") if domain == "django" else
                         DjangoTranslation("zh-hans", domain=domain, localedirs=[str(root / package / "locale")]))
            for entry in polib.pofile(str(source)):
                if entry.obsolete or entry.msgid in SAME_IN_CHINESE:
                    continue
                if entry.msgid_plural:
                    text = (catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1) if entry.msgctxt
                            else catalogue.ngettext(entry.msgid, entry.msgid_plural, 1))
                else:
                    text = catalogue.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else catalogue.gettext(entry.msgid)
                if text == entry.msgid:
                    missing.append(f"{package or 'wagtail'}/{domain}: {entry.msgid}")
    assert not missing, f"{len(missing)} Wagtail messages lack a zh-hans translation, e.g. {missing[:10]}"
