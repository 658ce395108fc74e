"""Precision and recall of the scanner on the labelled corpus (tests/privacy/corpus/).

Run as a script to print the table published in docs/privacy.md:

    .venv/bin/python -m tests.privacy.test_corpus
"""

import json
from collections import Counter
from functools import cache
from pathlib import Path

from cms.privacy import Kind, mask_text, scan_text

CORPUS = Path(__file__).parent / "corpus"
MUST_FIND_ALL = (Kind.ID_NUMBER, Kind.MOBILE, Kind.BANK_CARD, Kind.ADDRESS, Kind.BIRTH_DATE)
# Sources of the other ways people write numbers, addresses and birth dates (docs/privacy.md).
NEW_SHAPES = ("分组书写", "电话标签", "住址与出生日期")


@cache
def load(name: str) -> tuple[dict, ...]:
    with open(CORPUS / f"{name}.jsonl", encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines)


def rows():
    return load("positive") + load("negative")


@cache
def measure(sources: tuple[str, ...] = ()) -> dict[str, Counter]:
    """Per kind: true positives (same kind and span), false positives and false negatives (of the rows from
    ``sources``, or of all rows)."""
    counts = {kind.value: Counter(tp=0, fp=0, fn=0) for kind in Kind}
    for row in rows():
        if sources and row["source"] not in sources:
            continue
        expected = {(e["kind"], e["start"], e["end"]) for e in row["expected"]}
        found = {(f.kind.value, f.start, f.end) for f in scan_text(row["text"], row["id"], row.get("words", ()))}
        for kind, *_ in found & expected:
            counts[kind]["tp"] += 1
        for kind, *_ in found - expected:
            counts[kind]["fp"] += 1
        for kind, *_ in expected - found:
            counts[kind]["fn"] += 1
    return counts


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def test_corpus_size_and_labels():
    assert len(load("positive")) >= 200 and len(load("negative")) >= 500
    assert all(row["expected"] for row in load("positive"))
    assert not any(row["expected"] for row in load("negative"))
    for row in rows():
        for e in row["expected"]:
            assert row["text"][e["start"] : e["end"]] == e["text"]


def test_recall_is_complete_for_ids_phones_and_cards():
    counts = measure()
    for kind in MUST_FIND_ALL:
        assert counts[kind]["tp"] >= 25 and counts[kind]["fn"] == 0, kind
    assert all(ratio(c["tp"], c["tp"] + c["fn"]) >= 0.99 for c in counts.values())


def test_precision_overall():
    total = sum(measure().values(), Counter())
    assert ratio(total["tp"], total["tp"] + total["fp"]) >= 0.99


def test_grouped_numbers_phone_labels_addresses_and_birth_dates():
    """Every snippet written in these shapes is found (recall 100 %), and precision stays at 99 % or more on
    the negatives written to resemble them (amounts, 文号, dates, index numbers, offices' numbers)."""
    counts = sum(measure(NEW_SHAPES).values(), Counter())
    assert counts["tp"] >= 200 and counts["fn"] == 0
    near_misses = sum(measure(("分组与标签", "边界")).values(), Counter())
    total = sum(measure().values(), Counter())
    assert near_misses["fp"] <= 1 and ratio(total["tp"], total["tp"] + total["fp"]) >= 0.99


def test_masked_corpus_has_nothing_left():
    for row in rows():
        words = row.get("words", ())
        masked = mask_text(row["text"], words)
        assert scan_text(masked, "", words) == [], row["id"]
        assert mask_text(masked, words) == masked


def report() -> str:
    lines = ["| kind | found | missed | false alarms | recall | precision |", "|---|---:|---:|---:|---:|---:|"]
    counts = measure()
    for kind, c in [*counts.items(), ("**all**", sum(counts.values(), Counter()))]:
        recall, precision = ratio(c["tp"], c["tp"] + c["fn"]), ratio(c["tp"], c["tp"] + c["fp"])
        lines.append(f"| {kind} | {c['tp']} | {c['fn']} | {c['fp']} | {recall:.1%} | {precision:.1%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(f"{len(load('positive'))} positive and {len(load('negative'))} negative snippets\n")
    print(report())
