"""Issue 11: buttons show their icon and text at normal size; the entry form works on a phone (390×844)."""


import pytest

from cms.models import DisclosurePage
from tests.moderation.conftest import ID_NUMBER, text_block

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

# Every button (and link styled as one) in the main content: its text and the size of its icon.
BUTTONS = """() => Array.from(document.querySelectorAll('main .button, main button')).filter(
  (el) => el.getClientRects().length > 0).map((el) => {
    const icon = el.querySelector('svg');
    const box = icon ? icon.getBoundingClientRect() : null;
    return {text: el.innerText.trim(), icon: box ? [box.width, box.height] : null,
            height: el.getBoundingClientRect().height};
  })"""


def open_page(browser, scene, username, path, viewport=None):
    context = browser.new_context(locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900})
    host = scene.live_url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "sessionid", "value": scene.cookies[username], "domain": host, "path": "/"}])
    page = context.new_page()
    response = page.goto(scene.live_url + path)
    assert response.status == 200, (path, response.status)
    return page


def buttons_of(page, label):
    found = [button for button in page.evaluate(BUTTONS) if label in button["text"]]
    assert found, (label, page.evaluate(BUTTONS))
    return found


@pytest.fixture
def with_personal_data(scene, tree) -> DisclosurePage:
    """A draft of the editor's holding an ID number (its findings page offers the masks)."""
    entry = tree.add_entry(scene.item, "2026年低保名单公示", publish=False, owner=scene.users["a_editor"],
                           body=[text_block(f"<p>张三 {ID_NUMBER}</p>")])
    entry.save_revision(user=scene.users["a_editor"])
    return entry


def test_buttons_show_icon_and_text_at_normal_size(scene, with_personal_data, browser, screenshots):
    entry = with_personal_data
    checks = [("a_approver", "/admin/catalogues/", "导入目录"),
              ("a_editor", f"/admin/moderation/entries/{entry.pk}/personal-data/", "按标准规则去标识化")]
    for username, path, label in checks:
        page = open_page(browser, scene, username, path)
        page.screenshot(path=str(screenshots / f"admin-button-{username}.png"), full_page=True)
        for button in buttons_of(page, label):
            assert button["icon"] is not None
            width, height = button["icon"]
            assert width <= 24 and height <= 24, (label, button)
            assert button["height"] <= 60, (label, button)
        page.context.close()


PHONE = {"width": 390, "height": 844}
# Sideways scroll, the footer's action bar and the side panel on the page as it stands.
LAYOUT = """() => {
  const root = document.documentElement;
  const footer = document.querySelector('footer.footer, .footer');
  const bar = footer ? footer.getBoundingClientRect() : null;
  const side = document.querySelector('[data-side-panel-wrapper], .form-side');
  const sideBox = side ? side.getBoundingClientRect() : null;
  const title = document.querySelector('#id_title, [name="title"]');
  const titleBox = title ? title.getBoundingClientRect() : null;
  const main = document.querySelector('main.content-wrapper');
  const form = document.querySelector('#page-edit-form, form[data-edit-form]');
  const formBox = form.getBoundingClientRect();
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, mainScrollTop: main.scrollTop,
          form: {left: formBox.left, right: formBox.right, scrollWidth: form.scrollWidth, clientWidth: form.clientWidth},
          footer: bar && {top: bar.top, bottom: bar.bottom, height: bar.height},
          side: sideBox && {left: sideBox.left, width: sideBox.width},
          title: titleBox && {left: titleBox.left, right: titleBox.right}};
}"""


def test_the_entry_form_on_a_phone(scene, browser, screenshots):
    """390×844: no sideways scroll, the save/submit bar in view at the top and after scrolling, and
    the side panel (closed) does not cover the form."""
    for username, entry in (("a_editor", scene.returned), ("a_reviewer", scene.in_review)):
        page = open_page(browser, scene, username, f"/admin/pages/{entry.pk}/edit/", viewport=PHONE)
        page.wait_for_timeout(300)
        for position in ("top", "bottom"):
            if position == "bottom":
                # Wagtail's admin scrolls its main column (main.content-wrapper), not the window.
                page.evaluate("""() => { const main = document.querySelector('main.content-wrapper');
                                         main.scrollTop = main.scrollHeight; }""")
                page.wait_for_timeout(200)
            layout = page.evaluate(LAYOUT)
            page.screenshot(path=str(screenshots / f"admin-phone-{username}-{position}.png"))
            assert layout["scrollWidth"] <= layout["clientWidth"], (username, position, layout)
            # The main column clips sideways (overflow-x: hidden; the closed side panel waits beyond its right
            # edge): the form itself must fit the screen.
            form = layout["form"]
            assert form["left"] >= 0 and form["right"] <= PHONE["width"] + 1, (username, position, layout)
            assert form["scrollWidth"] <= form["clientWidth"] + 1, (username, position, layout)
            if position == "bottom":
                assert layout["mainScrollTop"] > 0, (username, layout)
            footer = layout["footer"]
            assert footer is not None and footer["height"] > 0, (username, layout)
            assert footer["top"] >= 0 and footer["bottom"] <= PHONE["height"] + 1, (username, position, layout)
            if layout["side"] and layout["title"]:
                side = layout["side"]
                covered = side["width"] > 0 and side["left"] < layout["title"]["right"] - 1 \
                    and side["left"] + side["width"] > layout["title"]["left"] + 1
                assert not covered, (username, position, layout)
        page.context.close()


@pytest.fixture
def overdue(scene):
    """The entry in review is three weeks past its due date."""
    import datetime

    from django.utils import timezone

    from cms.workdays.service import is_year_covered

    due_on = timezone.localdate() - datetime.timedelta(days=21)
    if not (is_year_covered(due_on.year) and is_year_covered(timezone.localdate().year)):
        pytest.skip("no working-day calendar for these dates")
    DisclosurePage.objects.filter(pk=scene.in_review.pk).update(due_on=due_on)
    return scene


def test_overdue_entries_stand_out_on_both_dashboards(overdue, browser, screenshots):
    for username in ("a_editor", "a_reviewer"):
        page = open_page(browser, overdue, username, "/admin/")
        page.screenshot(path=str(screenshots / f"admin-dashboard-{username}.png"), full_page=True)
        row = page.locator("tr.moderation-overdue", has_text=overdue.in_review.title)
        assert row.count() == 1, username
        assert "已超期" in row.inner_text(), username
        background = row.locator("td").first.evaluate("(cell) => getComputedStyle(cell).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"), (username, background)
        page.context.close()


def test_dashboards_on_a_phone_label_every_cell(overdue, browser, screenshots):
    """390×844: the dashboard tables' cells wrap under one another, so each cell says its column and the
    head row (a line of words above them) is left to screen readers; nothing scrolls sideways."""
    for username in ("a_editor", "a_reviewer"):
        page = open_page(browser, overdue, username, "/admin/", viewport=PHONE)
        page.screenshot(path=str(screenshots / f"admin-dashboard-phone-{username}.png"), full_page=True)
        width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (username, width)
        cells = page.evaluate("""() => [...document.querySelectorAll('.listing--dashboard td[data-label]')]
            .filter((cell) => cell.offsetParent !== null)
            .map((cell) => [cell.dataset.label, getComputedStyle(cell, '::before').content])""")
        assert cells, username
        for label, before in cells:
            assert label and label in before, (username, label, before)
        heads = page.evaluate("""() => [...document.querySelectorAll('.moderation-table thead')]
            .map((head) => head.getBoundingClientRect().height)""")
        assert heads and all(height <= 1 for height in heads), (username, heads)
        page.context.close()
