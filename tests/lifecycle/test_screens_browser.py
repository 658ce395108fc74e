"""The new admin screens in a Chinese browser, on a desktop and on a phone (390 px, no sideways scroll):
宣布失效, 特定群体 and 送达记录 (docs/lifecycle.md, docs/catalogue.md)."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.users.models import UserProfile

from cms.models import AudienceGroup, DeliveryRecord, DisclosureDocument, DisclosurePage
from tests.admin_ui.conftest import (  # noqa: F401  (fixtures)
    BROWSER_TEST,
    COLLECT_TEXT,
    browser,
    chinese_installation,
    english_on_screen,
    screenshots,
)
from tests.lifecycle.helpers import pdf_bytes

pytestmark = BROWSER_TEST


@pytest.fixture
def scene(chinese_installation, tree, live_server):
    for username, name in (("a_editor", "郭勇"), ("a_approver", "陈静")):
        user = tree.users[username]
        user.first_name, user.last_name = name, ""
        user.save()
    for user in tree.users.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
    row = tree.add_item(tree.village_a, "village", "低保对象公示", slug="allowance", audience="specific_group")
    group = AudienceGroup.objects.create(organisation=tree.village_a, name="低保户", description="本村低保户 12 户")
    entry = row.add_child(instance=DisclosurePage(title="2026年第三季度低保金发放明细", slug="allowance-q3", live=False,
                                                  audience="specific_group"))
    entry.audience_groups.set([group])
    entry.save_revision().publish()
    proof = DisclosureDocument.objects.create(title="公开栏照片", file=ContentFile(pdf_bytes(), name="proof.pdf"))
    DeliveryRecord.objects.create(entry=entry, group=group, delivered_on="2026-10-09", channel="notice_board",
                                  place="东山村村务公开栏", delivered_by="村委会文书", recipients="低保户 12 户",
                                  proof=proof)
    cookies = {}
    for name in ("a_editor", "a_approver"):
        client = Client()
        client.force_login(tree.users[name])
        cookies[name] = client.cookies["sessionid"].value
    return live_server.url, cookies, entry


SCREENS = {
    "a_approver": lambda entry: {"invalidate": f"/admin/entries/{entry.pk}/invalidate/",
                                 "groups": "/admin/audience_groups/", "group-new": "/admin/audience_groups/new/"},
    "a_editor": lambda entry: {"deliveries": "/admin/delivery_records/", "delivery-new": "/admin/delivery_records/new/"},
}


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("role", list(SCREENS))
def test_the_screens_are_chinese_and_fit_a_phone(scene, browser, screenshots, role, width):
    live_url, cookies, entry = scene
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": cookies[role], "url": live_url}])
    page = context.new_page()
    english, overflow = {}, {}
    for name, path in SCREENS[role](entry).items():
        response = page.goto(live_url + path)
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=screenshots / f"{role}-{name}-{width}.png", full_page=True)
        found = english_on_screen(page.evaluate(COLLECT_TEXT), allowed={"DeliveryRecord", "AudienceGroup"})
        if found:
            english[name] = found
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if wide > 0:
            overflow[name] = wide
    context.close()
    assert not english, f"English on screen (screenshots in {screenshots}): {english}"
    assert not overflow, f"sideways scroll at {width} px: {overflow}"
