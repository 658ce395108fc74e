"""Highlights on the original text."""

from search.highlight import highlight_title, snippets


def test_title_marks_every_match_and_escapes():
    assert highlight_title("<b>低保</b>与低保户", ["低保户", "低保"]) == \
        "&lt;b&gt;<em>低保</em>&lt;/b&gt;与<em>低保户</em>"


def test_full_width_text_matches_normalised_terms():
    assert highlight_title("ＡＢＣ公司２０２６年", ["abc", "2026"]) == "<em>ＡＢＣ</em>公司<em>２０２６</em>年"


def test_snippet_is_about_100_characters_around_the_match():
    text = "前" * 300 + "宅基地" + "后" * 300
    (snippet,) = snippets([text], ["宅基地"])
    assert snippet.startswith("…") and snippet.endswith("…")
    plain = snippet.replace("<em>", "").replace("</em>", "").strip("…")
    assert len(plain) == 100 and "<em>宅基地</em>" in snippet


def test_several_snippets_in_order_and_at_most_three():
    text = ("低保" + "。" * 150) * 5
    found = snippets([text, "附件低保名单"], ["低保"])
    assert len(found) == 3
    assert all("<em>低保</em>" in s for s in found)


def test_matches_close_together_share_a_snippet():
    assert snippets(["低保和宅基地"], ["低保", "宅基地"]) == ["<em>低保</em>和<em>宅基地</em>"]


def test_whitespace_is_collapsed_and_html_escaped():
    assert snippets(["第一行\n\n  <p>低保</p>"], ["低保"]) == ["第一行 &lt;p&gt;<em>低保</em>&lt;/p&gt;"]


def test_without_a_match_the_opening_of_the_text_is_shown():
    assert snippets(["", None, "甲" * 150], ["乙"]) == ["甲" * 100 + "…"]
    assert snippets([], ["乙"]) == []
