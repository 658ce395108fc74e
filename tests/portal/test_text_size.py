"""适老化 large text without JavaScript: a link sets a cookie and goes back; every page links one small
stylesheet that enlarges text and spacing for that reader. The pages themselves stay the same for everyone."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_offers_large_text_and_links_the_size_stylesheet(portal, demo):
    for path in ("/", "/units/", "/search/?q=财政", "/units/330199-000/board/"):
        page = portal.get(path).content.decode()
        assert '<link rel="stylesheet" href="/text-size.css">' in page, path
        assert ">大字号</a>" in page and ">标准字号</a>" in page, path
    search = portal.get("/search/?q=财政").content.decode()
    assert "/text-size/?size=large&amp;next=%2Fsearch%2F%3Fq%3D%25E8%25B4%25A2%25E6%2594%25BF" in search


def test_the_link_remembers_large_text_and_goes_back(portal, demo):
    response = portal.get("/text-size/", {"size": "large", "next": "/units/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/units/?x=1"
    cookie = response.cookies["portal_text_size"]
    assert cookie.value == "large" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]
    css = portal.get("/text-size.css")
    assert css["Content-Type"].startswith("text/css") and "font-size:22px" in css.content.decode()
    assert "private" in css["Cache-Control"] and "Cookie" in css["Vary"]
    back = portal.get("/text-size/", {"size": "normal", "next": "/"})
    assert back.cookies["portal_text_size"].value == ""
    assert portal.get("/text-size.css").content == b""


def test_pages_are_the_same_in_both_sizes(portal, demo):
    normal = portal.get("/units/")
    portal.cookies["portal_text_size"] = "large"
    large = portal.get("/units/")
    assert normal.content == large.content and normal["ETag"] == large["ETag"]
    assert "Cookie" not in large.get("Vary", "")


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com",
                                    "javascript:alert(1)", "", "\x00"])
def test_the_way_back_stays_on_the_portal(portal, demo, target):
    response = portal.get("/text-size/", {"size": "large", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_robots_keep_crawlers_off_the_switch(portal, demo):
    assert "Disallow: /text-size/" in portal.get("/robots.txt").content.decode()


def test_without_next_the_switch_goes_back_to_the_referring_portal_page(portal, demo):
    back = portal.get("/text-size/", {"size": "large"}, HTTP_REFERER="http://testserver/units/?a=1")
    assert back["Location"] == "/units/?a=1"
    elsewhere = portal.get("/text-size/", {"size": "large"}, HTTP_REFERER="https://evil.example.com/x/")
    assert elsewhere["Location"] == "/"
