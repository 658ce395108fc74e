"""Query-time synonyms."""

from search.query import clauses_for
from search.synonyms import alternatives, parse_synonyms, synonym_table


def test_groups_and_broader_terms():
    table = parse_synonyms("# comment\n低保, 最低生活保障\n三公经费 => 因公出国, 公务用车, 公务接待\n")
    assert table["低保"] == ("低保", "最低生活保障")
    assert table["最低生活保障"] == ("最低生活保障", "低保")
    assert table["三公经费"] == ("三公经费", "因公出国", "公务用车", "公务接待")
    assert table["公务用车"] == ("公务用车", "三公经费")


def test_expansion_is_not_transitive():
    table = parse_synonyms("a => b\nb, c\n")
    assert table["a"] == ("a", "b")
    assert table["c"] == ("c", "b")
    assert "c" not in table["a"]


def test_project_file_is_normalised_and_loaded():
    table = synonym_table()
    assert "因公出国" in alternatives("三公经费")
    assert "最低生活保障" in alternatives("低保")
    assert alternatives("没有同义词") == ("没有同义词",)
    assert all(term == term.lower() for term in table)


def test_a_query_part_becomes_a_choice_of_phrases_typed_first():
    (clause,) = clauses_for("低保")
    assert [phrase.text for phrase in clause.alternatives] == ["低保", "最低生活保障", "低保户"]
    assert clause.label == "低保" and clause.typed.text == "低保"


def test_a_whole_part_is_one_phrase_with_its_synonyms():
    (clause,) = clauses_for("村党组织和村民委员会")
    assert clause.typed.text == "村党组织和村民委员会"
    assert len(clause.alternatives) == 3


def test_every_synonym_is_a_dictionary_word():
    """A synonym is an alternative phrase of every query containing its group's terms; as a dictionary
    word it is one term lookup (search/data/dictionary.txt), never a phrase of grams over the corpus."""
    from search.analysis import is_dictionary_word

    terms = {term for group in synonym_table().values() for term in group}
    assert sorted(term for term in terms if not is_dictionary_word(term)) == []
