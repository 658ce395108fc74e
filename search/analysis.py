"""Chinese text analysis shared by every backend: normalisation, rjieba segmentation, bigrams.

Documents are analysed here, in Python, and handed to the engine as whitespace-separated tokens,
so that tantivy and Elasticsearch index exactly the same terms (Elasticsearch with its built-in
``whitespace`` analyser, no plugins).

Three token streams are produced for every text field:

* **words**: rjieba's search-mode segmentation (overlapping words: 低保户 → 低保, 保户, 低保户),
  lower-cased, without punctuation or whitespace;
* **grams**: the text as written, cut into *units* — one CJK character, one run of ASCII letters
  and digits (2026, 0961, ipv6), or one other character (punctuation and units: 〔 〕 . % - ( ))
  — and indexed as the pairs of neighbouring units, each stretch without whitespace ending with
  its last unit alone (:func:`grams`). A query phrase of k units is the phrase of its k − 1 pairs,
  so it matches exactly where the text contains it contiguously: 2026年 is not found in
  2026.21万元, 43% not in 43户, (一) only where it is written so, and a digit run is never cut
  (2026 is not found in 20261). A phrase of one unit is a pair starting with it (a prefix);
* **shingles**: the same units, every run of three and of four of them as one token
  (:func:`shingles`, no positions): a phrase of three or four units — most of what people type —
  is one term lookup instead of a phrase of pairs, with the same hits.

The word tokens also include every dictionary word the text contains (rjieba's full mode), so
a query word from the dictionary is found exactly by one term lookup; other words (names, new
words) go through the bigram phrase. Queries are segmented in precise mode (:func:`query_words`);
see :mod:`search.query`.

The project dictionary (``search/data/dictionary.txt``) is added to a private rjieba instance;
:func:`dictionary_hash` identifies it, and the index stores the hash it was built with.
"""

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from operator import add
from pathlib import Path

import rjieba

DATA_DIR = Path(__file__).resolve().parent / "data"
DICTIONARY_PATH = DATA_DIR / "dictionary.txt"

# Bump when the analysis rules below change in a way that changes the indexed tokens.
ANALYSIS_VERSION = "3"

_CJK_RANGES = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x2FA1F),  # Extensions B–F, compatibility supplement
    (0x3007, 0x3007),  # 〇
)
_CJK_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES)
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
# A CJK run, or a run of other word characters (letters and digits of any script, no underscore).
_PART = re.compile(f"[{_CJK_CLASS}]+|[^\\W_{_CJK_CLASS}]+")
_WORD = re.compile(r"[^\W_]+")


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph (the characters that get bigrams)."""
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _dictionary_lines() -> list[str]:
    lines = []
    for raw in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def dictionary_terms() -> list[str]:
    """The project's terms (first column of dictionary.txt), normalised."""
    return [normalise(line.split()[0]) for line in _dictionary_lines()]


@functools.cache
def dictionary_hash() -> str:
    """A short hash of the project dictionary and the analysis rules.

    Stored with the index; when it differs from the running code's, the index was built with
    another segmentation and must be rebuilt (:class:`search.types.RebuildRequired`).
    """
    digest = hashlib.sha256()
    digest.update(f"analysis={ANALYSIS_VERSION};rjieba={_rjieba_version()}\n".encode())
    digest.update("\n".join(_dictionary_lines()).encode("utf-8"))
    return digest.hexdigest()[:16]


def _rjieba_version() -> str:
    from importlib.metadata import version

    return version("rjieba")


@functools.cache
def segmenter() -> rjieba.Jieba:
    """A private rjieba instance with the project dictionary (other users of rjieba are unaffected)."""
    jieba = rjieba.Jieba()
    for line in _dictionary_lines():
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 else None
        jieba.add_word(normalise(parts[0]), freq, None)
    return jieba


def _split_token(token: str) -> list[str]:
    """Keep the word characters of a segmenter token: 0324-1234567 → 0324, 1234567; ， → nothing."""
    if token.isalnum():
        return [token]
    return _WORD.findall(token)


def index_tokens(text: str) -> list[str]:
    """Word tokens of a text to index: search-mode tokens plus every dictionary word it contains.

    Search mode alone misses dictionary words inside longer words (公开目录 in 信息公开目录);
    adding rjieba's full-mode words (those of two or more characters) makes a dictionary word a
    token wherever it occurs, so :func:`is_dictionary_word` words are found by one term lookup.
    """
    return _index_tokens(normalise(text)) if text else []


def _index_tokens(norm: str) -> list[str]:
    """:func:`index_tokens` of a normalised text (the form :func:`normalise` gives).

    The same tokens in the same order as a loop over every search-mode token and every full-mode
    word, in fewer Python steps (a rebuild runs this over every entry's texts; docs/search.md
    «Rebuild»): search-mode tokens that are all word characters are kept as they are, and the
    others (punctuation, whitespace, mixed like 0571-1234567) are split only when one of them holds a
    word character; a full-mode word is added unless the search-mode tokens already hold as many.
    """
    jieba = segmenter()
    cut = jieba.cut_for_search(norm)
    tokens = [token for token in cut if token.isalnum()]
    if len(tokens) != len(cut) and any(_WORD.search(token) for token in cut if not token.isalnum()):
        tokens = []
        for token in cut:
            if token.isalnum():
                tokens.append(token)
            else:
                tokens.extend(_WORD.findall(token))
    cjk_word = _CJK_RUN.fullmatch
    words = [word for word in jieba.cut_all(norm) if len(word) > 1 and cjk_word(word)]
    if words:
        unmatched = Counter(tokens)
        matched_count = unmatched.get
        for word in words:
            count = matched_count(word)
            if count:
                unmatched[word] = count - 1
            else:
                tokens.append(word)
    return tokens


