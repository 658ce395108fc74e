"""The office's pages in a real browser, in Chinese: the list with overdue rows and the handling page of an
application (screenshots in docs/images/applications-*.png)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "images"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")]


@pytest.fixture
def site(django_db_serialized_rollback, transactional_db, live_server, settings, monkeypatch):
    from applications.demo import ensure_demo_applications
    from cms.units import create_organisation
    from tests.conftest import make_user

    settings.LANGUAGE_CODE = "zh-hans"
    county = create_organisation(name="示范县民政局", short_name="县民政局", level="county", region_code="330199",
                                 department_code="001", publishes_government=True)
    township = create_organisation(county, name="示范县东山乡人民政府", short_name="东山乡", level="township",
                                   region_code="330199200", department_code="000", publishes_government=True)
    make_user("admin", superuser=True)  # the demo's superuser
    ensure_demo_applications({"dongshan": township, "civil_affairs": county}, "pw")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


def test_list_and_handling_page(site):
    from playwright.sync_api import sync_playwright

    from applications.models import Application

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
        page.goto(site + "/admin/login/")
        page.fill("#id_username", "township_handler")
        page.fill("#id_password", "pw")
        page.click("button[type=submit]")
        page.goto(site + "/admin/applications/")
        assert page.locator("h1").first.inner_text().strip() == "依申请公开"
        assert page.locator(".applications-row-overdue").count() >= 1
        assert "已逾期" in page.content() and "待补正" in page.content()
        page.screenshot(path=str(SCREENSHOTS / "applications-admin-list.png"), full_page=True)
        extended = Application.objects.get(idempotency_key="demo-dongshan-overdue")
        page.goto(site + f"/admin/applications/{extended.pk}/")
        assert "征求第三方意见" in page.content() and "办理记录" in page.content()
        page.screenshot(path=str(SCREENSHOTS / "applications-admin-detail.png"), full_page=True)
        browser.close()
