"""Highlights built in Python on the original text, identical for every backend.

Engines' own highlighters see only our pre-segmented tokens; here the query phrases are found in
the original title and texts (compared after normalisation, so ＡＢＣ matches abc and （一） matches
(一)), the text is HTML-escaped and each occurrence of a phrase is wrapped in one ``<em>``. A
phrase starting or ending with ASCII letters or digits is not marked inside a longer run (2026
is not marked in 20261), as the index does not find it there.
"""

import functools
import re
import unicodedata

SNIPPET_CHARS = 100
MAX_SNIPPETS = 3
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """HTML-escape text (as html.escape with quote=True, in one pass)."""
    return text.translate(_ESCAPES)


def _fold(char: str) -> str:
    norm = unicodedata.normalize("NFKC", char).lower()
    if len(norm) == 1:
        return norm
    lower = char.lower()
    return lower if len(lower) == 1 else char


@functools.cache
def _fold_table() -> dict[int, str]:
    """BMP characters that normalisation turns into another single character (Ａ→a, （→(, ％→%)."""
    table = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = _fold(char)
        if folded != char and not folded.isspace():
            table[code] = folded
    return table


@functools.cache
def _variants() -> dict[str, str]:
    """Every normalised character → the characters that normalise to it (a → Aａ Ａ, ( → （﹙)."""
    variants: dict[str, list[str]] = {}
    for code, folded in _fold_table().items():
        variants.setdefault(folded, []).append(chr(code))
    return {char: "".join(others) for char, others in variants.items()}


def _char_pattern(char: str) -> str:
    others = _variants().get(char)
    return f"[{re.escape(char + others)}]" if others else re.escape(char)


@functools.cache
def _ascii_alnum() -> str:
    """A class of every character that normalises to an ASCII letter or digit."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    return "[" + re.escape(chars + "".join(_variants().get(c, "") for c in chars)) + "]"


@functools.lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...]) -> re.Pattern | None:
    """The terms as one pattern on the original text: each character matches its variants too."""
    ordered = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not ordered:
        return None
    return re.compile("|".join(_bounded(t) for t in ordered))


_ASCII_ALNUM = re.compile("[0-9a-z]")


def _bounded(term: str) -> str:
    """A term's pattern; an ASCII letter or digit at an end must not continue a longer run."""
    pattern = "".join(_char_pattern(char) for char in term)
    if _ASCII_ALNUM.match(term[0]):
        pattern = f"(?<!{_ascii_alnum()})" + pattern
    if _ASCII_ALNUM.match(term[-1]):
        pattern += f"(?!{_ascii_alnum()})"
    return pattern


def _pattern(terms) -> re.Pattern | None:
    return _compiled(tuple(terms))


def find_matches(text: str, terms) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) offsets of the terms in ``text``, longest term first."""
    pattern = _pattern(terms)
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(text)]


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """HTML of ``text[start:end]`` with the spans inside it in ``<em>``; whitespace runs become one space."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<em>{escape(text[s:e])}</em>")
        pos = e
    out.append(escape(text[pos:end]))
    return _SPACE.sub(" ", "".join(out))


def highlight_title(title: str, terms) -> str:
    """The whole title, escaped, with every query word marked."""
    return mark(title, find_matches(title, terms))


def _fragments(text: str, pattern: re.Pattern, size: int, limit: int) -> list[str]:
    """Up to ``limit`` windows of ``size`` characters around the first matches (read lazily)."""
    windows: list[tuple[int, int, list]] = []
    for match in pattern.finditer(text):
        s, e = match.span()
        if windows and s < windows[-1][1]:
            if e <= windows[-1][1]:
                windows[-1][2].append((s, e))
            continue
        if len(windows) == limit:
            break
        pad = max(0, (size - (e - s)) // 2)
        start = max(0, s - pad)
        end = min(len(text), start + max(size, e - s))
        start = max(0, min(start, end - size))
        windows.append((start, end, [(s, e)]))
    fragments = []
    for start, end, spans in windows:
        prefix = ELLIPSIS if start > 0 else ""
        suffix = ELLIPSIS if end < len(text) else ""
        fragments.append(f"{prefix}{mark(text, spans, start, end).strip()}{suffix}")
    return fragments


def snippets(texts, terms, size: int = SNIPPET_CHARS, limit: int = MAX_SNIPPETS) -> list[str]:
    """Up to ``limit`` fragments of about ``size`` characters around the matches, texts in order.

    When no text contains a query word (the entry matched on its title), the opening of the
    first non-empty text is returned unmarked.
    """
    texts = [text.strip() for text in texts if text and text.strip()]
    pattern = _pattern(terms)
    found: list[str] = []
    if pattern is not None:
        for text in texts:
            found.extend(_fragments(text, pattern, size, limit - len(found)))
            if len(found) >= limit:
                break
    if not found and texts:
        text = texts[0]
        found.append(_SPACE.sub(" ", escape(text[:size])) + (ELLIPSIS if len(text) > size else ""))
    return found
