"""The portal's application form and status page, through the committed operations: with the test client,
and in a real browser (Playwright driving Debian's /usr/bin/chromium, JavaScript off as in the portal's
other browser tests)."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from applications.models import Application

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "images"


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 9, 24))


def post_form(client, **overrides):
    page = client.get("/applications/?unit=330199-10101").content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    data = {"idempotency_key": key, "organisation_code": "330199-10101", "applicant_type": "natural_person",
            "applicant_name": "周八", "phone": "13600007890", "information_title": "东山村2026年土地流转合同",
            "delivery_wanted": "pick_up", "form_wanted": "paper", **overrides}
    return client.post("/applications/", data)


def test_form_submits_and_status_shows_state_and_dates_only(client, office, today):
    page = client.get("/applications/?unit=330199-10101")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert '<option value="330199-10101" selected>东山村村民委员会</option>' in page.content.decode()
    response = post_form(client)
    text = response.content.decode()
    assert response.status_code == 200 and "申请已提交" in text and "2026-10-29" in text
    application = Application.objects.get()
    assert application.tracking_code in text and application.channel == "online"
    status = client.post("/applications/status/", {"tracking_code": application.tracking_code,
                                                    "phone_last_four": "7890"})
    body = status.content.decode()
    assert status.status_code == 200 and "已收到" in body and "2026-10-29" in body
    assert "周八" not in body and "土地流转" not in body and "13600007890" not in body
    wrong = client.post("/applications/status/", {"tracking_code": application.tracking_code,
                                                   "phone_last_four": "0000"})
    assert wrong.status_code == 404 and "没有找到该申请" in wrong.content.decode()


def test_form_refusals_are_shown_in_chinese_and_save_nothing(client, office, today):
    response = post_form(client, phone="abc", delivery_wanted="email")
    assert response.status_code == 400
    text = response.content.decode()
    assert "申请未提交" in text and "请填写7至20位数字的联系电话" in text
    assert 'value="周八"' in text  # what was typed is kept
    assert not Application.objects.exists()




@pytest.fixture
def site(django_db_serialized_rollback, transactional_db, live_server, monkeypatch):
    from cms.units import create_organisation
    from cms.workdays.models import CalendarDay, CalendarYear

    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True)
    create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township", region_code="330199",
                        department_code="101", publishes_government=True)
    # The next year as an admin enters it (the State Council's schedule; here only New Year's Day).
    next_year = datetime.date.today().year + 1
    year, _created = CalendarYear.objects.get_or_create(year=next_year, defaults={"complete": True})
    CalendarDay.objects.get_or_create(calendar_year=year, date=datetime.date(next_year, 1, 1),
                                      defaults={"kind": "holiday", "name": "元旦"})
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_apply_and_check_progress_in_the_browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"],
            # a Chinese browser, as the public's: its own file button reads 选择文件 (Debian's chromium-l10n)
            env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})
        context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(site + "/applications/")
        assert page.locator("h1").inner_text() == "政府信息公开申请"
        page.select_option("#organisation_code", "330199-101")
        page.fill("#applicant_name", "吴九")
        page.fill("#phone", "13700002468")
        page.fill("#information_title", "城关镇2026年道路养护项目合同")
        page.select_option("#delivery_wanted", "pick_up")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.screenshot(path=str(SCREENSHOTS / "applications-form.png"), full_page=True)
        with page.expect_navigation():  # the answer page, fully loaded, before reading it
            page.click("form.apply-form button[type=submit]")
        assert "申请已提交" in page.content()
        code = page.locator("#tracking-code").inner_text()
        assert Application.objects.get().tracking_code == code
        page.goto(site + "/applications/status/")
        page.fill("#tracking_code", code)
        page.fill("#phone_last_four", "2468")
        page.click("form[action='/applications/status/'] button[type=submit]")
        assert page.locator("#state").inner_text() == "已收到"
        page.screenshot(path=str(SCREENSHOTS / "applications-status.png"), full_page=True)
        assert "吴九" not in page.content()
        context.close()
        browser.close()
