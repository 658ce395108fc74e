"""Browser tests of the admin as editors and reviewers see it: Playwright driving Debian's chromium
against pytest-django's live server, each account with the admin in zh-hans."""

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Site
from wagtail.users.models import UserProfile

from cms.models import DisclosurePage, Domain
from cms.models.organisations import VillageRole
from cms.units import platform_name
from tests.conftest import make_user
from tests.moderation.conftest import act, submit, text_block

CHROMIUM = "/usr/bin/chromium"
# The marks of every browser test here: skipped without Debian's chromium; a live server needs committed data.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Chinese names of the village's accounts: (family name, given name).
NAMES = {
    "a_editor": ("郭", "勇"), "a_reviewer": ("王", "芳"), "a_secrecy_reviewer": ("李", "强"),
    "a_supervisor": ("赵", "敏"), "a_approver": ("陈", "静"),
}
ROLES = list(NAMES)
# Runs of Latin letters allowed on a Chinese screen: formats, acronyms and codes users know.
ALLOWED_WORDS = {"API", "GraphQL", "XLSX", "XLS", "PDF", "DOCX", "DOC", "JPG", "JPEG", "PNG", "ID", "URL",
                 "CSV", "YYYY", "MM", "DD", "HH"}


@dataclass
class Scene:
    """A village with a catalogue row, an entry at 审核, an entry sent back, and a published one."""

    live_url: str
    users: dict
    item: object
    in_review: DisclosurePage
    returned: DisclosurePage
    published: DisclosurePage
    cookies: dict = field(default_factory=dict)


@pytest.fixture
def chinese_installation(settings):
    """The product's default language (zh-hans), so that provisioning names workflows, tasks and the
    site in Chinese as it does on a real installation."""
    settings.LANGUAGE_CODE = "zh-hans"
    Site.objects.update(site_name=platform_name())


@pytest.fixture
def scene(chinese_installation, tree, live_server) -> Scene:
    users = dict(tree.users)
    users["a_supervisor"] = make_user("a_supervisor", tree.village_a.group_for(VillageRole.SUPERVISOR))
    for username, (family, given) in NAMES.items():
        user = users[username]
        user.last_name, user.first_name = family, given
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级道路建设", slug="roads")

    def draft(title):
        entry = tree.add_entry(item, title, publish=False, body=[text_block()], owner=users["a_editor"],
                               summary="东山村村内道路修缮工程的公示。")
        entry.save_revision(user=users["a_editor"])
        return DisclosurePage.objects.get(pk=entry.pk)

    in_review = draft("2026年村内道路修缮工程公示")
    submit(in_review, users["a_editor"])
    returned = draft("2026年东山村桥梁维修公示")
    submit(returned, users["a_editor"])
    act(returned, users["a_reviewer"], "reject", comment="请补充工程预算明细。")
    published = tree.add_entry(item, "2025年道路养护情况公开", summary="道路养护。", body=[text_block()],
                               owner=users["a_editor"])
    result = Scene(live_server.url, users, item, in_review, returned, published)
    for username in ROLES:
        client = Client()
        client.force_login(users[username])
        result.cookies[username] = client.cookies["sessionid"].value
    return result


@pytest.fixture
def screenshots() -> Path:
    """Where the browser tests save their screenshots (ADMIN_UI_SCREENSHOTS, else a temp folder)."""
    path = Path(os.environ.get("ADMIN_UI_SCREENSHOTS") or tempfile.mkdtemp(prefix="admin-ui-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Visible text nodes and the placeholder / title / aria-label of visible elements.
COLLECT_TEXT = """() => {
  const visible = (el) => {
    if (!el || el.closest('[hidden], template, script, style, noscript, code, pre, .w-sr-only')) return false;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    return el.getClientRects().length > 0;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (text && visible(node.parentElement)) out.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
    if (!visible(el)) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  return out;
}"""

WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def english_on_screen(texts, allowed=()) -> list[str]:
    """The texts that hold a run of Latin letters other than the allowed words (and data we entered)."""
    allowed_words = ALLOWED_WORDS | set(allowed)
    return sorted({text for text in texts if any(word not in allowed_words for word in WORD.findall(text))})
