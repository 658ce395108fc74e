"""The wheel holds every disclosure app with its code, migrations, templates, static and data files, the
compiled Chinese catalogue and the GraphQL contract — and nothing of this repository's own site."""

import gettext
import io
import re
import zipfile

import pytest

from .wheel import APPS, ROOT, build_wheel, working_tree_files

SHIPPED_DIRS = ("templates", "static", "data", "catalogue_templates", "migrations")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    path = build_wheel(tmp_path_factory.mktemp("wheel"))
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_every_file_of_the_apps_is_in_the_wheel(wheel):
    names = set(wheel.namelist())
    expected = [name for name in working_tree_files()
                if name.split("/")[0] in APPS and "__pycache__" not in name
                and (name.endswith(".py") or any(f"/{d}/" in f"/{name}" for d in SHIPPED_DIRS))]
    assert len(expected) > 300
    assert [name for name in expected if name not in names] == []
    assert {"cms/catalogue_templates/index.json", "search/data/dictionary.txt", "cms/static/blocks/financial_table.js",
            "cms/migrations/0001_initial.py", "cms/management/commands/disclosure_setup.py"} <= names


def test_nothing_of_the_site_or_the_tests(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert tops - {*APPS, "disclosure_cms-0.1.0.dist-info"} == set()
    assert not {"config", "tests", "bench", "scripts", "graphql"} & tops


def test_no_app_imports_the_site_config():
    importing = re.compile(r"^\s*(from config[. ]|import config\b)|[\"']config\.(settings|urls)", re.MULTILINE)
    offenders = [name for name in working_tree_files() if name.split("/")[0] in APPS and name.endswith(".py")
                 and importing.search((ROOT / name).read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_chinese_catalogue_is_compiled_into_cms(wheel):
    """Django reads an installed app's locale/: a host listing cms speaks Chinese without LOCALE_PATHS."""
    po = (ROOT / "cms/locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert wheel.read("cms/locale/zh_Hans/LC_MESSAGES/django.po").decode() == po
    catalogue = gettext.GNUTranslations(io.BytesIO(wheel.read("cms/locale/zh_Hans/LC_MESSAGES/django.mo")))
    assert catalogue.gettext("Disclosure on application") == "依申请公开"
    msgids = re.findall(r'^msgid "(.+)"$', po, re.MULTILINE)
    translated = sum(catalogue.gettext(msgid) != msgid for msgid in msgids)
    assert translated > 0.95 * len(msgids)


def test_the_graphql_contract_is_copied(wheel):
    names = set(wheel.namelist())
    operations = sorted(path.name for path in (ROOT / "graphql/operations").glob("*.graphql"))
    assert operations
    assert {f"graphql_api/contract_files/operations/{name}" for name in operations} <= names
    assert wheel.read("graphql_api/contract_files/schema.graphql").decode() == \
        (ROOT / "graphql/schema.graphql").read_text(encoding="utf-8")
