"""Issue 11: every admin screen an editor or reviewer meets is in Chinese."""


import pytest

from .conftest import BROWSER_TEST, COLLECT_TEXT, ROLES, english_on_screen

pytestmark = BROWSER_TEST


def screens(scene):
    return {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{scene.item.pk}/",
        "edit-in-review": f"/admin/pages/{scene.in_review.pk}/edit/",
        "edit-returned": f"/admin/pages/{scene.returned.pk}/edit/",
        "history": f"/admin/pages/{scene.returned.pk}/history/",
        "workflow-history": f"/admin/pages/{scene.returned.pk}/workflow_history/",
        "search": "/admin/pages/search/?q=修缮",
        "documents": "/admin/documents/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_english_on_the_screens_of(role, scene, browser, screenshots):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": scene.cookies[role], "url": scene.live_url}])
    page = context.new_page()
    found = {}
    for name, path in screens(scene).items():
        response = page.goto(scene.live_url + path)
        assert response.status < 400 or response.status == 403, (name, response.status)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=screenshots / f"{role}-{name}.png", full_page=True)
        english = english_on_screen(page.evaluate(COLLECT_TEXT))
        if english:
            found[name] = english
    context.close()
    assert not found, f"English on the screens of {role} (screenshots in {screenshots}): {found}"


def test_no_english_while_an_editor_corrects_a_returned_entry(scene, browser, screenshots):
    """Autosave, the block picker and the validation banner: text that only appears on use."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": scene.cookies["a_editor"], "url": scene.live_url}])
    page = context.new_page()
    page.goto(f"{scene.live_url}/admin/pages/{scene.returned.pk}/edit/")
    page.wait_for_load_state("networkidle")
    found = {}

    def look(name):
        page.wait_for_timeout(1500)
        page.screenshot(path=screenshots / f"a_editor-{name}.png")
        english = english_on_screen(page.evaluate(COLLECT_TEXT))
        if english:
            found[name] = english

    page.fill("#id_summary", "东山村桥梁维修工程的公示，附预算明细。")
    look("autosave")
    page.locator("button.c-sf-add-button").first.click()
    look("block-picker")
    page.keyboard.press("Escape")
    page.fill("#id_title", "")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    look("validation")
    context.close()
    assert not found, f"English while editing (screenshots in {screenshots}): {found}"