def index_tokens_normalised(norm: str) -> list[str]:
    """:func:`index_tokens` of a text already normalised (:func:`normalise`), e.g. several fields
    normalised once and joined with newlines (a newline never combines with its neighbours)."""
    return _index_tokens(norm)


def is_dictionary_word(word: str) -> bool:
    """A CJK word of the segmenter's dictionary: every text containing it has it as a token."""
    return len(word) > 1 and bool(_CJK_RUN.fullmatch(word)) and segmenter().has_word(word)


def query_words(text: str) -> list[str]:
    """Precise-mode words of a query (no overlaps; punctuation and symbols dropped)."""
    words = []
    for token in segmenter().cut(normalise(text)):
        words.extend(_split_token(token))
    return words


def bigrams(text: str) -> list[str]:
    """Two-character sequences of every CJK run, each run followed by its last character alone."""
    return _bigrams(normalise(text))


def _bigrams(norm: str) -> list[str]:
    grams = []
    for run in _CJK_RUN.findall(norm):
        grams.extend(map(add, run, run[1:]))
        grams.append(run[-1])
    return grams


# A unit of the grams stream: a CJK character, a run of ASCII letters/digits, or any other character.
_UNIT = re.compile(f"[{_CJK_CLASS}]|[0-9a-z]+|.", re.DOTALL)
_ASCII_RUN = re.compile("[0-9a-z]+")


_BREAK_CATEGORIES = frozenset({"So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def is_break(char: str) -> bool:
    """Characters that separate stretches instead of being units: whitespace, emoji and other
    symbols that are not punctuation or units of measure (So, Sk), controls and format characters."""
    return char.isspace() or unicodedata.category(char) in _BREAK_CATEGORIES


@functools.cache
def _splits_apart(char: str) -> bool:
    """A break character that ``str.split()`` does not already split at (emoji, symbols, controls
    that are not whitespace); cached, since a text holds few distinct characters."""
    return not char.isspace() and is_break(char)


def stretches(norm: str) -> list[str]:
    """A normalised text cut at every run of break characters (see :func:`is_break`).

    Every whitespace character is a break, and ``str.split()`` cuts at runs of exactly those; the
    text's other break characters (looked up once per distinct character) become spaces first.
    This is what splitting at a regular expression of all break characters gives, without testing
    a class of every break in Unicode at every character (in a profile of 2,000 entries of a
    100,000-entry database that split was about a third of their analysis; docs/search.md «Rebuild»).
    """
    others = [char for char in set(norm) if _splits_apart(char)]
    if others:
        norm = norm.translate(dict.fromkeys(map(ord, others), " "))
    return norm.split()


def units(norm: str) -> list[str]:
    """The units of one stretch of normalised text (no break characters in it)."""
    return _UNIT.findall(norm)


def grams(text: str) -> list[str]:
    """The grams stream of a text: per stretch, the pairs of neighbouring units, then its last unit.

    Pairs are unambiguous (an ASCII run is always followed by a unit that is not one), so equal
    tokens mean equal units, and consecutive positions mean consecutive units of one stretch.
    """
    return _grams(normalise(text)) if text else []


def _grams(norm: str) -> list[str]:
    tokens = []
    units_of = _UNIT.findall
    for stretch in stretches(norm):
        parts = units_of(stretch)
        tokens.extend(map(add, parts, parts[1:]))
        tokens.append(parts[-1])
    return tokens


def grams_normalised(norm: str) -> list[str]:
    """:func:`grams` of a text already normalised (:func:`normalise`)."""
    return _grams(norm)


def shingles(text: str) -> list[str]:
    """The shingles stream of a text: per stretch, every run of three and of four neighbouring units,
    each one token (村民代表会议 → 村民代, 民代表, 代表会, 表会议, 村民代表, 民代表会, 代表会议).

    A phrase of three or four units is then one term, found without reading positions; the phrase of
    its grams finds exactly the same entries, since both are cut from the same units (a digit run is
    one unit: 7月25日 is not found in 17月25日). Shingles are unambiguous for the reason pairs are
    (:func:`grams`). Positions are not indexed for them (docs/search.md «Analysis»).
    """
    return _shingles(normalise(text)) if text else []


def _shingles(norm: str) -> list[str]:
    tokens = []
    units_of = _UNIT.findall
    for stretch in stretches(norm):
        parts = units_of(stretch)
        if len(parts) > 2:
            threes = list(map(add, map(add, parts, parts[1:]), parts[2:]))
            tokens.extend(threes)
            tokens.extend(map(add, threes, parts[3:]))
    return tokens


def shingles_normalised(norm: str) -> list[str]:
    """:func:`shingles` of a text already normalised (:func:`normalise`)."""
    return _shingles(norm)


def unit_shingle(parts) -> str | None:
    """The one shingle token of a phrase of three or four units (what :func:`shingles` indexes), else None."""
    return "".join(parts) if 3 <= len(parts) <= 4 else None


def unit_pairs(parts) -> list[str]:
    """The grams of a phrase of two or more units (what :func:`grams` indexes for it)."""
    return list(map(add, parts, parts[1:]))


def is_ascii_run(unit: str) -> bool:
    return bool(_ASCII_RUN.fullmatch(unit))


def word_bigrams(word: str) -> list[str]:
    """The bigram phrase that finds a CJK word of two or more characters anywhere in a text."""
    return [word[i:i + 2] for i in range(len(word) - 1)]


def cjk_parts(word: str) -> list[str]:
    """Split a mixed token into CJK runs and other word runs (B超 → b, 超)."""
    return _PART.findall(word)


def reload_dictionary() -> None:
    """Forget the loaded dictionary and its hash (after dictionary.txt changed in this process)."""
    dictionary_hash.cache_clear()
    segmenter.cache_clear()
