"""Catalogue import in the browser: an approver uploads a workbook made with openpyxl, the progress page
shows the queued job, django-tasks' database worker runs it, and the page turns into the result (zh-hans)."""

import io

from django.core.management import call_command
from django.test import Client
from wagtail.users.models import UserProfile

from cms.models import CatalogueImportJob, CatalogueItemPage, Domain, JobStatus
from tests.admin_ui.conftest import BROWSER_TEST, COLLECT_TEXT, english_on_screen
from tests.cms.test_catalogue_io import GOVERNMENT_ROWS, xlsx_file

pytestmark = BROWSER_TEST


def test_an_approver_imports_a_workbook_and_watches_it_finish(chinese_installation, tree, live_server, browser,
                                                               screenshots, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the database is read and the worker run between browser steps
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    approver = tree.users["t_approver"]
    approver.last_name, approver.first_name = "陈", "静"
    approver.save()
    profile = UserProfile.get_for_user(approver)
    profile.preferred_language = "zh-hans"
    profile.save()
    client = Client()
    client.force_login(approver)
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    workbook = tmp_path / "城关镇政务公开目录.xlsx"
    workbook.write_bytes(xlsx_file(GOVERNMENT_ROWS))

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/catalogues/import/?catalogue={catalogue.pk}")
    page.set_input_files("input[type=file]", str(workbook))
    page.screenshot(path=screenshots / "catalogue-import-upload.png", full_page=True)
    found = english_on_screen(page.evaluate(COLLECT_TEXT), allowed={"xlsx"})
    assert not found, f"English on the upload page (screenshots in {screenshots}): {found}"
    page.get_by_role("button", name="导入").click()

    page.wait_for_url("**/admin/catalogues/import/*/")
    job = CatalogueImportJob.objects.get()
    assert job.status == JobStatus.QUEUED and job.user == approver
    assert page.locator("[data-job-status]").inner_text() == "排队"
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    assert "等待后台任务处理" in page.locator("[data-job-rows]").inner_text()
    page.screenshot(path=screenshots / "catalogue-import-queued.png", full_page=True)
    assert not CatalogueItemPage.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(), verbosity=0)

    # The page refreshes itself; a refresh that met the worker's writes (SQLite: "database table is locked")
    # answered 503, which reloads itself after Retry-After (10 s).
    page.locator("[data-job-status]", has_text="完成").wait_for(timeout=30000)
    page.screenshot(path=screenshots / "catalogue-import-done.png", full_page=True)
    text = page.locator("main").inner_text()
    assert "新增 9 项，更新 0 项，0 项未变。" in text
    assert "干部任前公示" in text and "陈静" in text and "静 陈" not in text
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert CatalogueItemPage.objects.descendant_of(catalogue).filter(live=True).count() == 9
    found = english_on_screen(page.evaluate(COLLECT_TEXT), allowed={"xlsx"})
    assert not found, f"English on the import pages (screenshots in {screenshots}): {found}"
    context.close()
