"""Issue 11, financial tables: the grid editor in a real browser (blocks/table_widget.py,
cms/static/blocks/financial_table.js). An editor adds a table to a new entry by pasting a grid copied from
Excel, sees the sums as they type, saves a draft with a wrong total (saved, with a warning), is refused on
submit, takes the computed sum and submits. Desktop and a 390×844 phone; screenshots in the admin tests'
folder (ADMIN_UI_SCREENSHOTS)."""

import re

import pytest
from wagtail.models import WorkflowState

from cms.models import DisclosurePage
from tests.moderation.conftest import text_block

from .conftest import BROWSER_TEST, COLLECT_TEXT, english_on_screen

pytestmark = BROWSER_TEST

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TITLE = "2026年11月东山村村级财务收支公开"
CAPTION = "2026年11月村级财务收支明细"
# 3 rows × 4 columns under their headings, as Excel puts them on the clipboard (text/plain).
PASTED = [["项目", "收入", "支出", "笔数"],
          ["上级转移支付", "50,000.00", "", "1"],
          ["村内道路修缮材料费", "", "12,000.50", "3"],
          ["保洁人员工资", "", "8,000.00", "2"]]


def open_page(browser, scene, username, viewport, problems):
    context = browser.new_context(locale="zh-CN", viewport=viewport,
                                  permissions=["clipboard-read", "clipboard-write"])
    context.add_cookies([{"name": "sessionid", "value": scene.cookies[username], "url": scene.live_url}])
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("response", lambda response: response.status >= 500 and problems.append(f"{response.status} {response.url}"))
    return page


def paste(page, target, rows):
    """A real paste: the text on the clipboard, Ctrl+V in the focused cell."""
    page.evaluate("(text) => navigator.clipboard.writeText(text)", "\r\n".join("\t".join(row) for row in rows) + "\r\n")
    target.click()
    page.keyboard.press("Control+V")


def messages(page) -> str:
    return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""


def grid_box(page) -> dict:
    return page.locator("[data-fin-grid]").first.evaluate("""(grid) => {
        const box = grid.getBoundingClientRect(), scroll = grid.querySelector('[data-scroll]');
        const main = document.querySelector('main.content-wrapper');
        const shifted = [];
        for (let el = grid.parentElement; el; el = el.parentElement) {
            if (el.scrollLeft) shifted.push(`${el.tagName}.${el.className}: ${el.scrollLeft}`);
        }
        return {height: box.height, width: box.width, left: box.left, right: box.right, shifted,
                scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth,
                pageScrollWidth: document.documentElement.scrollWidth, pageWidth: document.documentElement.clientWidth};
    }""")


