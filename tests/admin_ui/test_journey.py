"""Issue 11: the editors' journey in a real browser, one account after the other.

The village editor adds a village-affairs entry with a financial table (pasted from Excel into the grid) and a
text holding personal data, sees the personal-data warning, masks, submits; the reviewer sends it back with a
comment; the editor reads the banner, corrects and resubmits (on a phone); the reviewer approves (on a phone);
保密审查, 村务监督委员会 and 审批 follow; the entry is published; the approver withdraws it and opens the
catalogue row's form (approvers keep the rows). On every page visited: no English interface text, no answer
≥ 400 (but Wagtail's autosave refusing an unfinished form), no console error; at 390 × 844 no sideways
scroll, the action bar in view and uncovered, the side panel off the form. A screenshot of each step goes to
JOURNEY_SCREENSHOTS (else the admin tests' folder); docs/editors.md shows a selection (docs/images/journey)."""

import os
import re
from pathlib import Path

import pytest

from cms.models import DisclosurePage
from tests.moderation.conftest import ID_MASKED, ID_NUMBER

from .conftest import BROWSER_TEST, COLLECT_TEXT, english_on_screen
from .test_admin_layout import LAYOUT

pytestmark = BROWSER_TEST

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TITLE = "2026年11月东山村村级财务收支公开"
MOBILE = "13812345678"
COMMENT = "请在概述中写明收支合计金额。"
# Names of programs that the financial table's help mentions (复制自 Excel 或 WPS): not interface text.
PRODUCT_NAMES = ("Excel", "WPS")
# How Chromium reports any answer ≥ 400 on the console; the answers themselves are judged in Journey.answered.
NETWORK_ERROR = "Failed to load resource: the server responded with a status of"


