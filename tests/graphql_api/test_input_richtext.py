"""Stored rich text is untrusted input: only safe markup and URLs that stay on http(s), mail, phone or
this site's own paths reach portals."""

import pytest

from graphql_api.disclosures.richtext import References, collect_references, plain_text, sanitise

URLS = {("page", 5): "/330102-001/government/entry/", ("document", 7): "http://testserver/documents/7/a.pdf",
        ("image", 3): "http://testserver/media/images/a.medium.jpg"}


def resolve(kind, pk):
    return URLS.get((kind, pk))


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "&#106;avascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x",
    "//evil.example.com/x", "/\\evil.example.com", "\\\\evil.example.com", "/\t/evil.example.com",
    " //evil.example.com", "&#x2F;&#x2F;evil.example.com", "relative/path",
])
def test_unsafe_or_off_site_links_lose_their_href(href):
    assert sanitise(f'<p><a href="{href}">链接</a></p>', resolve) == "<p><a>链接</a></p>"


@pytest.mark.parametrize("src", ["//evil.example.com/x.png", "javascript:alert(1)", "data:image/png;base64,AA"])
def test_unsafe_image_sources_are_removed(src):
    assert "src" not in sanitise(f'<img src="{src}" alt="x">', resolve)


@pytest.mark.parametrize("href", ["https://www.gov.cn/zhengce/", "http://example.com/", "mailto:gk@example.gov.cn",
                                  "tel:0571-12345678", "/330102-001/", "#section-2"])
def test_safe_links_are_kept(href):
    assert sanitise(f'<a href="{href}">x</a>', resolve) == f'<a href="{href}">x</a>'


def test_internal_links_become_portal_urls_and_hidden_ones_lose_the_link():
    html = sanitise('<p><a linktype="page" id="5">政策</a> <a linktype="page" id="6">未公开</a> '
                    '<a linktype="document" id="7" href="javascript:x">附件</a></p>', resolve)
    assert html == ('<p><a href="/330102-001/government/entry/">政策</a> <a>未公开</a> '
                    '<a href="http://testserver/documents/7/a.pdf">附件</a></p>')


def test_embeds():
    html = sanitise('<embed embedtype="image" id="3" alt="会议&quot;现场" format="left"/>'
                    '<embed embedtype="image" id="4" alt="missing"/>'
                    '<embed embedtype="media" url="javascript:alert(1)"/>', resolve)
    assert html == '<img src="http://testserver/media/images/a.medium.jpg" alt="会议&quot;现场"><a>javascript:alert(1)</a>'


def test_markup_outside_the_allow_list_goes_text_stays():
    html = sanitise('<p onclick="x" class="c" style="color:red">一<script>alert(1)</script><style>p{}</style>'
                    '<span>二</span><iframe src="https://x">三</iframe><!-- 注释 --></p>'
                    '<table><tr><td colspan="2" onmouseover="x">1</td><td rowspan="2;x">2</td></tr></table>', resolve)
    assert html == ('<p>一二</p><table><tbody><tr><td colspan="2">1</td><td>2</td></tr></tbody></table>')


def test_references_and_plain_text():
    source = ('<p><a linktype="page" id="5">a</a><a linktype="document" id="7">b</a><a linktype="page" id="x">c</a>'
              '</p><embed embedtype="image" id="3"/><p>甲 &amp;  乙</p><script>no</script>')
    references = References()
    collect_references(source, references)
    assert references == References(pages={5}, documents={7}, images={3})
    assert plain_text(source) == "abc甲 & 乙"
