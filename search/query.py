"""Validation of a :class:`SearchQuery` and its engine-neutral match plan.

The query text is plain text. It is normalised, split on whitespace into terms, each term
segmented in rjieba's precise mode, and every resulting word must match (AND). A word matches
an entry when it is one of the entry's word tokens **or** when the entry contains it as a
substring, found through the bigram field (a phrase of its bigrams; a single character as a
bigram prefix). Synonyms (``synonyms.txt``) turn a word into a choice of alternatives.

Backends translate the plan (:class:`PreparedQuery`) into their own query objects; no
operator syntax of any engine is ever parsed, so ``" * : ( ) AND OR -- ;`` are just text.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import analysis
from .synonyms import alternatives, synonym_table
from .types import (
    DISCLOSURE_ATTRIBUTES, DOMAINS, FACETS, MAX_FACET_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_QUERY_WORDS,
    MAX_RESULT_WINDOW, SORTS, VALIDITIES, Reader, SearchQuery, SearchQueryError,
)


@dataclass(frozen=True)
class Part:
    """One piece of a word looked up in the bigram or word field.

    kind ``phrase``: a CJK run of two or more characters, found as the phrase ``value``;
    ``prefix``: one CJK character, found as a bigram starting with it; ``term``: a Latin or
    digit run, found as a word token.
    """

    kind: str
    value: tuple[str, ...]


@dataclass(frozen=True)
class WordMatch:
    """A query word: found as the word token ``word``, or as all of ``parts`` (a substring)."""

    word: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Clause:
    """A query word with its synonyms: one of ``alternatives`` (each an AND of words) must match."""

    alternatives: tuple[tuple[WordMatch, ...], ...]

    @property
    def label(self) -> str:
        return "".join(match.word for match in self.alternatives[0])


@dataclass(frozen=True)
class PreparedQuery:
    """A validated query and its match plan; ``highlight_terms`` are marked in titles and snippets."""

    query: SearchQuery
    clauses: tuple[Clause, ...]
    highlight_terms: tuple[str, ...]


def word_match(word: str, dictionary_words: bool = True) -> WordMatch:
    """How one normalised word is looked up.

    A dictionary word is a token of every text that contains it (see
    :func:`search.analysis.index_tokens`), so its term alone decides; ``dictionary_words=False``
    (an index built with another dictionary) looks every word up through bigrams as well.
    """
    if dictionary_words and analysis.is_dictionary_word(word):
        return WordMatch(word, ())
    parts = []
    for piece in analysis.cjk_parts(word):
        if analysis.is_cjk(piece[0]):
            if len(piece) == 1:
                parts.append(Part("prefix", (piece,)))
            else:
                parts.append(Part("phrase", tuple(analysis.word_bigrams(piece))))
        else:
            parts.append(Part("term", (piece,)))
    return WordMatch(word, tuple(parts))


def search_words(term: str) -> list[str]:
    """The words of one query term, a lone CJK character joined to its neighbour (和 in 补贴和重度 → 和重).

    A single character would be looked up as a bigram prefix, a union over every bigram starting
    with it; inside a longer term the bigram with its neighbour is exact and far cheaper (a text
    containing the term contains that bigram). A term of one character stays a prefix lookup.
    """
    words, position = [], 0
    for word in analysis.query_words(term):
        start = term.find(word, position)
        position = start + len(word) if start >= 0 else position
        if len(word) == 1 and analysis.is_cjk(word) and start >= 0:
            if start + 1 < len(term) and analysis.is_cjk(term[start + 1]):
                word = term[start:start + 2]
            elif start > 0 and analysis.is_cjk(term[start - 1]):
                word = term[start - 1:start + 1]
        words.append(word)
    return words


def _alternative(text: str, dictionary_words: bool) -> tuple[WordMatch, ...]:
    """The words of a synonym, each once (困难残疾人生活补贴和重度残疾人护理补贴 repeats 残疾人, 补贴)."""
    return tuple(word_match(word, dictionary_words) for word in dict.fromkeys(search_words(text)))


def _clause(term: str, dictionary_words: bool) -> Clause:
    alts = []
    for alternative in alternatives(term):
        if alternative == term:
            matches = (word_match(term, dictionary_words),)
        else:
            matches = _alternative(alternative, dictionary_words)
        if matches and matches not in alts:
            alts.append(matches)
    return Clause(tuple(alts))


def clauses_for(text: str, dictionary_words: bool = True) -> tuple[Clause, ...]:
    """The match plan of a query text: one clause per word, in order, without repeats."""
    table = synonym_table()
    clauses: list[Clause] = []
    for term in analysis.normalise(text).split():
        if term in table:
            candidates = [_clause(term, dictionary_words)]
        else:
            candidates = [_clause(word, dictionary_words) for word in search_words(term)]
        for clause in candidates:
            if clause.alternatives and clause not in clauses:
                clauses.append(clause)
    return tuple(clauses)


def _highlight_terms(clauses: tuple[Clause, ...]) -> tuple[str, ...]:
    terms = {match.word for clause in clauses for alternative in clause.alternatives for match in alternative}
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def _check_choices(values, allowed, what: str):
    for value in values:
        if value not in allowed:
            raise SearchQueryError("bad_filter", _("Unknown %(what)s: %(value)s") % {"what": what, "value": value})


def validate_text(text) -> str:
    """The stripped query text, or :class:`SearchQueryError` (empty, too long)."""
    if not isinstance(text, str):
        raise SearchQueryError("empty", _("Enter words to search for."))
    text = text.replace("\x00", " ").strip()
    if not text:
        raise SearchQueryError("empty", _("Enter words to search for."))
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchQueryError(
            "too_long", _("The search text is too long (at most %(max)d characters).") % {"max": MAX_QUERY_LENGTH})
    return text


def prepare(query: SearchQuery, dictionary_words: bool = True) -> PreparedQuery:
    """Validate a query and build its match plan; raises :class:`SearchQueryError`, never crashes."""
    text = validate_text(query.text)
    clauses = clauses_for(text, dictionary_words)
    if not clauses:
        raise SearchQueryError("no_words", _("The search text has no words or characters to search for."))
    if len(clauses) > MAX_QUERY_WORDS:
        raise SearchQueryError(
            "too_many_words", _("The search text has too many words (at most %(max)d).") % {"max": MAX_QUERY_WORDS})
    _validate_options(query)
    return PreparedQuery(query=query, clauses=clauses, highlight_terms=_highlight_terms(clauses))


def _validate_options(query: SearchQuery):
    if not isinstance(query.limit, int) or not 1 <= query.limit <= MAX_PAGE_SIZE:
        raise SearchQueryError("bad_page", _("The page size must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE})
    if not isinstance(query.offset, int) or query.offset < 0 or query.offset + query.limit > MAX_RESULT_WINDOW:
        raise SearchQueryError(
            "bad_page", _("Results can be paged up to the %(max)dth only.") % {"max": MAX_RESULT_WINDOW})
    if query.sort not in SORTS:
        raise SearchQueryError("bad_sort", _("Unknown sort order: %(sort)s") % {"sort": query.sort})
    _check_choices(query.domains, DOMAINS, _("domain"))
    _check_choices(query.disclosure_attributes, DISCLOSURE_ATTRIBUTES, _("disclosure attribute"))
    _check_choices(query.validities, VALIDITIES, _("validity"))
    for facet in query.facets:
        if facet not in FACETS:
            raise SearchQueryError("bad_facet", _("Unknown facet: %(facet)s") % {"facet": facet})
    if not 1 <= query.facet_size <= MAX_FACET_SIZE:
        raise SearchQueryError(
            "bad_facet", _("The facet size must be between 1 and %(max)d.") % {"max": MAX_FACET_SIZE})
    for name in ("published_from", "published_to"):
        value = getattr(query, name)
        if value is not None and not isinstance(value, datetime.date):
            raise SearchQueryError("bad_filter", _("%(name)s must be a date.") % {"name": name})
    if query.published_from and query.published_to and query.published_from > query.published_to:
        raise SearchQueryError("bad_filter", _("The date range ends before it starts."))
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in query.organisation_ids):
        raise SearchQueryError("bad_filter", _("Organisation ids must be integers."))
    if query.catalogue_item_id is not None and not isinstance(query.catalogue_item_id, int):
        raise SearchQueryError("bad_filter", _("The catalogue item id must be an integer."))
    if not isinstance(query.reader, Reader):
        raise SearchQueryError("bad_filter", _("A search needs a reader."))


def visibility_rules(reader: Reader) -> list[tuple[str, frozenset[int] | None, bool]]:
    """What a reader may see, as (scope, organisation ids or None for all, subtree) rules.

    Public entries are always included; every grant adds one rule. Backends OR the rules.
    """
    rules: list[tuple[str, frozenset[int] | None, bool]] = [("public", None, False)]
    for grant in reader.grants:
        if grant.scope == "public":
            continue
        rule = (grant.scope, grant.organisation_ids, grant.subtree)
        if rule not in rules:
            rules.append(rule)
    return rules
