"""The portal in a real browser: Playwright for Python driving Debian's /usr/bin/chromium against the live
test server. Reading and searching work without JavaScript (it is switched off), nothing scrolls sideways
at 390 px, the console stays clean, and axe-core finds no serious or critical violation."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "images" / "portal-search.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                      "(scripts/setup.sh installs it when run as root)"),
]


@pytest.fixture
def site(django_db_serialized_rollback, transactional_db, live_server, tmp_path, monkeypatch):
    """The demo data committed (the live server reads it from its own thread) and its search index; the
    rows the migrations made (Wagtail's root page, locale) come back after each test's flush."""
    from tests.graphql_api import demo as demo_module
    from tests.graphql_api.search_support import demo_index

    data = demo_module.build()
    for number in range(1, 13):
        demo_module.add_entry(data.items["village_accounts"], f"村务财务收支公开第{number}期", f"monthly-{number}")
    add_hidden_attachment(data)
    # Playwright's sync API runs an event loop in this thread; the Django calls the test makes are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with demo_index(tmp_path / "index"):
        yield live_server.url


HIDDEN_FILE_TITLE = "不予公开的附件"


def add_hidden_attachment(data):
    """A file that only a 不予公开 entry shows: its URL must answer 404."""
    from django.core.files.base import ContentFile

    from cms.models import DisclosureDocument
    from tests.graphql_api import demo as demo_module

    document = DisclosureDocument(title=HIDDEN_FILE_TITLE, mime_type="application/pdf", file_size=len(demo_module.PDF))
    document.file.save("hidden.pdf", ContentFile(demo_module.PDF), save=False)
    document.save()
    demo_module.add_entry(data.items["policy"], "不予公开且带附件", "withheld-with-file", disclosure_attribute="withheld",
                          body=[{"type": "attachments", "id": "b-files", "value": [
                              {"type": "item", "id": "a-1", "value": {"document": document.pk, "title": "附件"}}]}])
    data.hidden_document = document


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-dev-shm-usage"])
        context = browser.new_context(java_script_enabled=False, locale="zh-CN")
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        yield page
        context.close()
        browser.close()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    context = page.context
    # axe-core is a script: run it in a second page of the same content with JavaScript on.
    checker = context.browser.new_context(java_script_enabled=True, viewport=page.viewport_size)
    checker.add_cookies(context.cookies())  # the same text size
    try:
        other = checker.new_page()
        other.goto(page.url)
        results = Axe().run(other)
    finally:
        checker.close()
    return [(violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
            for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]


def test_home_to_unit_to_catalogue_to_entry(site, browser_page):
    page = browser_page
    page.goto(site + "/")
    assert page.locator("h1").first.inner_text().startswith("党务公开")
    assert serious_violations(page) == []
    page.get_by_role("link", name="示范县人民政府").first.click()
    assert page.locator("h1").inner_text() == "示范县人民政府"
    page.get_by_role("link", name="政务公开目录").click()
    assert "政务公开目录" in page.locator("h1").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("link", name="关于加强财政管理的通知", exact=True).first.click()
    assert page.locator("h1").inner_text() == "关于加强财政管理的通知"
    assert page.get_by_role("row", name="索引号").count() == 1
    assert serious_violations(page) == []
    assert page.console_errors == []


def test_search_facet_and_next_page(site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(site + "/")
    page.get_by_label("搜索公开信息").fill("财务")
    with page.expect_navigation():
        page.get_by_label("搜索公开信息").press("Enter")
    assert "找到 13 条结果" in page.locator("#results-h").inner_text()
    assert page.locator(".hit em").count() >= 10
    page.locator(".facets a", has_text="村务公开").click()
    assert page.locator(".facets a[aria-current=true]").inner_text() == "村务公开"
    assert "q=%E8%B4%A2%E5%8A%A1" in page.url and "domain=village" in page.url
    page.get_by_role("link", name="下一页").click()
    assert "第 2 页" in page.locator(".pager").inner_text()
    page.get_by_role("link", name="上一页").click()
    assert "第 1 页" in page.locator(".pager").inner_text()
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert serious_violations(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/", "/units/", "/units/330199-000/", "/330199-000/government/",
                                  "/330199-000/government/policy/normative/policy/", "/search/?q=财政",
                                  "/units/330199-000/board/", "/no-such-page/"])
def test_no_sideways_scroll_at_390_px(site, browser_page, path):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + path)
    assert no_sideways_scroll(page), path
    assert serious_violations(page) == [], path
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"] \
        if path == "/no-such-page/" else []
    assert page.console_errors == expected


def test_keyboard_reaches_the_skip_link_and_the_search_box(site, browser_page):
    page = browser_page
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(site + "/")
    # skip link, site name, 首页, 机构与目录, 搜索, 依申请公开, 征求意见, 我要留言, 标准字号, 大字号, the search box
    for _step in range(11):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-q"
    page.keyboard.type("财政")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=" in page.url and page.locator(".hit").count() == 2


LARGE_TEXT_PATHS = ["/", "/units/", "/330199-000/government/", "/330199-000/government/policy/normative/policy/",
                    "/search/?q=财政", "/units/330199-000/board/"]


def test_large_text_mode_on_every_page_without_javascript(site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/units/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    with page.expect_navigation():
        page.get_by_role("link", name="大字号").click()
    assert page.url == site + "/units/"
    large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= normal * 1.25
    for path in LARGE_TEXT_PATHS:
        page.goto(site + path)
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)") >= large, path
        assert no_sideways_scroll(page), path
        assert serious_violations(page) == [], path
    page.goto(site + "/units/")
    with page.expect_navigation():
        page.get_by_role("link", name="标准字号").click()
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == normal
    assert page.console_errors == []


def test_an_attachment_downloads_from_its_entry_and_a_hidden_ones_is_404(site, browser_page):
    from cms.models import DisclosureDocument

    page = browser_page
    page.goto(site + "/330199-000/government/policy/normative/policy/")
    link = page.locator("#files-h + ul a", has_text="附件一").first
    href = link.get_attribute("href")
    assert href.startswith(("/documents/", site + "/documents/")), href
    response = page.request.get(href if href.startswith("http") else site + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF")
    hidden = DisclosureDocument.objects.get(title=HIDDEN_FILE_TITLE)
    assert page.request.get(site + hidden.url).status == 404
    assert page.console_errors == []


def test_the_notice_board_is_large_type_and_prints_on_a4(site, browser_page, tmp_path):
    page = browser_page
    page.goto(site + "/units/330199-000/board/")
    board = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.board')).fontSize)")
    assert board >= 22  # other pages: 17 px
    assert page.locator(".board .notice").count() >= 1
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden() and page.locator("footer.site").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.board h1')).fontSize") == "29.3333px"  # 22pt
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes  # A4
    assert page.console_errors == []
