"""Validation of a :class:`SearchQuery` and its engine-neutral match plan.

What the citizen typed, as typed, is what is searched. The text is normalised (NFKC, lower
case) and split on whitespace; every part is a **phrase** that must occur contiguously, as
written, in the title, summary, body or attachment text of an entry (parts combine with AND).
Sentence punctuation and quotes around a part are dropped; punctuation and units inside it are
kept (〔2026〕12号, 43%, 12.5万元, (一)); emoji and other symbols separate parts.

A phrase is looked up in the grams fields (:func:`search.analysis.grams`): the phrase of its
unit pairs, or, for one unit, a pair starting with it; a phrase of three or four units is one
term of the shingles field beside it (:func:`search.analysis.shingles`). Synonyms
(``synonyms.txt``) of a whole part are alternative phrases; the phrase as typed scores above them.

Backends translate the plan (:class:`PreparedQuery`) into their own query objects; no
operator syntax of any engine is ever parsed, so ``" * : ( ) AND OR -- ;`` are just text.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import analysis
from .synonyms import alternatives, synonym_table
from .types import (
    DISCLOSURE_ATTRIBUTES, DOMAINS, FACETS, MAX_FACET_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_QUERY_WORDS,
    MAX_RESULT_WINDOW, SORTS, VALIDITIES, Reader, SearchQuery, SearchQueryError,
)

# Dropped around a part: sentence punctuation and quotes (brackets, %, 《》 are kept as typed).
TRIMMED = "，。、；：！？,.;:!?\"'“”‘’「」『』…·"
_WORD_CHAR = re.compile(r"[^\W_]")
# The first parts of a long query that the proximity tiers chain (the match needs every part anyway).
PROXIMITY_PARTS = 6


@dataclass(frozen=True)
class Phrase:
    """Text to find contiguously: ``text`` (normalised) and its ``units`` (see search.analysis)."""

    text: str
    units: tuple[str, ...]
    # A dictionary word is a token of every text containing it (search.analysis.index_tokens): its
    # word tokens find exactly the entries with the phrase, by term lookups (no positions).
    dictionary_word: bool = False

    @property
    def grams(self) -> tuple[str, ...]:
        """The indexed pairs that occur at consecutive positions where the phrase is written."""
        return tuple(analysis.unit_pairs(self.units))

    @property
    def shingle(self) -> str | None:
        """For a phrase of three or four units, its one shingle token: the same entries as its grams
        phrase, by a term lookup (search.analysis.shingles); else None."""
        return analysis.unit_shingle(self.units)

    @property
    def single(self) -> str | None:
        """The unit of a one-unit phrase (found as a gram starting with it), else None."""
        return self.units[0] if len(self.units) == 1 else None

    @property
    def ascii_run(self) -> bool:
        return self.single is not None and analysis.is_ascii_run(self.single)

    @property
    def words(self) -> tuple[str, ...]:
        """rjieba words of the phrase (precise mode, no repeats): they rank entries within a field."""
        return tuple(dict.fromkeys(analysis.query_words(self.text)))


@dataclass(frozen=True)
class Clause:
    """One part of the query: one of ``alternatives`` must occur; the first is the part as typed."""

    alternatives: tuple[Phrase, ...]

    @property
    def label(self) -> str:
        return self.alternatives[0].text

    @property
    def typed(self) -> Phrase:
        return self.alternatives[0]

    @property
    def synonyms(self) -> tuple[Phrase, ...]:
        return self.alternatives[1:]


@dataclass(frozen=True)
class PreparedQuery:
    """A validated query and its match plan; ``highlight_terms`` are marked in titles and snippets."""

    query: SearchQuery
    clauses: tuple[Clause, ...]
    highlight_terms: tuple[str, ...]

    @property
    def proximity_pairs(self) -> tuple[tuple[str, str], ...]:
        """For a query of several parts: where one part ends and the next begins — the last gram of each
        part as typed and the first gram of the next, in the order typed. A sloppy phrase of the two finds
        the parts near one another (the backends' proximity tiers): far cheaper than a sloppy phrase of
        every gram of both parts, and the match itself already requires each part whole.

        Parts of one unit (found by a gram starting with it, not by a phrase) take no part; fewer than two
        parts left: empty. At most the first PROXIMITY_PARTS parts.
        """
        phrases = self._chained_parts()
        return tuple((left.grams[-1], right.grams[0]) for left, right in zip(phrases, phrases[1:]))

    @property
    def adjacent_phrases(self) -> tuple[tuple[str, ...], ...]:
        """For a query of several parts: the grams of each two consecutive parts written side by side as
        typed (中山村 主任 → 中山村主任), the backends' first proximity tier: an exact phrase, cheap because the
        gram across the join is usually rare. The same parts as :attr:`proximity_pairs`."""
        phrases = self._chained_parts()
        joined = (left.text + right.text for left, right in zip(phrases, phrases[1:]))
        return tuple(Phrase(text, tuple(analysis.units(text))).grams for text in joined)

    def _chained_parts(self) -> list[Phrase]:
        return [clause.typed for clause in self.clauses if clause.typed.single is None][:PROXIMITY_PARTS]


def phrase(text: str, dictionary_words: bool = True) -> Phrase | None:
    """The phrase of one normalised stretch (no whitespace), trimmed; None without a letter or digit.

    ``dictionary_words=False`` (an index built with another dictionary) never takes the word path.
    """
    text = text.strip(TRIMMED)
    if not text or not _WORD_CHAR.search(text):
        return None
    return Phrase(text, tuple(analysis.units(text)), dictionary_words and analysis.is_dictionary_word(text))


def parts_of(text: str) -> list[str]:
    """The parts of a query text: normalised, split on whitespace and symbols, trimmed, no repeats."""
    parts = []
    for stretch in analysis.stretches(analysis.normalise(text)):
        part = stretch.strip(TRIMMED)
        if part and _WORD_CHAR.search(part) and part not in parts:
            parts.append(part)
    return parts


def _clause(part: str, dictionary_words: bool) -> Clause | None:
    found = []
    for alternative in alternatives(part) if part in synonym_table() else (part,):
        for stretch in analysis.stretches(alternative):
            candidate = phrase(stretch, dictionary_words)
            if candidate is not None and candidate not in found:
                found.append(candidate)
            break  # a synonym is one phrase; the file has no spaces inside a term
    return Clause(tuple(found)) if found else None


def clauses_for(text: str, dictionary_words: bool = True) -> tuple[Clause, ...]:
    """The match plan of a query text: one clause per part, in order, without repeats."""
    clauses = []
    for part in parts_of(text):
        clause = _clause(part, dictionary_words)
        if clause is not None and clause not in clauses:
            clauses.append(clause)
    return tuple(clauses)


def _highlight_terms(clauses: tuple[Clause, ...]) -> tuple[str, ...]:
    terms = {phrase.text for clause in clauses for phrase in clause.alternatives}
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


def rule_field(scope: str, subtree: bool) -> str:
    """The id field a visibility rule's ids are matched against."""
    if scope == "group":
        return "group_ids"
    return "organisation_ids" if subtree else "organisation_id"


def visibility_rules(reader: Reader) -> list[tuple[str, frozenset[int] | None, bool]]:
    """What a reader may see, as (scope, organisation ids or None for all, subtree) rules.

    Public entries are always included; every grant adds one rule. Backends OR the rules.
    """
    rules: list[tuple[str, frozenset[int] | None, bool]] = [("public", None, False)]
    for grant in reader.grants:
        if grant.scope == "public":
            continue
        if grant.scope == "group":
            rule = ("group", grant.group_ids, False)  # ids of groups: matched against "group_ids"
        else:
            rule = (grant.scope, grant.organisation_ids, grant.subtree)
        if rule not in rules:
            rules.append(rule)
    return rules
