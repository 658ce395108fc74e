"""Query-time synonyms from ``search/data/synonyms.txt``, expanded in Python for every backend.

Expanding in Python (not in an engine's synonym filter) keeps tantivy and Elasticsearch
identical and lets the file change without a rebuild.
"""

import functools
from pathlib import Path

from .analysis import DATA_DIR, normalise

SYNONYMS_PATH = DATA_DIR / "synonyms.txt"


def parse_synonyms(text: str) -> dict[str, tuple[str, ...]]:
    """Map every term to its alternatives (itself first).

    ``a, b, c`` makes an equivalence group; ``a => b, c`` makes a broader term a that finds b
    and c, each of which finds a. Expansion is one level deep (not transitive).
    """
    table: dict[str, list[str]] = {}

    def add(term: str, others: list[str]):
        entry = table.setdefault(term, [term])
        for other in others:
            if other not in entry:
                entry.append(other)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            head, tail = line.split("=>", 1)
            broad = normalise(head.strip())
            parts = [normalise(t.strip()) for t in tail.split(",") if t.strip()]
            add(broad, parts)
            for part in parts:
                add(part, [broad])
        else:
            group = [normalise(t.strip()) for t in line.split(",") if t.strip()]
            for term in group:
                add(term, group)
    return {term: tuple(alternatives) for term, alternatives in table.items()}


@functools.cache
def synonym_table() -> dict[str, tuple[str, ...]]:
    """The project's synonym table, read once per process."""
    return parse_synonyms(Path(SYNONYMS_PATH).read_text(encoding="utf-8"))


def alternatives(term: str) -> tuple[str, ...]:
    """The term and its synonyms (the term alone when it has none); ``term`` is normalised."""
    return synonym_table().get(term, (term,))
