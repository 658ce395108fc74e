"""The supervisors' dashboard in a real browser, in Chinese, on a desktop and a phone (390 px: no sideways
scroll); screenshots in docs/images/supervision-*.png."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "images"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")]


@pytest.fixture
def site(django_db_serialized_rollback, transactional_db, live_server, settings, monkeypatch):
    from cms.models import CatalogueItemPage, CataloguePage, DisclosurePage
    from cms.units import create_organisation
    from supervision.models import Finding
    from supervision.permissions import SUPERVISORS_GROUP
    from tests.conftest import make_user

    settings.LANGUAGE_CODE = "zh-hans"
    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_government=True)
    township = create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township",
                                   region_code="330199", department_code="101", publishes_government=True)
    village = create_organisation(township, name="东山村村民委员会", short_name="东山村", level="village",
                                  region_code="330199", department_code="10101", publishes_village=True)
    for unit, domain in ((county, "government"), (township, "government"), (village, "village")):
        catalogue = CataloguePage.objects.get(organisation=unit, domain=domain)
        row = catalogue.add_child(instance=CatalogueItemPage(title=f"{unit.short_name}财政收支", slug="finance",
                                                             time_limit_kind="periodic", cadence="monthly"))
        row.save_revision().publish()
        for month in range(1, 12, 1 + (unit.depth - 1)):
            entry = row.add_child(instance=DisclosurePage(title=f"{unit.short_name}{month}月财政收支",
                                                          slug=f"m{month}", live=False))
            entry.save_revision().publish()
            DisclosurePage.objects.filter(pk=entry.pk).update(first_published_on=datetime.date(2026, month, 8))
    now = "2026-11-02T08:00:00+08:00"
    Finding.objects.create(organisation=village, kind="external_link", key="k1", subject="东山村第三季度村务收支",
                           detail="http://example.invalid/a：HTTP状态码404", first_found_at=now, last_seen_at=now)
    user = make_user("supervisor", Group.objects.get(name=SUPERVISORS_GROUP))
    user.set_password("pw")
    user.save()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url, township


def test_dashboard_on_desktop_and_phone(site):
    from playwright.sync_api import sync_playwright

    url, township = site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url + "/admin/login/")
        page.fill("#id_username", "supervisor")
        page.fill("#id_password", "pw")
        page.click("button[type=submit]")
        page.goto(url + f"/admin/supervision/?unit={township.pk}&year=2026")
        assert page.locator("h1").first.inner_text().strip() == "督查考核"
        assert page.locator("svg.supervision-chart").count() == 3
        content = page.content()
        assert "各单位每月公开信息数" in content and "按时公开率" in content and "外部链接失效" in content
        page.screenshot(path=str(SCREENSHOTS / "supervision-dashboard.png"), full_page=True)
        page.goto(url + f"/admin/supervision/assessment/?unit={township.pk}&year=2026")
        assert "目录完整率" in page.content()
        page.screenshot(path=str(SCREENSHOTS / "supervision-assessment.png"), full_page=True)

        phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                    storage_state=context.storage_state()).new_page()
        for path in (f"/admin/supervision/?unit={township.pk}&year=2026", "/admin/supervision/findings/",
                     f"/admin/supervision/assessment/?unit={township.pk}"):
            phone.goto(url + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        phone.goto(url + f"/admin/supervision/?unit={township.pk}&year=2026")
        phone.screenshot(path=str(SCREENSHOTS / "supervision-dashboard-phone.png"), full_page=True)
        browser.close()
