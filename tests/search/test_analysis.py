"""Segmentation, bigrams, the project dictionary and its hash."""

from search import analysis
from search.analysis import bigrams, dictionary_hash, dictionary_terms, index_tokens, normalise, query_words


def test_project_terms_are_single_words():
    for term in ["三重一大", "三公经费", "一事一议", "任前公示", "村务监督委员会", "政策解读", "财政预决算",
                 "集体资产", "惠农补贴", "最低生活保障"]:
        assert query_words(term) == [term]


def test_dictionary_is_large_and_clean():
    terms = dictionary_terms()
    assert len(terms) >= 60
    assert len(terms) == len(set(terms))
    assert all(term == normalise(term) and " " not in term for term in terms)


def test_index_tokens_are_search_mode_lower_case_without_punctuation():
    tokens = index_tokens("县财政局公开三公经费，ＡＢＣ与IPv6！低保户")
    assert tokens[0] == "县"
    assert {"财政", "财政局", "公开", "三公", "经费", "三公经费", "低保", "低保户", "abc", "ipv6"} <= set(tokens)
    assert not {"，", "！", " "} & set(tokens)


def test_phone_numbers_are_split_on_punctuation():
    assert index_tokens("电话：0571-1234567") == ["电话", "0571", "1234567"]


def test_query_words_are_precise_mode():
    assert query_words("政府信息公开目录") == ["政府", "信息公开目录"]
    assert query_words("低保，公示！") == ["低保", "公示"]
    assert query_words("😀 ... ？") == []


def test_bigrams_cover_every_character():
    assert bigrams("信息公开目录") == ["信息", "息公", "公开", "开目", "目录", "录"]
    assert bigrams("低保。户 abc 镇") == ["低保", "保", "户", "镇"]
    assert bigrams("") == []


def test_hash_changes_with_the_dictionary(changed_dictionary):
    assert dictionary_hash() != changed_dictionary
    assert len(dictionary_hash()) == 16
    assert query_words("城南县") == ["城南县"]


def test_hash_is_stable():
    assert dictionary_hash() == dictionary_hash()
    analysis.reload_dictionary()
    assert dictionary_hash() == dictionary_hash()


def test_every_dictionary_word_in_a_text_is_a_token():
    """What makes a term lookup exact for dictionary words (search/query.py relies on it)."""
    from search.analysis import is_dictionary_word
    from .test_recall import SENTENCES
    from .corpus import DOCS

    texts = SENTENCES + [doc["title"] + doc["body"] for doc in DOCS]
    words = {w for text in texts for w in query_words(text) if is_dictionary_word(w)} | set(dictionary_terms())
    for text in texts + ["政府信息公开目录", "村务监督委员会主任", "最低生活保障金", "三公经费支出"]:
        norm, tokens = normalise(text), set(index_tokens(text))
        for word in words:
            if word in norm:
                assert word in tokens, (word, text)
    assert "公开目录" in index_tokens("政府信息公开目录")


def test_grams_keep_punctuation_units_and_digit_runs_as_written():
    from search.analysis import grams

    assert grams("上庄镇中山村") == ["上庄", "庄镇", "镇中", "中山", "山村", "村"]
    assert grams("2026.21万元") == ["2026.", ".21", "21万", "万元", "元"]
    assert grams("〔2026〕12号") == ["〔2026", "2026〕", "〕12", "12号", "号"]
    assert grams("（一）43％") == ["(一", "一)", ")43", "43%", "%"]
    assert grams("0961-7642167") == ["0961-", "-7642167", "7642167"]