def test_paste_sums_warn_refuse_fix_submit(scene, browser, screenshots, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the database is read between browser steps
    problems = []
    page = open_page(browser, scene, "a_editor", DESKTOP, problems)
    page.goto(f"{scene.live_url}/admin/pages/add/cms/disclosurepage/{scene.item.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "东山村2026年11月村级财务收入、支出情况。")
    page.fill("#id_period_covered", "2026年11月")
    page.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option", has_text="财务表格").click()
    grid = page.locator("[data-fin-grid]")
    grid.locator("[data-caption]").fill(CAPTION)

    # The new table's grid: 2 columns × 3 rows; the paste fills the headings from the first line, grows it to
    # 4 columns and guesses the kinds of the new columns (amounts).
    paste(page, grid.locator('[data-row="0"][data-col="0"]'), PASTED)
    assert "已粘贴 4 行 × 4 列" in grid.locator("[data-status]").inner_text()
    headings = grid.locator("[data-heading]")
    assert [headings.nth(i).input_value() for i in range(headings.count())] == PASTED[0]
    kinds = grid.locator("[data-kind-of]")
    assert [kinds.nth(i).input_value() for i in range(kinds.count())] == ["text", "amount", "amount", "amount"]
    assert grid.locator("tbody tr").count() == 3
    assert grid.locator('[data-row="1"][data-col="2"]').input_value() == "12,000.50"

    # Live sums, also while typing.
    assert "各行之和：50,000.00" in grid.locator('[data-computed="1"]').inner_text()
    assert "各行之和：20,000.50" in grid.locator('[data-computed="2"]').inner_text()
    grid.locator('[data-row="2"][data-col="2"]').fill("8,000")
    assert "各行之和：20,000.50" in grid.locator('[data-computed="2"]').inner_text()
    grid.locator('[data-row="2"][data-col="2"]').fill("8,001")
    assert "各行之和：20,001.50" in grid.locator('[data-computed="2"]').inner_text()
    grid.locator('[data-row="2"][data-col="2"]').fill("8,000.00")
    kinds.nth(3).select_option("integer")
    assert "各行之和：6" in grid.locator('[data-computed="3"]').inner_text()

    # A wrong total is marked at once, with the sum and a one-click fix.
    grid.locator('[data-total="0"]').fill("合计")
    grid.locator('[data-total="1"]').fill("50,000.00")
    grid.locator('[data-total="2"]').fill("20,000.00")
    grid.locator('[data-total="3"]').fill("6")
    assert grid.locator('[data-computed="1"]').inner_text().strip().endswith("相符")
    assert "与各行之和 20,000.50 不符" in grid.locator('[data-computed="2"]').inner_text()
    assert grid.locator('[data-computed="2"] [data-action="use-sum"]').is_visible()
    english = english_on_screen(page.evaluate(COLLECT_TEXT))
    grid.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "financial-grid-desktop.png"))
    assert not english, english
    assert grid_box(page)["height"] < 900, grid_box(page)

    # Saving the draft: saved as entered, with the warning naming table, column and sum.
    page.locator("button.action-save").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    warning = messages(page)
    expected = f"财务表格“{CAPTION}”的“支出”列：各行相加为 20,000.50，但合计行填写的是 20,000.00。"
    assert "草稿已保存，但财务表格的合计与各行之和不符" in warning and expected in warning, warning
    page.screenshot(path=str(screenshots / "financial-grid-draft-warning.png"))
    entry = DisclosurePage.objects.get(title=TITLE)
    table = entry.get_latest_revision_as_object().body[0].value
    assert list(table["totals_row"]) == ["合计", "50000.00", "20000.00", "6"]  # numbers stored canonically
    assert [column["kind"] for column in table["columns"]] == ["text", "amount", "amount", "integer"]

    # The grid came back as saved, the mark still there; submitting is refused with the same message.
    grid = page.locator("[data-fin-grid]")
    assert grid.locator("[data-caption]").input_value() == CAPTION
    assert "不符" in grid.locator('[data-computed="2"]').inner_text()
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator('footer button[name="action-submit"]').first.click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("[data-fin-grid] [data-summary]")
    assert summary.is_visible() and expected in summary.inner_text(), summary.inner_text()
    assert page.locator('[data-fin-grid] [data-total="2"][aria-invalid="true"]').count() == 1
    summary.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "financial-grid-submit-refused.png"))
    assert not WorkflowState.objects.filter(object_id=str(entry.pk)).exists()
    # Wagtail's autosave may keep the refused form as a draft again; no workflow started, the draft unchanged.
    assert list(entry.get_latest_revision_as_object().body[0].value["totals_row"]) == ["合计", "50000.00", "20000.00", "6"]

    # Use the sum, submit: in review.
    page.locator('[data-fin-grid] [data-computed="2"] [data-action="use-sum"]').click()
    assert page.locator('[data-fin-grid] [data-total="2"]').input_value() == "20000.50"
    assert page.locator('[data-fin-grid] [data-computed="2"]').inner_text().strip().endswith("相符")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator('footer button[name="action-submit"]').first.click()
    page.wait_for_load_state("networkidle")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.current_workflow_state is not None, messages(page)
    assert list(entry.get_latest_revision_as_object().body[0].value["totals_row"]) == [
        "合计", "50000.00", "20000.50", "6"]
    page.context.close()
    assert not problems, problems


@pytest.fixture
def three_by_three(scene, tree):
    """A draft of the editor's holding a 3 × 3 financial table (and a text block after it)."""
    table = {"type": "financial_table", "value": {
        "caption": "2026年10月村级财务收支明细", "unit": "yuan",
        "columns": [{"heading": "项目", "kind": "text"}, {"heading": "收入", "kind": "amount"},
                    {"heading": "支出", "kind": "amount"}],
        "rows": [["上级转移支付", "50000.00", ""], ["道路修缮", "", "12000.00"], ["保洁工资", "", "8000.00"]],
        "totals_row": ["合计", "50000.00", "20000.00"],
    }}
    entry = tree.add_entry(scene.item, "2026年10月东山村村级财务收支公开", publish=False, owner=scene.users["a_editor"],
                           body=[table, text_block()])
    entry.save_revision(user=scene.users["a_editor"])
    return entry