class Journey:
    """The browser sessions of the journey and what they met on the way."""

    def __init__(self, scene, browser, folder: Path):
        self.scene, self.browser, self.folder = scene, browser, folder
        self.problems: list[str] = []
        self.shots: list[str] = []

    def open(self, username: str, viewport=DESKTOP):
        context = self.browser.new_context(locale="zh-CN", viewport=viewport,
                                           permissions=["clipboard-read", "clipboard-write"])
        context.add_cookies([{"name": "sessionid", "value": self.scene.cookies[username], "url": self.scene.live_url}])
        page = context.new_page()
        page.on("response", self.answered)
        page.on("console", lambda message: message.type == "error" and not message.text.startswith(NETWORK_ERROR)
                and self.problems.append(f"console error on {page.url}: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"script error on {page.url}: {error}"))
        return page

    def answered(self, response):
        """Any answer ≥ 400 is a problem, except Wagtail's autosave refusing a form that is not valid yet
        (a JSON 400 to its background POST; the footer says 自动保存已暂停 and the editor saves by hand)."""
        if response.status < 400:
            return
        autosave = (response.status == 400 and response.request.method == "POST"
                    and response.headers.get("content-type") == "application/json")
        if not autosave:
            self.problems.append(f"HTTP {response.status} {response.request.method} {response.url}")

    def goto(self, page, path: str, name: str):
        response = page.goto(self.scene.live_url + path)
        assert response.status == 200, (name, path, response.status)
        self.look(page, name)

    def look(self, page, name: str):
        """The step's screenshot and the untranslated-text check of the page as it stands."""
        page.wait_for_load_state("networkidle")
        number = len(self.shots) + 1
        filename = f"{number:02d}-{name}.jpg"
        page.screenshot(path=str(self.folder / filename), type="jpeg", quality=70)
        self.shots.append(filename)
        english = english_on_screen(page.evaluate(COLLECT_TEXT), allowed=PRODUCT_NAMES)
        if english:
            self.problems.append(f"English on {filename} ({page.url}): {english}")

    def messages(self, page) -> str:
        return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""

    def action(self, page, selector: str, modal=False):
        """Open the footer's action menu and press one of its items; wait for the next page or the modal."""
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
        item = page.locator(f"footer {selector}").first
        if modal:
            item.click()
            page.locator(".modal form").wait_for()
            page.wait_for_timeout(400)  # the modal's fade-in, for the screenshot
        else:
            with page.expect_navigation():
                item.click()
            page.wait_for_load_state("networkidle")

    def submit_modal(self, page):
        """Press the modal's button: the decision is posted with the entry's form, and the next page loads."""
        with page.expect_navigation():
            page.locator(".modal form [type='submit']").first.click()
        page.wait_for_load_state("networkidle")

    def phone_layout(self, page, name: str):
        """390×844: no sideways scroll, the form fits, the action bar in view at the top of the form and at
        its end, the closed side panel not over the title field."""
        for position in ("top", "bottom"):
            if position == "bottom":
                page.evaluate("() => { const m = document.querySelector('main.content-wrapper'); m.scrollTop = m.scrollHeight; }")
                page.wait_for_timeout(200)
            layout = page.evaluate(LAYOUT)
            assert layout["scrollWidth"] <= layout["clientWidth"], (name, position, layout)
            form = layout["form"]
            assert form["left"] >= 0 and form["right"] <= PHONE["width"] + 1, (name, position, layout)
            footer = layout["footer"]
            assert footer and footer["height"] > 0, (name, layout)
            assert footer["top"] >= 0 and footer["bottom"] <= PHONE["height"] + 1, (name, position, layout)
            # Every button of the bar is the element under its own centre (nothing lies over it).
            covered = page.evaluate("""() => Array.from(document.querySelectorAll('footer .actions button'))
                .filter((button) => button.getClientRects().length).map((button) => {
                    const box = button.getBoundingClientRect();
                    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                    return button.contains(top) ? null : [button.innerText.trim(), top && top.className];
                }).filter(Boolean)""")
            assert not covered, (name, position, covered)
            if layout["side"] and layout["title"]:
                side, title = layout["side"], layout["title"]
                assert not (side["width"] > 0 and side["left"] < title["right"] - 1
                            and side["left"] + side["width"] > title["left"] + 1), (name, position, layout)
        page.evaluate("() => { document.querySelector('main.content-wrapper').scrollTop = 0; }")


# The table as an editor copies it from Excel or WPS: headings, rows and the totals row, tab-separated.
TABLE = [["项目", "收入", "支出"], ["上级转移支付", "50,000.00", ""], ["村内道路修缮材料费", "", "12,000.00"],
         ["保洁人员工资", "", "8,000.00"], ["合计", "50,000.00", "20,000.00"]]


def paste_financial_table(page):
    """A real paste into the grid editor (blocks/table_widget.py): the table on the clipboard as Excel puts it
    there, Ctrl+V in the first cell; the headings, the rows and the totals row land in place."""
    grid = page.locator("[data-fin-grid]")
    grid.locator("[data-caption]").fill("2026年11月村级财务收支明细")
    page.evaluate("(text) => navigator.clipboard.writeText(text)",
                  "\r\n".join("\t".join(row) for row in TABLE) + "\r\n")
    grid.locator('[data-row="0"][data-col="0"]').click()
    page.keyboard.press("Control+V")
    assert grid.locator('[data-heading="2"]').input_value() == "支出"
    assert grid.locator('[data-row="2"][data-col="0"]').input_value() == "保洁人员工资"
    assert grid.locator('[data-total="2"]').input_value() == "20,000.00"


@pytest.fixture
def folder(screenshots) -> Path:
    path = Path(os.environ.get("JOURNEY_SCREENSHOTS") or screenshots)
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("[0-9][0-9]-*.jpg"):  # the previous run's steps
        old.unlink()
    return path


def test_the_editors_journey(scene, browser, folder, monkeypatch):
    # The test reads the database between browser steps, inside Playwright's event loop; the live server's
    # thread is idle meanwhile.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    journey = Journey(scene, browser, folder)

    # 1. 编辑 (郭勇): from the dashboard to the catalogue row, 添加子页面 straight to the entry form.
    editor = journey.open("a_editor")
    journey.goto(editor, "/admin/", "editor-dashboard")
    journey.goto(editor, f"/admin/pages/{scene.item.pk}/", "editor-catalogue-row")
    editor.locator(f'a[href$="/pages/{scene.item.pk}/add_subpage/"]').first.click()
    editor.wait_for_url(re.compile(rf"/admin/pages/add/cms/disclosurepage/{scene.item.pk}/"))
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "东山村2026年11月村级财务收入、支出情况。")
    editor.fill("#id_period_covered", "2026年11月")
    editor.locator("button.c-sf-add-button").first.click()
    editor.locator(".w-combobox__option", has_text="财务表格").click()
    paste_financial_table(editor)
    editor.locator("button.c-sf-add-button").first.click()  # before the table: the text comes first
    editor.locator(".w-combobox__option", has_text="文本").first.click()
    text = editor.locator(".public-DraftEditor-content").first
    text.click()
    text.press("End")
    editor.keyboard.insert_text(f"现将11月村级财务收支情况公布如下。报账员张三，身份证号{ID_NUMBER}，电话{MOBILE}。")
    # Draftail writes its hidden input a moment after typing: save only once the text is in the form.
    editor.wait_for_function("(number) => Array.from(document.querySelectorAll('input[type=hidden]')).some("
                             "(input) => input.value.includes(number))", arg=ID_NUMBER)
    text.evaluate("(element) => element.closest('[data-contentpath]').scrollIntoView({block: 'start'})")
    journey.look(editor, "editor-new-entry")
    with editor.expect_navigation():
        editor.locator("button.action-save").first.click()

    # 2. The personal-data warning on saving, with the way to the masks.
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    entry = DisclosurePage.objects.get(title=TITLE)
    warning = journey.messages(editor)
    assert "含有个人信息" in warning or "个人信息" in warning, warning
    assert ID_NUMBER not in warning and ID_MASKED in warning, warning
    journey.look(editor, "editor-personal-data-warning")
    editor.locator(".messages a", has_text="个人信息").first.click()
    editor.wait_for_url(re.compile(rf"/admin/moderation/entries/{entry.pk}/personal-data/"))
    journey.look(editor, "editor-findings")
    with editor.expect_navigation():
        editor.get_by_role("button", name="按标准规则去标识化").click()
    journey.look(editor, "editor-masked")
    body = str(DisclosurePage.objects.get(pk=entry.pk).get_latest_revision_as_object().body.raw_data)
    assert ID_NUMBER not in body and MOBILE not in body and ID_MASKED in body, body

    # 3. 提交审核.
    journey.goto(editor, f"/admin/pages/{entry.pk}/edit/", "editor-before-submit")
    journey.action(editor, 'button[name="action-submit"]')
    journey.look(editor, "editor-submitted")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.current_workflow_task_state.task.name.endswith("审核"), entry.current_workflow_task_state
    editor.context.close()

    # 4. 审核 (王芳) sends it back with a comment.
    reviewer = journey.open("a_reviewer")
    journey.goto(reviewer, "/admin/", "reviewer-dashboard")
    assert TITLE in reviewer.locator("main").inner_text()
    journey.goto(reviewer, f"/admin/pages/{entry.pk}/edit/", "reviewer-entry")
    journey.action(reviewer, 'button[data-workflow-action-name="reject"]', modal=True)
    reviewer.locator(".modal textarea[name='comment']").fill(COMMENT)
    journey.look(reviewer, "reviewer-request-changes")
    journey.submit_modal(reviewer)
    journey.look(reviewer, "reviewer-sent-back")
    assert "退回修改" in journey.messages(reviewer), journey.messages(reviewer)
    reviewer.context.close()

    # 5. The editor, on a phone: the banner names the reviewer, the step and the comment; corrects; resubmits.
    editor = journey.open("a_editor", PHONE)
    journey.goto(editor, "/admin/", "phone-editor-dashboard")
    journey.goto(editor, f"/admin/pages/{entry.pk}/edit/", "phone-editor-returned")
    banner = journey.messages(editor)
    assert "已退回修改：王芳" in banner and "审核" in banner and COMMENT in banner, banner
    journey.phone_layout(editor, "editor")
    editor.fill("#id_summary", "东山村2026年11月村级财务收支情况：收入50,000.00元，支出20,000.00元。")
    journey.look(editor, "phone-editor-corrected")
    journey.action(editor, 'button[name="action-submit"]')
    journey.look(editor, "phone-editor-resubmitted")
    editor.context.close()

    # 6. The reviewer approves, on a phone.
    reviewer = journey.open("a_reviewer", PHONE)
    journey.goto(reviewer, f"/admin/pages/{entry.pk}/edit/", "phone-reviewer-entry")
    journey.phone_layout(reviewer, "reviewer")
    journey.action(reviewer, 'button[data-workflow-action-name="approve"]')
    journey.look(reviewer, "phone-reviewer-approved")
    reviewer.context.close()

    # 7. 保密审查 (李强): 公开.
    secrecy = journey.open("a_secrecy_reviewer")
    journey.goto(secrecy, f"/admin/pages/{entry.pk}/edit/", "secrecy-entry")
    journey.action(secrecy, 'button[data-workflow-action-name="review"]', modal=True)
    secrecy.locator(".modal input[name='outcome'][value='disclose']").check()
    secrecy.locator(".modal textarea[name='notes']").fill("已去标识化，可以公开。")
    journey.look(secrecy, "secrecy-review")
    journey.submit_modal(secrecy)
    journey.look(secrecy, "secrecy-decided")
    secrecy.context.close()

    # 8. 村务监督委员会 (赵敏) approves.
    supervisor = journey.open("a_supervisor")
    journey.goto(supervisor, "/admin/", "supervisor-dashboard")
    journey.goto(supervisor, f"/admin/pages/{entry.pk}/edit/", "supervisor-entry")
    journey.action(supervisor, 'button[data-workflow-action-name="approve"]')
    journey.look(supervisor, "supervisor-approved")
    supervisor.context.close()

    # 9. 审批 (陈静) approves: published.
    approver = journey.open("a_approver")
    journey.goto(approver, "/admin/", "approver-dashboard")
    journey.goto(approver, f"/admin/pages/{entry.pk}/edit/", "approver-entry")
    journey.action(approver, 'button[data-workflow-action-name="approve"]', modal=True)
    approver.locator(".modal textarea[name='comment']").fill("同意公开。")
    journey.look(approver, "approver-approve")
    journey.submit_modal(approver)
    journey.look(approver, "approver-published")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.live and entry.current_workflow_state is None, entry

    # 10. The approver withdraws it: the confirmation, then 已撤回.
    journey.goto(approver, f"/admin/pages/{entry.pk}/edit/", "approver-published-entry")
    journey.action(approver, 'a[href*="/withdraw/"]')
    assert re.search(rf"/admin/entries/{entry.pk}/withdraw/", approver.url), approver.url
    approver.fill("textarea[name='reason']", "收支明细有误，核对后重新公开。")
    journey.look(approver, "approver-withdraw")
    with approver.expect_navigation():
        approver.locator("main form [type='submit']").click()
    assert "已撤回" in journey.messages(approver), journey.messages(approver)
    journey.look(approver, "approver-withdrawn")
    journey.goto(approver, f"/admin/pages/{scene.item.pk}/", "approver-catalogue-row")
    row = approver.locator("tr", has_text=TITLE)
    assert "已撤回" in row.inner_text(), row.inner_text()
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert not entry.live and entry.is_withdrawn

    # 11. The approver also keeps the catalogue rows (公开事项): the row's form.
    journey.goto(approver, f"/admin/pages/{scene.item.pk}/edit/", "keeper-row-form")
    approver.context.close()

    assert not journey.problems, "\n".join(journey.problems) + f"\n(screenshots in {folder})"
