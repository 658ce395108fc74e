"""The system checks of the disclosure apps (docs/install.md «Checks»): each one fires on the setting or
state it explains, in Chinese and English, and stays quiet on a sound install."""

import datetime

import pytest
from django.core import checks
from wagtail.models import WorkflowPage

import graphql_api.checks
from applications.checks import check_private_files
from cms.checks import check_calendar_years, check_provisioning, check_wagtail_settings
from cms.workdays.models import CalendarYear
from portal.checks import check_portal
from search.checks import check_search_backend


def ids(problems) -> list[str]:
    return [problem.id for problem in problems]


def assert_bilingual(problem):
    chinese, english = problem.msg.split("\n")
    assert any("\u4e00" <= character <= "\u9fff" for character in chinese), problem.msg
    assert english[:12].isascii(), problem.msg  # names inside may be Chinese


def test_the_checks_are_registered():
    registered = {check.__name__ for check in checks.registry.registry.get_checks()}
    assert {"check_wagtail_settings", "check_calendar_years", "check_provisioning", "check_search_backend",
            "check_contract", "check_portal", "check_private_files"} <= registered


def test_wagtail_settings_the_apps_rely_on(settings):
    assert check_wagtail_settings() == []
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    problems = check_wagtail_settings()
    assert ids(problems) == ["cms.E001"]
    assert "WAGTAILDOCS_SERVE_METHOD" in problems[0].msg
    assert_bilingual(problems[0])


@pytest.mark.django_db
def test_a_missing_calendar_year_is_named():
    # chinesecalendar 1.11 ends with 2026: from 1 November 2026 the next year must be entered.
    assert check_calendar_years(today=datetime.date(2026, 10, 31)) == []
    problems = check_calendar_years(today=datetime.date(2026, 11, 2))
    assert ids(problems) == ["cms.W001"]
    assert "2027" in problems[0].msg
    assert_bilingual(problems[0])
    CalendarYear.objects.create(year=2027, complete=False)
    assert ids(check_calendar_years(today=datetime.date(2026, 11, 2))) == ["cms.W001"]
    year = CalendarYear.objects.get(year=2027)
    year.complete = True
    year.save()
    assert check_calendar_years(today=datetime.date(2026, 11, 2)) == []
    assert [p.msg.count("2028") > 0 for p in check_calendar_years(today=datetime.date(2027, 11, 1))] == [True]


@pytest.mark.django_db
def test_provisioning_without_units():
    problems = check_provisioning()
    assert ids(problems) == ["cms.W002"]
    assert "disclosure_setup" in problems[0].hint
    assert_bilingual(problems[0])


def test_provisioned_units_pass_and_catalogues_without_workflow_are_named(tree):
    assert check_provisioning() == []
    catalogue = tree.catalogue(tree.village_a, "village")
    # Wagtail applies the nearest workflow among the page and its ancestors: remove them all.
    WorkflowPage.objects.filter(page__in=catalogue.get_ancestors(inclusive=True)).delete()
    problems = check_provisioning()
    assert ids(problems) == ["cms.W004"]
    assert catalogue.title in problems[0].msg
    assert_bilingual(problems[0])


def test_search_backend_unknown_or_without_its_server(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    assert check_search_backend() == []
    settings.SEARCH_BACKEND = "solr"
    assert ids(check_search_backend()) == ["search.E001"]
    assert_bilingual(check_search_backend()[0])
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    assert ids(check_search_backend()) == ["search.E002"]
    settings.ELASTICSEARCH_URL = "http://es.internal:9200"
    assert check_search_backend() == []


def test_the_namespace_wins_over_top_level_names(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.DISCLOSURE = {"SEARCH_BACKEND": "nothing"}
    assert ids(check_search_backend()) == ["search.E001"]
    settings.DISCLOSURE = {}
    settings.DISCLOSURE_SEARCH_BACKEND = "nothing-either"
    assert "nothing-either" in check_search_backend()[0].msg


def test_an_index_directory_that_cannot_be_written(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.SEARCH_INDEX_DIR = blocker / "index"
    problems = check_search_backend()
    assert ids(problems) == ["search.E004"]
    assert str(blocker / "index") in problems[0].msg
    assert_bilingual(problems[0])


def test_the_embedded_index_is_single_host(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.DISCLOSURE = {"APP_SERVERS": 3}
    problems = check_search_backend()
    assert ids(problems) == ["search.E005"]
    assert "single-host" in problems[0].msg and "单台服务器" in problems[0].msg
    settings.DISCLOSURE = {"APP_SERVERS": 3, "SEARCH_BACKEND": "elasticsearch",
                           "ELASTICSEARCH_URL": "http://es.internal:9200"}
    assert check_search_backend() == []
    # Shared media storage suggests several servers when APP_SERVERS is not said.
    settings.DISCLOSURE = {}
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    assert ids(check_search_backend()) == ["search.W001"]
    settings.DISCLOSURE = {"APP_SERVERS": 1}
    assert check_search_backend() == []


def test_contract_files_missing(monkeypatch, tmp_path):
    assert graphql_api.checks.check_contract() == []
    monkeypatch.setattr(graphql_api.checks, "SCHEMA_FILE", tmp_path / "schema.graphql")
    problems = graphql_api.checks.check_contract()
    assert ids(problems) == ["graphql_api.E001"]
    assert_bilingual(problems[0])


def test_portal_settings(settings):
    assert check_portal() == []
    settings.PORTAL_GRAPHQL_URL = "cms.internal/graphql/"
    problems = check_portal()
    assert ids(problems) == ["portal.E002"]
    assert_bilingual(problems[0])
    settings.PORTAL_GRAPHQL_URL = "https://cms.internal/graphql/"
    assert check_portal() == []


def test_applications_private_directory(settings, tmp_path):
    settings.APPLICATIONS_FILE_ROOT = tmp_path / "private"
    assert check_private_files() == []
    (tmp_path / "file").write_text("x")
    settings.APPLICATIONS_FILE_ROOT = tmp_path / "file" / "private"
    problems = check_private_files()
    assert ids(problems) == ["applications.E001"]
    assert_bilingual(problems[0])