@pytest.mark.parametrize("name,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_three_by_three_table_is_compact_and_fits_a_phone(scene, three_by_three, browser, screenshots, name,
                                                            viewport):
    """The old form of a 3 × 3 table was a ~2,000 px column of inputs; the grid is a table of its size.
    On a phone the grid scrolls inside its own box and the page never scrolls sideways."""
    problems = []
    page = open_page(browser, scene, "a_editor", viewport, problems)
    page.goto(f"{scene.live_url}/admin/pages/{three_by_three.pk}/edit/")
    grid = page.locator("[data-fin-grid]")
    grid.scroll_into_view_if_needed()
    box = grid_box(page)
    assert box["height"] < (700 if name == "desktop" else 800), box
    assert box["pageScrollWidth"] <= box["pageWidth"], box
    assert box["left"] >= 0 and box["right"] <= viewport["width"] + 1, box
    if name == "phone":
        assert box["scrollWidth"] > box["clientWidth"], box  # the grid scrolls inside its box
        cell = grid.locator('[data-row="2"][data-col="2"]')
        cell.focus()  # keyboard: the focused cell is scrolled into view inside the box
        page.keyboard.press("Enter")  # Enter moves down (to a new row), never submits the page
        assert grid.locator("tbody tr").count() == 4
    assert "各行之和：20,000.00" in grid.locator('[data-computed="2"]').inner_text()
    page.screenshot(path=str(screenshots / f"financial-grid-3x3-{name}.png"))
    print(f"3 × 3 grid on the {name}: {box['height']:.0f} px high")
    page.context.close()
    assert not problems, problems


def test_a_sheet_with_its_totals_line_and_a_paste_into_the_headings(scene, browser, screenshots):
    """Copied with its headings and its 合计 line: headings, rows and totals row land where they belong,
    and the totals add up. Pasting a line into a heading cell fills the headings from there."""
    sheet = [["项目", "收入", "支出"], ["上级转移支付", "50,000.00", ""], ["村内道路修缮材料费", "", "12,000.00"],
             ["保洁人员工资", "", "8,000.00"], ["合计", "50,000.00", "20,000.00"]]
    problems = []
    page = open_page(browser, scene, "a_editor", PHONE, problems)
    page.goto(f"{scene.live_url}/admin/pages/add/cms/disclosurepage/{scene.item.pk}/")
    page.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option", has_text="财务表格").click()
    grid = page.locator("[data-fin-grid]")
    paste(page, grid.locator('[data-row="0"][data-col="0"]'), sheet)
    assert [grid.locator("[data-heading]").nth(i).input_value() for i in range(3)] == sheet[0]
    assert grid.locator("tbody tr").count() == 3
    assert [grid.locator(f'[data-total="{i}"]').input_value() for i in range(3)] == sheet[-1]
    for column in (1, 2):
        assert grid.locator(f'[data-computed="{column}"]').inner_text().strip().endswith("相符")
    assert grid.locator("[data-differs]").count() == 0
    paste(page, grid.locator('[data-heading="1"]'), [["本月收入", "本月支出", "备注"]])
    assert [grid.locator("[data-heading]").nth(i).input_value() for i in range(4)] == [
        "项目", "本月收入", "本月支出", "备注"]
    assert grid.locator("[data-kind-of]").nth(3).input_value() == "text"
    grid.locator('[data-heading="0"]').focus()
    for _ in range(12):  # keyboard through the header row: the grid's box scrolls, the page does not
        page.keyboard.press("Tab")
    box = grid_box(page)
    assert box["pageScrollWidth"] <= box["pageWidth"] and box["scrollWidth"] > box["clientWidth"], box
    assert box["left"] >= 0 and box["right"] <= PHONE["width"] + 1 and not box["shifted"], str(box)
    grid.locator("[data-scroll]").evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    page.screenshot(path=str(screenshots / "financial-grid-phone-pasted.png"))
    page.context.close()
    assert not problems, problems
