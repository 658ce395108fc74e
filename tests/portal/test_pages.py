"""Portal pages through the real URLs (config/urls.py): what each page shows, caching, and friendly errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def url_of(page) -> str:
    return Page.objects.get(pk=page.pk).url


def html(response) -> str:
    return response.content.decode()


def test_home_shows_the_three_domains_latest_entries_and_notices_with_days_left(portal, demo):
    response = portal.get("/")
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="zh-CN">' in page
    for word in ("党务公开", "政务公开", "村务公开", "县委常委会会议情况", "村务财务收支公开第12期", "干部任前公示"):
        assert word in page, word
    assert "还剩 <span class=\"days\">6</span> 天" in page
    assert "往期公示" not in page


def test_units_tree_and_unit_page_with_its_catalogues(portal, demo):
    page = html(portal.get("/units/"))
    for name in ("示范县人民政府", "城关镇人民政府", "东山村村民委员会", "示范县财政局"):
        assert name in page
    assert page.index("示范县人民政府") < page.index("城关镇人民政府") < page.index("东山村村民委员会")
    unit = html(portal.get("/units/330199-000/"))
    assert "政务公开目录" in unit and "党务公开目录" in unit and "0571-1234567" in unit
    assert 'href="/units/330199-000/government/"' in unit
    catalogue = portal.get("/units/330199-000/government/")
    assert catalogue.status_code == 200 and "规范性文件" in html(catalogue)
    assert portal.get("/units/330199-000/village/").status_code == 404
    assert portal.get("/units/330199-000/other/").status_code == 404
    assert portal.get("/units/330199-999/").status_code == 404
    assert portal.get("/units/not-a-code/").status_code == 404


def test_unit_page_path_of_the_cms_renders_the_unit(portal, demo):
    response = portal.get("/330199-000/330199-101/")
    assert response.status_code == 200 and "城关镇人民政府" in html(response)


def test_catalogue_shows_the_row_tree_elements_entries_and_due_dates(portal, demo):
    response = portal.get("/330199-000/government/")
    assert response.status_code == 200
    page = html(response)
    assert "政策文件" in page and "规范性文件" in page and "一级" in page and "二级" in page
    assert "预算、决算、三公经费" in page and "《预算法》第十四条" in page and "定期公开（每年）" in page
    assert "政府网站、政府公报" in page and "示范县财政局" in page
    assert "下次应公开" in page
    assert "关于加强财政管理的通知" in page


def test_a_row_lists_its_entries_with_numbered_pages(portal, demo):
    response = portal.get(url_of(demo.items["budget"]))
    assert response.status_code == 200
    page = html(response)
    assert "2026年部门预算" in page and "2025年决算" in page and "共 2 条" in page
    assert portal.get(url_of(demo.items["budget"]) + "?page=9").status_code == 404
    assert portal.get(url_of(demo.items["budget"]) + "?page=abc").status_code == 200


def test_an_entry_path_is_found_by_the_api_alone_not_by_wagtail_routing_first(portal, demo):
    """config/urls.py sends page paths to the portal ahead of Wagtail's serve view: the page costs the
    queries of its GraphQL operation and no walk down the tree (a query or two per level of the path)."""
    path = url_of(demo.entry("policy"))
    portal.get(path)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert portal.get(path).status_code == 200
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in queries.captured_queries
              if " FROM " in query["sql"]]
    assert '"wagtailcore_site"' not in tables
    # the entry, its catalogue row, its links and what they point to, files, images, renditions
    assert len(queries.captured_queries) <= 8, [query["sql"][:120] for query in queries.captured_queries]


def test_entry_page_shows_the_metadata_table_and_every_block(portal, demo):
    response = portal.get(url_of(demo.entry("policy")))
    assert response.status_code == 200
    page = html(response)
    for label in ("索引号", "信息名称", "文号", "发布机构", "成文日期", "发布日期", "公开方式", "有效性"):
        assert f'<th scope="row">{label}</th>' in page, label
    assert "示政发〔2026〕12号" in page and "主动公开" in page
    assert "一、总体要求" in page  # rich text
    assert "2026年9月收支" in page and "1500.50" in page  # totals
    assert "<tfoot>" in page and "合计" in page
    assert "公务接待费" in page and "三公" in page  # public expenses
    assert "张三" in page and "副科长" in page  # person list
    assert "项目总投资" in page and "1,200 万元" in page  # key facts
    assert "<blockquote>" in page and "第二十条" in page  # legal basis
    assert "附件一" in page and "PDF" in page and "字节" in page  # attachments with type and size
    assert "会议现场" in page and "<img" in page  # gallery
    assert "javascript:" not in page
    assert "《关于加强财政管理的通知》政策解读" in page  # 政策解读 on the policy


def test_entry_row_and_unit_pages_invite_feedback_on_themselves(portal, demo):
    entry, row = demo.entry("policy"), demo.items["budget"]
    assert f'href="/feedback/?entry={entry.pk}"' in html(portal.get(url_of(entry)))
    assert f'href="/feedback/?row={row.pk}"' in html(portal.get(url_of(row)))
    unit = html(portal.get("/units/330199-000/"))
    assert 'href="/feedback/?unit=330199-000"' in unit and 'href="/feedback/units/330199-000/"' in unit


def test_the_interpretation_links_back_to_its_policy(portal, demo):
    page = html(portal.get(url_of(demo.entry("interpretation"))))
    assert "解读的政策文件" in page and url_of(demo.entry("policy")) in page


def test_a_notice_shows_its_period_and_state(portal, demo):
    page = html(portal.get(url_of(demo.entry("notice_now"))))
    assert "公示期" in page and "公示中" in page and "还剩 6 天" in page


def test_the_notice_board_is_large_type_and_printable(portal, demo):
    response = portal.get("/units/330199-000/board/")
    assert response.status_code == 200
    page = html(response)
    assert 'class="board"' in page and "@page{size:A4" in page and "干部任前公示" in page
    assert "往期公示" not in page


def test_search_highlights_and_offers_facets_that_keep_the_query(portal, demo):
    response = portal.get("/search/", {"q": "财政"})
    assert response.status_code == 200
    page = html(response)
    assert "关于加强<em>财政</em>管理的通知" in page
    assert "/search/?q=%E8%B4%A2%E6%94%BF&amp;domain=government" in page
    filtered = html(portal.get("/search/", {"q": "财政", "domain": "government"}))
    assert 'aria-current="true">政务公开' in filtered and "不限" in filtered
    dated = html(portal.get("/search/", {"q": "财政", "sort": "date"}))
    assert dated.index("政策解读") < dated.index("关于加强<em>财政</em>管理的通知</a>")


def test_search_pages_forward_with_the_api_cursor(portal, demo):
    import re

    page = html(portal.get("/search/", {"q": "财务"}))
    assert "找到 13 条结果，第 1–10 条" in page
    links = re.findall(r'href="([^"]*after=[^"]*)"', page)
    second = portal.get(links[0].replace("&amp;", "&"))
    assert second.status_code == 200
    assert "第 2 页" in html(second) and "第 11–13 条" in html(second) and "上一页" in html(second)
    back = re.findall(r'href="([^"]*)" rel="prev"', html(second))[0].replace("&amp;", "&")
    assert "after" not in back and "找到 13 条结果，第 1–10 条" in html(portal.get(back))


def test_search_messages_in_chinese(portal, demo):
    assert "请输入要搜索的内容" in html(portal.get("/search/", {"q": "  "}))
    too_long = portal.get("/search/", {"q": "财" * 201})
    assert too_long.status_code == 400 and "搜索词太长了" in html(too_long)
    nothing = html(portal.get("/search/", {"q": "不存在的词语组合甲乙丙"}))
    assert "没有找到" in nothing
    bad_cursor = portal.get("/search/", {"q": "财政", "after": "forged"})
    assert bad_cursor.status_code == 400 and "翻页链接已失效" in html(bad_cursor)


def test_anonymous_pages_are_cacheable_with_an_etag(portal, demo):
    response = portal.get("/")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"] and response["Content-Language"] == "zh-CN"
    again = portal.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert portal.post("/").status_code == 405


def test_an_api_that_cannot_answer_gives_a_friendly_503(portal, demo, settings):
    settings.PORTAL_GRAPHQL_URL = "http://127.0.0.1:9/graphql/"
    settings.PORTAL_GRAPHQL_TIMEOUT = 2
    response = portal.get("/")
    assert response.status_code == 503 and "请稍后" in html(response)
    assert "no-store" in response["Cache-Control"]


def test_a_graphql_error_on_our_side_is_a_friendly_page(portal, demo, monkeypatch):
    from portal import client

    monkeypatch.setattr(client, "_execute_in_process", lambda *args: {
        "data": None, "errors": [{"message": "x", "extensions": {"code": "SEARCH_UNAVAILABLE"}}]})
    response = portal.get("/search/", {"q": "财政"})
    assert response.status_code == 503 and "暂时无法显示" in html(response)


def test_atom_feeds_per_unit_and_domain(portal, demo):
    unit = portal.get("/units/330199-000/feed.xml")
    assert unit.status_code == 200 and unit["Content-Type"].startswith("application/atom+xml")
    text = unit.content.decode()
    assert "<feed" in text and "关于加强财政管理的通知" in text and "村务财务收支公开第1期" in text  # with subunits
    assert "INTERNAL" not in text and "DRAFT" not in text
    village = portal.get("/feeds/village.xml").content.decode()
    assert "村务财务收支公开第1期" in village and "关于加强财政管理的通知" not in village
    assert portal.get("/feeds/secret.xml").status_code == 404
    assert portal.get("/units/330199-999/feed.xml").status_code == 404


def test_sitemap_and_robots(portal, demo):
    sitemap = portal.get("/sitemap.xml")
    assert sitemap.status_code == 200
    text = sitemap.content.decode()
    assert "http://testserver/units/330199-000/government/" in text
    assert f"http://testserver{url_of(demo.entry('policy'))}" in text
    assert "INTERNAL" not in text and "draft" not in text
    robots = portal.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_sitemap_follows_the_cursor_up_to_its_limit(portal, demo, settings):
    settings.PORTAL_SITEMAP_MAX_ENTRIES = 1
    text = portal.get("/sitemap.xml").content.decode()
    assert text.count("<lastmod>") <= 100


def test_page_paths_of_the_cms_are_cacheable_too(portal, demo):
    response = portal.get(url_of(demo.entry("policy")))
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert portal.get(url_of(demo.entry("policy")), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_search_page_links_carry_the_trail_of_cursors_back():
    from portal.views import page_url

    assert page_url({"q": "预算", "domain": "village"}, []) == "/search/?q=%E9%A2%84%E7%AE%97&domain=village"
    assert page_url({"q": "a"}, ["c1"]) == "/search/?q=a&after=c1"
    assert page_url({"q": "a", "after": "c9", "trail": ["c8"]}, ["c1", "c2", "c3"]) == \
        "/search/?q=a&after=c3&trail=c1%2Cc2"


def test_rows_of_the_same_name_are_told_apart_by_their_unit_in_the_facet():
    from portal.views import facet_groups

    def row(name, unit):
        return {"fullName": name, "organisation": {"shortName": unit}}

    (group,) = facet_groups([{"name": "CATALOGUE_ITEM", "buckets": [
        {"key": "7", "count": 22, "catalogueItem": row("村级财务 / 财务收支情况", "南街村")},
        {"key": "9", "count": 7, "catalogueItem": row("村级财务 / 财务收支情况", "柳湾村")},
        {"key": "4", "count": 3, "catalogueItem": row("党务公开 / 组织建设", "南街村")},
        {"key": "5", "count": 1, "catalogueItem": None},
    ]}], {"q": "财务"})
    assert [b["label"] for b in group["buckets"]] == [
        "村级财务 / 财务收支情况（南街村）", "村级财务 / 财务收支情况（柳湾村）", "党务公开 / 组织建设", "5"]


def test_a_unit_page_searches_within_the_unit(portal, demo):
    page = html(portal.get("/units/330199-10101/"))
    assert f'name="org" value="{demo.units["village"].pk}"' in page
    found = html(portal.get("/search/", {"q": "财务", "org": demo.units["village"].pk}))
    assert "找到 13 条结果" in found
    narrowed = html(portal.get("/search/", {"q": "财务", "org": demo.units["department"].pk}))
    assert "没有找到" in narrowed and 'href="/search/?q=%E8%B4%A2%E5%8A%A1">去掉筛选条件' in narrowed


def test_both_catalogue_urls_name_the_page_path_as_canonical(portal, demo):
    for url in ("/units/330199-000/government/", "/330199-000/government/"):
        assert '<link rel="canonical" href="http://testserver/330199-000/government/">' in html(portal.get(url))