def test_shingles_are_runs_of_three_and_four_units_within_a_stretch():
    from search.analysis import shingles, unit_shingle, units

    assert shingles("上庄镇中山村") == ["上庄镇", "庄镇中", "镇中山", "中山村", "上庄镇中", "庄镇中山", "镇中山村"]
    assert shingles("〔2026〕12号") == ["〔2026〕", "2026〕12", "〕12号", "〔2026〕12", "2026〕12号"]
    assert shingles("低保 公示户\n镇") == ["公示户"]  # never across a break; a stretch of two units has none
    assert shingles("") == [] and shingles("43%") == []
    # A query phrase's shingle is the token indexed where it is written, and only there.
    assert unit_shingle(units("7月25日")) == "7月25日" and "7月25日" not in shingles("2024年17月25日")
    assert unit_shingle(units("低保")) is None and unit_shingle(units("上庄镇中山")) is None


def test_grams_break_at_whitespace_and_emoji():
    from search.analysis import grams

    assert grams("中山 山村") == ["中山", "山", "山村", "村"]
    assert grams("低保😀公示\n镇") == ["低保", "保", "公示", "示", "镇"]
    assert grams("") == [] and grams("😀 \t") == []


# Texts where a fast path could differ from the plain rules: marks and ligatures that NFKC changes,
# a final sigma, emoji and other break symbols, controls, zero-width characters, mixed tokens.
TRICKY = ["ΟΔΟΣ ΣΑΣ\u0301ς ﬁle ＡＢＣ１２３", "\u0301开头的组合符号", "低保😀👍🏽公示™©℃\x00\x1c\u200b\ufeff镇",
          "电话：0571-1234567，邮编_310000；IPv6/B超", "", "\n\n", "…—～·〔2026〕12号（一）43％", "a̐éö̲ ß İ ǅ Ⅻ ㍱ ㎏"]


def _plain_stretches(norm: str) -> list[str]:
    """The rule of search.analysis.stretches, character by character."""
    out, current = [], []
    for char in norm:
        if analysis.is_break(char):
            if current:
                out.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        out.append("".join(current))
    return out


def test_stretches_cut_at_every_break_character():
    for text in TRICKY + ["".join(TRICKY)]:
        norm = normalise(text)
        assert analysis.stretches(norm) == _plain_stretches(norm), text


def test_indexed_form_is_each_text_analysed_alone():
    """Texts are normalised once per field and joined (search.schema.indexed_form): the tokens are those
    of analysing the joined texts, as the fields are defined (docs/search.md «Rebuild»)."""
    from search.analysis import grams
    from search.schema import clean_document, gram_texts, indexed_form, searchable_text

    from .corpus import DOCS

    tricky = [dict(DOCS[0], id=9000 + n, title=text, summary=TRICKY[-1 - n], keywords=text, body=text + "正文",
                   attachments=TRICKY[n - 1], document_number=text[:5]) for n, text in enumerate(TRICKY)]
    for doc in DOCS + tricky:
        form, clean = indexed_form(doc), clean_document(doc)
        assert form["title_words"] == " ".join(index_tokens(clean["title"]))
        assert form["text_words"] == " ".join(index_tokens(searchable_text(clean)))
        for name, text in gram_texts(clean).items():
            assert form[name] == " ".join(grams(text)), (name, text)


def _plain_index_tokens(text: str) -> list[str]:
    """The rule of search.analysis.index_tokens, one token at a time: search-mode tokens' word runs,
    then each full-mode CJK word of two or more characters that the tokens do not already hold."""
    import re
    from collections import Counter

    norm, jieba = normalise(text), analysis.segmenter()
    tokens = [run for token in jieba.cut_for_search(norm) for run in re.findall(r"[^\W_]+", token)]
    unmatched = Counter(tokens)
    for word in jieba.cut_all(norm):
        if len(word) > 1 and all(analysis.is_cjk(char) for char in word):
            if unmatched[word]:
                unmatched[word] -= 1
            else:
                tokens.append(word)
    return tokens


def test_index_tokens_follow_the_rule_token_by_token():
    from .corpus import DOCS

    for text in TRICKY + [doc["title"] + "\n" + doc["body"] for doc in DOCS] + ["政府信息公开目录" * 3]:
        assert index_tokens(text) == (_plain_index_tokens(text) if text else []), text
