"""The match plan built from a query text."""

import pytest

from search.query import Phrase, clauses_for, prepare, visibility_rules
from search.types import MAX_QUERY_LENGTH, Grant, Reader, SearchQuery, SearchQueryError


def typed(text):
    return [clause.typed for clause in clauses_for(text)]


def test_an_unbroken_query_is_one_phrase_of_units():
    assert typed("庄镇主任") == [Phrase("庄镇主任", ("庄", "镇", "主", "任"))]
    assert typed("庄镇主任")[0].grams == ("庄镇", "镇主", "主任")
    assert typed("〔2026〕12号")[0].units == ("〔", "2026", "〕", "12", "号")
    assert typed("12.5万元")[0].grams == ("12.", ".5", "5万", "万元")


def test_full_width_forms_are_the_half_width_ones():
    assert typed("（一）") == typed("(一)") == [Phrase("(一)", ("(", "一", ")"))]
    assert typed("４３％") == typed("43%")


def test_one_unit_phrases():
    (town,) = typed("镇")
    assert town.single == "镇" and not town.ascii_run
    (year,) = typed("2026")
    assert year.single == "2026" and year.ascii_run


def test_spaces_separate_parts_and_sentence_punctuation_around_a_part_is_dropped():
    assert [c.label for c in clauses_for("公示 公示 宅基地")] == ["公示", "宅基地"]
    assert [c.label for c in clauses_for("“低保”。 名单！")] == ["低保", "名单"]
    assert [c.label for c in clauses_for("低保😀公示")] == ["低保", "公示"]
    assert clauses_for("，。！ %%") == ()


def test_synonyms_of_a_whole_part_are_alternative_phrases_after_it():
    (clause,) = clauses_for("残疾人两项补贴")
    assert clause.typed.text == "残疾人两项补贴"
    assert [p.text for p in clause.synonyms] == ["困难残疾人生活补贴和重度残疾人护理补贴"]
    (clause,) = clauses_for("城关镇低保")
    assert clause.synonyms == ()


def test_length_limit_is_counted_after_stripping():
    prepare(SearchQuery("  " + "公" * MAX_QUERY_LENGTH + "  "))
    with pytest.raises(SearchQueryError) as error:
        prepare(SearchQuery("公" * (MAX_QUERY_LENGTH + 1)))
    assert error.value.code == "too_long"


def test_non_string_text_is_rejected():
    with pytest.raises(SearchQueryError):
        prepare(SearchQuery(None))


def test_highlight_terms_are_whole_phrases_with_synonyms_longest_first():
    assert prepare(SearchQuery("和国政府")).highlight_terms == ("和国政府",)
    prepared = prepare(SearchQuery("三公经费"))
    assert prepared.highlight_terms[0] == "三公经费"
    assert set(prepared.highlight_terms) == {"三公经费", "因公出国", "公务用车", "公务接待"}


def test_visibility_rules():
    assert visibility_rules(Reader()) == [("public", None, False)]
    reader = Reader((Grant("public"), Grant("all_members"), Grant("all_members"),
                     Grant("unit_members", [3, 4], subtree=True)))
    assert visibility_rules(reader) == [("public", None, False), ("all_members", None, False),
                                        ("unit_members", frozenset({3, 4}), True)]
    assert Reader().is_public and not reader.is_public


def test_unknown_scope_in_a_grant_is_refused():
    with pytest.raises(SearchQueryError):
        Grant("everyone")


def test_reader_from_a_cms_reader():
    from cms.visibility import Grant as CmsGrant
    from cms.visibility import Reader as CmsReader
    from cms.visibility import search_reader as reader_from_cms

    cms_reader = CmsReader((CmsGrant(frozenset({3, 4}), frozenset({"all_members", "unit_members", "public"})),))
    assert reader_from_cms(cms_reader) == Reader((Grant("all_members", frozenset({3, 4})),
                                                  Grant("unit_members", frozenset({3, 4}))))
    assert reader_from_cms(None) == Reader() == reader_from_cms(CmsReader.anonymous())
