"""The annual report's admin pages in a real browser, in Chinese, on a desktop and on a phone (390 px):
generate, see a refused identity named by its row, correct it and write the draft."""

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from cms.models import Domain
from tests.admin_ui.conftest import (  # noqa: F401 (fixtures)
    BROWSER_TEST,
    browser,
    chinese_installation,
    english_on_screen,
    screenshots,
)

pytestmark = BROWSER_TEST


@pytest.fixture
def editor_session(chinese_installation, tree, live_server, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the test reads the database beside Playwright
    for title, slug in (("政府信息公开工作年度报告", "annual"), ("行政规范性文件", "normative")):
        tree.add_item(tree.township, Domain.GOVERNMENT, title, slug=slug,
                      **({"time_limit_kind": "periodic", "cadence": "yearly"} if slug == "annual" else {}))
    user = tree.users["t_editor"]
    user.last_name, user.first_name = "郭", "勇"
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client = Client()
    client.force_login(user)
    return live_server.url, client.cookies["sessionid"].value


def _open(chromium, url, cookie, width, height):
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": url}])
    return context.new_page()


def _no_sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_generate_refuse_and_write_the_draft(tree, editor_session, browser, screenshots):  # noqa: F811
    from annual_reports.models import AnnualReport

    url, cookie = editor_session
    page = _open(browser, url, cookie, 1280, 900)
    page.goto(url + "/admin/annual-reports/")
    assert page.locator("h1").first.inner_text().strip() == "年度报告"
    page.select_option("#id_organisation", label="城关镇人民政府")
    page.fill("#id_year", "2025")
    page.click("button:has-text('生成年度报告草稿')")
    page.wait_for_url("**/admin/annual-reports/*/")
    assert "城关镇人民政府2025年政府信息公开工作年度报告" in page.content()
    assert "一、本年新收政府信息公开申请数量" in page.content()
    page.fill("input[name=proactive__fees__amount]", "3.5")
    page.fill("input[name=appeals__review__upheld]", "1")
    page.fill("input[name=appeals__review__total]", "2")
    page.click("button[value=write]")
    alert = page.locator(".problems[role=alert]")
    assert "行政复议" in alert.inner_text() and "总计为2" in alert.inner_text()
    # The page's own text (the menu holds other apps' items).
    assert english_on_screen(page.locator("main").inner_text().splitlines()) == []
    page.screenshot(path=str(screenshots / "annual-report-edit-desktop.png"), full_page=True)
    assert AnnualReport.objects.get().page is None

    page.fill("input[name=appeals__review__total]", "1")
    page.click("button[value=write]")
    assert "已保存为新的修订版本" in page.locator(".messages").inner_text()
    report = AnnualReport.objects.get()
    assert report.page is not None and not report.page.live

    phone = _open(browser, url, cookie, 390, 844)
    phone.goto(url + f"/admin/annual-reports/{report.pk}/")
    assert _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshots / "annual-report-edit-phone.png"), full_page=True)
    phone.locator("section.appeals").screenshot(path=str(screenshots / "annual-report-appeals-phone.png"))
    table = phone.locator(".annual-report .scroll")
    # Table 三 stays inside the screen (it wraps, or scrolls inside its own box).
    assert table.evaluate("el => el.getBoundingClientRect().right <= window.innerWidth + 1")
    table.screenshot(path=str(screenshots / "annual-report-table-three-phone.png"))
    page.locator(".annual-report .scroll").screenshot(path=str(screenshots / "annual-report-table-three.png"))
    phone.goto(url + "/admin/annual-reports/")
    assert _no_sideways_scroll(phone) and "草稿" in phone.content()
    phone.screenshot(path=str(screenshots / "annual-report-index-phone.png"), full_page=True)
    page.goto(url + "/admin/annual-reports/")
    page.screenshot(path=str(screenshots / "annual-report-index-desktop.png"), full_page=True)
