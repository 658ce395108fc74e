"""The portal's feedback pages through the committed operations: with the test client, and in a real browser
(Playwright driving Debian's /usr/bin/chromium) on a phone and a desktop, the feedback then seen in the unit's
admin queue."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.test import Client

from interaction.models import Feedback

from .test_feedback_helpers import answered

CHROMIUM = Path("/usr/bin/chromium")
D = datetime.date


@pytest.fixture
def today(fixed_today):
    return fixed_today(D(2026, 9, 24))


@pytest.fixture
def entry(tree):
    item = tree.add_item(tree.village_a, "village", "集体资产管理")
    return tree.add_entry(item, "2026年东山村集体资产承包合同")


def key_of(page: str) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)


def test_leave_feedback_on_an_entry_look_it_up_and_rate_the_reply(client, tree, today, entry):
    page = client.get(f"/feedback/?entry={entry.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert entry.title in html and f'name="entry" value="{entry.pk}"' in html and "东山村村民委员会" in html
    response = client.post("/feedback/", {"idempotency_key": key_of(html), "entry": entry.pk, "name": "周八",
                                          "contact": "13600007890", "text": "合同期限是几年？\n我的电话13912345678"})
    text = response.content.decode()
    assert response.status_code == 200 and "留言已提交" in text and "2026-10-12" in text and "1处个人信息" in text
    feedback = Feedback.objects.get()
    assert feedback.code in text and feedback.entry_id == entry.pk and feedback.text.count("\n") == 1
    wrong = client.post("/feedback/lookup/", {"code": feedback.code, "contact": "13600000000"})
    assert wrong.status_code == 404 and "没有找到该留言" in wrong.content.decode()
    found = client.post("/feedback/lookup/", {"code": feedback.code, "contact": "13600007890"}).content.decode()
    assert "办理中" in found and "139****5678" in found and "13912345678" not in found
    answered(feedback, tree.users["a_editor"], tree.users["a_reviewer"], reply="合同期限为五年。")
    found = client.post("/feedback/lookup/", {"code": feedback.code, "contact": "13600007890"}).content.decode()
    assert "合同期限为五年。" in found and 'name="satisfaction"' in found
    rated = client.post("/feedback/lookup/", {"code": feedback.code, "contact": "13600007890",
                                              "satisfaction": "FAIRLY"}).content.decode()
    assert "感谢您的评价" in rated and "基本满意" in rated and 'name="satisfaction"' not in rated
    assert Feedback.objects.get().satisfaction == "fairly"
    listing = client.get("/feedback/units/330199-10101/")
    html = listing.content.decode()
    assert listing.status_code == 200 and "合同期限为五年。" in html and "周**" in html and "13600007890" not in html
    assert "13912345678" not in html and "public" in listing["Cache-Control"]


def test_refusals_are_shown_in_chinese_and_save_nothing(client, tree, today):
    html = client.get("/feedback/?unit=330199-10101").content.decode()
    response = client.post("/feedback/", {"idempotency_key": key_of(html), "unit": "330199-10101",
                                          "contact": "abc", "text": "留言"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "留言未提交" in text and "请填写有效的电子邮箱或7至20位数字的电话号码" in text and 'value="abc"' in text
    assert not Feedback.objects.exists()
    response = client.post("/feedback/", {"idempotency_key": key_of(html), "contact": "13600007890", "text": "留言"})
    assert response.status_code == 400 and "请选择留言的单位" in response.content.decode()


def test_the_menu_link_carries_the_entry_and_unknown_units_are_404(client, tree, today, entry):
    assert f'href="/feedback/?entry={entry.pk}"' in client.get(entry.url).content.decode()
    assert client.get("/feedback/units/999999-1/").status_code == 404
    assert client.get("/feedback/units/not-a-code/").status_code == 404


@pytest.fixture
def site(django_db_serialized_rollback, transactional_db, live_server, monkeypatch):
    from cms.models import Role
    from cms.units import create_organisation
    from tests.conftest import make_user

    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True)
    township = create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township",
                                   region_code="330199", department_code="101", publishes_government=True)
    editor = make_user("t_editor", township.group_for(Role.EDITOR))
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client = Client()
    client.force_login(editor)
    return live_server.url, client.cookies["sessionid"].value


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_feedback_left_on_the_portal_reaches_the_admin_queue(site, tmp_path):
    from playwright.sync_api import sync_playwright

    url, session = site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"],
            env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})
        codes = []
        for width, contact in ((390, "13700002468"), (1280, "wu@example.com")):
            context = browser.new_context(java_script_enabled=False, locale="zh-CN",
                                          viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(url + "/feedback/?unit=330199-101")
            assert page.locator("h1").inner_text() == "我要留言"
            page.fill("#name", "吴九")
            page.fill("#contact", contact)
            page.fill("#text", "城关镇道路养护项目的合同能否公开？")
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            page.screenshot(path=str(tmp_path / f"feedback-form-{width}.png"), full_page=True)
            with page.expect_navigation():  # the answer page, fully loaded, before reading it
                page.click("form.feedback-form button[type=submit]")
            assert "留言已提交" in page.content()
            codes.append(page.locator("#feedback-code").inner_text())
            page.goto(url + "/feedback/lookup/")
            page.fill("#code", codes[-1])
            page.fill("#contact", contact)
            page.click("form[action='/feedback/lookup/'] button[type=submit]")
            assert page.locator("#feedback-state").inner_text() == "办理中"
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            page.screenshot(path=str(tmp_path / f"feedback-lookup-{width}.png"), full_page=True)
            context.close()
        assert sorted(codes) == sorted(Feedback.objects.values_list("code", flat=True))
        admin = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        admin.add_cookies([{"name": "sessionid", "value": session, "url": url}])
        page = admin.new_page()
        page.goto(url + "/admin/feedback/")
        for code in codes:
            assert page.locator(f"text={code}").count() == 1
        page.screenshot(path=str(tmp_path / "feedback-admin-queue.png"), full_page=True)
        page.click(f"text={codes[0]}")
        page.wait_for_load_state()
        page.screenshot(path=str(tmp_path / "feedback-admin-detail.png"), full_page=True)
        assert "13700002468" in page.content() and "城关镇道路养护项目" in page.content()
        admin.close()
        browser.close()
