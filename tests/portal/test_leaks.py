"""Nothing the public may not see reaches the portal's HTML, and no query string makes a page fail.

The crawl follows every portal link from the home page and runs searches for the hidden entries' own
words: drafts, scheduled, expired, withdrawn, 不予公开, specific-group and party-internal entries, ended
notices and blocks withheld by the secrecy review must appear nowhere.
"""

import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db

HIDDEN = ("DRAFT", "SCHEDULED", "EXPIRED", "WITHDRAWN", "WITHHELD", "SPECIFIC", "INTERNAL", "SECRET", "涉密",
          "往期公示", "javascript:")
HIDDEN_ENTRIES = ("draft", "scheduled", "expired", "withdrawn", "withheld", "specific_group", "party_members",
                  "party_unit", "township_unit", "notice_past")
SKIP_PREFIXES = ("/documents/", "/renditions/", "/media/", "/admin/", "/graphql/")


def crawl(client, start="/", limit=400) -> dict:
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        pages[url] = text
        for href in re.findall(r'href="([^"#]+)', text):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.netloc and parts.netloc != "testserver":
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local.startswith("/") and not local.startswith(SKIP_PREFIXES) and local not in seen:
                queue.append(local)
    return pages


def test_no_hidden_entry_or_block_appears_anywhere_in_the_portal(portal, demo):
    pages = crawl(portal)
    assert len(pages) > 25
    for word in ("干部任前公示", "关于加强财政管理的通知", "县委常委会会议情况"):
        assert any(word in text for text in pages.values()), word
    for url, text in pages.items():
        for word in HIDDEN:
            assert word not in text, (url, word)


@pytest.mark.parametrize("words", ["INTERNAL", "SECRET", "DRAFT", "WITHDRAWN", "往期公示", "党费收缴", "组织生活",
                                   "SCHEDULED定时发布", "不予公开"])
def test_searching_for_hidden_words_finds_nothing_hidden(portal, demo, words):
    response = portal.get("/search/", {"q": words})
    assert response.status_code == 200
    text = response.content.decode()
    results = re.search(r'<ol class="hits".*?</ol>', text, re.DOTALL)
    facets = re.search(r'<aside class="facets".*?</aside>', text, re.DOTALL)
    shown = (results.group(0) if results else "") + (facets.group(0) if facets else "")
    shown = re.sub(r'href="[^"]*"', "", shown)  # links repeat the query itself
    for word in HIDDEN:
        assert word not in shown, (words, word)


def test_hidden_entries_answer_the_same_404_as_missing_pages(portal, demo):
    missing = portal.get("/330199-000/government/policy/no-such-entry/")
    assert missing.status_code == 404
    for name in HIDDEN_ENTRIES:
        page = Page.objects.get(pk=demo.entry(name).pk)
        response = portal.get(page.url_path[len("/portal"):] if page.url_path.startswith("/portal/")
                              else page.url_path)
        assert response.status_code == 404, name
        assert response.content == missing.content, name


def test_party_internal_catalogue_rows_are_not_shown(portal, demo):
    text = portal.get("/330199-000/party/").content.decode()
    assert "党委工作" in text
    assert "党费收缴" not in text and "组织生活" not in text


HOSTILE = [
    {"q": "财" * 100_000},
    {"q": "财政\x00"},
    {"q": "财政", "after": "\x00"},
    {"q": "财政", "after": "x" * 5000},
    {"q": "财政", "after": "１２３"},
    {"q": "财政", "after": "c2VhcmNoOjk5OTk5OTk5OTk="},
    {"q": "财政", "trail": "x" * 50_000, "after": "c2VhcmNoOjk="},
    {"q": "财政", "trail": "\x00,,,\u00e9", "after": "c2VhcmNoOjk="},
    {"q": "财政", "domain": "secret", "org": "-1", "item": "9" * 30, "year": "0000", "sort": "'; drop"},
    {"q": "财政", "org": "99999999", "item": "99999999", "year": "2026"},
    {"q": "<script>alert(1)</script>"},
    {"q": "\"(AND OR NOT)*?:~^"},
    {"q": ["a", "b"]},
]


@pytest.mark.parametrize("params", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_query_strings_never_fail(portal, demo, params):
    response = portal.get("/search/", params)
    assert response.status_code in (200, 400), response.status_code
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("url", [
    "/units/%00/", "/units/330199-000%00/", "/units/" + "9" * 5000 + "/", "/units/%ED%A0%80/",
    "/330199-000/government/?page=%00", "/330199-000/government/budget/?page=99999999999999999999",
    "/330199-000/government/budget/?page=-5", "/330199-000/government/%00/", "/330199-000/nothing/",
    "/330199-000/government/" + "a/" * 300, "/search/?q=%ED%A0%80", "/search/?q=%FF%FE", "/?%00=%00",
    "/units/330199-000/board/?x=%00",
])
def test_hostile_paths_never_fail(portal, demo, url):
    response = portal.get(url)
    assert response.status_code in (200, 301, 302, 400, 404), (url, response.status_code)
