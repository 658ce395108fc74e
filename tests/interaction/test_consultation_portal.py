"""The portal's 征求意见 page through the committed operations: open consultations with a form, closed ones with
their adoption report; with the test client, and in a real browser (Playwright driving Debian's chromium,
JavaScript off, a phone's 390 px width) giving an opinion."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from consultations import services
from consultations.choices import Outcome
from consultations.models import Opinion
from tests.admin_ui.conftest import BROWSER_TEST, CHROMIUM
from tests.interaction.conftest_consultations import scene  # noqa: F401

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "images"


def test_the_page_lists_open_and_closed_consultations_and_takes_an_opinion(client, scene):
    open_one = scene.consultation()
    closed = scene.closed(entry=scene.entry(title="关于公开征求《城关镇停车管理办法》意见的公告"))
    scene.opinion(closed, text="建议增加夜间停车位。", contact="13900007777", channel="meeting")
    services.decide(closed, scene.users["t_editor"], list(closed.opinions.values_list("pk", flat=True)),
                    Outcome.ADOPTED)
    page = client.get("/consultations/")
    text = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert open_one.entry.title in text and "提交意见" in text and "城关镇停车管理办法" in text and "尚未公布" in text
    assert "13900007777" not in text and "建议增加夜间停车位" not in text
    key = re.search(rf'name="consultation_id" value="{open_one.pk}">\s*<input type="hidden" name="idempotency_key" '
                    r'value="([0-9a-f]+)"', text).group(1)
    refused = client.post("/consultations/", {"consultation_id": open_one.pk, "idempotency_key": key, "text": "意见",
                                              "contact": "不是电话"})
    assert refused.status_code == 400 and "请填写有效的电子邮箱或7至20位数字的电话号码" in refused.content.decode()
    assert 'value="不是电话"' in refused.content.decode() and not Opinion.objects.filter(channel="portal").exists()
    sent = client.post("/consultations/", {"consultation_id": open_one.pk, "idempotency_key": key,
                                           "text": "建议保留早市。", "contact": "13800001234", "author_name": "赵六"})
    assert sent.status_code == 200 and "意见已提交" in sent.content.decode()
    assert "13800001234" not in sent.content.decode()
    opinion = Opinion.objects.get(channel="portal")
    assert (opinion.text, opinion.contact, opinion.author_name) == ("建议保留早市。", "13800001234", "赵六")
    late = client.post("/consultations/", {"consultation_id": closed.pk, "idempotency_key": "late-000001",
                                           "text": "迟到的意见", "contact": "13800001234"})
    assert late.status_code == 400 and "不再接受意见" in late.content.decode()


@pytest.mark.parametrize("query", ["?unit=%00", "?page=abc", "?unit=" + "9" * 100, "?page=999999"])
def test_odd_query_strings_never_fail(client, scene, query):
    scene.consultation()
    assert client.get("/consultations/" + query).status_code in (200, 400)


@pytest.fixture
def site(scene, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


@pytest.mark.parametrize("_", [None], ids=["phone"])
@BROWSER_TEST[0]
@BROWSER_TEST[1]
@BROWSER_TEST[2]
def test_give_an_opinion_in_the_browser(site, scene, _):
    from playwright.sync_api import sync_playwright

    consultation = scene.consultation()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"],
            env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})
        context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(site + "/")
        page.click("nav a[href='/consultations/']")
        assert page.locator("h1").inner_text() == "征求意见"
        assert consultation.entry.title in page.content()
        page.fill(f"#text-{consultation.pk}", "建议市场改造期间设置临时摊位，方便居民买菜。")
        page.fill(f"#author-{consultation.pk}", "钱七")
        page.fill(f"#contact-{consultation.pk}", "13700002468")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.screenshot(path=str(SCREENSHOTS / "consultations-form.png"), full_page=True)
        page.click(f"#consultation-{consultation.pk} form.opinion-form button[type=submit]")
        assert page.locator("#opinion-receipt h2").inner_text() == "意见已提交"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.screenshot(path=str(SCREENSHOTS / "consultations-sent.png"), full_page=True)
        assert "13700002468" not in page.content() and "钱七" not in page.content()
        context.close()
        browser.close()
    opinion = Opinion.objects.get()
    assert (opinion.channel, opinion.contact, opinion.author_name) == ("portal", "13700002468", "钱七")
