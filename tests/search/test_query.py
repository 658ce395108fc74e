"""The match plan built from a query text."""

import pytest

from search.query import Part, clauses_for, prepare, visibility_rules, word_match
from search.types import MAX_QUERY_LENGTH, Grant, Reader, SearchQuery, SearchQueryError


def test_dictionary_words_are_looked_up_as_tokens_only():
    assert word_match("公开目录").parts == ()
    assert word_match("低保").parts == ()


def test_other_words_are_looked_up_through_bigrams_too():
    assert word_match("筹劳").parts == (Part("phrase", ("筹劳",)),)
    assert word_match("公开目录", dictionary_words=False).parts == (Part("phrase", ("公开", "开目", "目录")),)
    assert word_match("镇").parts == (Part("prefix", ("镇",)),)
    assert word_match("b超").parts == (Part("term", ("b",)), Part("prefix", ("超",)))
    assert word_match("2026").parts == (Part("term", ("2026",)),)


def test_repeated_words_are_searched_once():
    assert [c.label for c in clauses_for("公示 公示 宅基地")] == ["公示", "宅基地"]


def test_a_synonym_repeating_a_word_looks_it_up_once():
    (clause,) = clauses_for("残疾人两项补贴")
    long_form = [match.word for match in clause.alternatives[1]]
    assert long_form.count("残疾人") == 1 and long_form.count("补贴") == 1 and "护理" in long_form


def test_length_limit_is_counted_after_stripping():
    prepare(SearchQuery("  " + "公" * MAX_QUERY_LENGTH + "  "))
    with pytest.raises(SearchQueryError) as error:
        prepare(SearchQuery("公" * (MAX_QUERY_LENGTH + 1)))
    assert error.value.code == "too_long"


def test_non_string_text_is_rejected():
    with pytest.raises(SearchQueryError):
        prepare(SearchQuery(None))


def test_highlight_terms_include_synonyms_longest_first():
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
