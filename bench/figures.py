"""Which measured figures in the docs name no result file: every paragraph of README.md and docs/*.md that
gives a measured figure must be backed by a ``bench/results/*.json`` that exists, cited in the paragraph
itself or earlier in the same section (under the same heading).

    .venv/bin/python bench/figures.py          # lists the uncited figures; exit status 1 if any

A *measured figure* here is what only a measurement gives and a setting never is: a time in milliseconds or
microseconds (``12.3 ms``), a ratio written on a number (``0.64×``), a percentile with its value (``p95 9.1``,
or a table with a p50/p95/p99 column and numbers in its cells), a rate of requests per second. A percentile
named without a value (“watch the p95 of the portal”) is not a figure. Times in seconds, sizes and counts are not recognised (settings use them too:
``300 s``, ``5 MB``), so a paragraph with only those is not checked. Besides, a citation must name a file that
exists, in ``bench/results/`` (files at the top of ``bench/`` lack the date, commit and machine), holding
``date``, ``commit`` and ``machine`` (four files of search_bench.py predate its commit field: their commits
are listed below and named in the docs). tests/test_docs_figures.py runs this check.
"""

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURE = re.compile(r"\d\s?(?:ms|µs)\b|\d×(?!\s?\d)|\bp(?:50|95|99)\b[^.;\n|]{0,12}?\d|\d\s?(?:requests|req)/s\b")
# A table whose header names a percentile and whose cells hold numbers (the unit may be in the header).
PERCENTILE_HEADER = re.compile(r"\bp(?:50|95|99)\b")
NUMBER_CELL = re.compile(r"\|\s*\**\d[\d.,]*\**\s*\|")
CITATION = re.compile(r"bench/(?:results/)?[\w.<>*-]+\.json")
HEADING = re.compile(r"#{1,6}\s")
# Result files written before bench/search_bench.py recorded the commit (2b4e879): the commit of the code they
# measured, as the docs name it next to their figures.
COMMITS_NAMED_IN_DOCS = {
    "bench/results/search-bench-100k-grams-only-2026-12-05.json": "fb54bb6",
    "bench/results/search-bench-100k-2026-12-05.json": "d2d4cd8",
    "bench/results/search-bench-100k-rebuild-2026-12-05.json": "d2d4cd8",
    "bench/results/search-bench-100k-2026-12-06.json": "7e52afa",
}


@dataclass
class Problem:
    path: str
    line: int
    text: str
    reason: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.reason}: {self.text[:140]}"


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(text: str):
    """(first line number, text) of each paragraph, list item, table or heading; fenced code is skipped."""
    lines, start, fenced = [], 0, False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            if lines:
                yield start, "\n".join(lines)
            lines = []
            continue
        if fenced:
            continue
        new_item = bool(re.match(r"([-*+]|\d+\.)\s", stripped)) and lines and not lines[-1].lstrip().startswith("|")
        if not stripped or HEADING.match(stripped) or new_item:
            if lines:
                yield start, "\n".join(lines)
            lines = []
            if HEADING.match(stripped):
                yield number, stripped
                continue
            if not stripped:
                continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def measured(block: str) -> bool:
    """Whether a paragraph or table gives a measured figure."""
    if FIGURE.search(block):
        return True
    if block.lstrip().startswith("|"):
        header = block.lstrip().splitlines()[0]
        return bool(PERCENTILE_HEADER.search(header) and NUMBER_CELL.search(block))
    return False


def check_citation(name: str) -> str | None:
    """Why a cited result file does not count, or None."""
    if "<" in name or "*" in name:
        return None  # a pattern (bench/results/search-precision-<count>-<date>.json), not a file
    if not name.startswith("bench/results/"):
        return "result file outside bench/results/ (no date, commit and machine)"
    path = ROOT / name
    if not path.is_file():
        return "cited result file does not exist"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return "cited result file is not JSON"
    missing = [key for key in ("date", "commit", "machine") if key not in data
               and not (key == "commit" and name in COMMITS_NAMED_IN_DOCS)]
    return f"cited result file lacks {', '.join(missing)}" if missing else None


def problems(paths: list[Path] | None = None, root: Path = ROOT) -> list[Problem]:
    """What is wrong in these Markdown files (default: README.md and docs/*.md); result files are looked up
    in this checkout whatever ``root`` the files' names are given relative to."""
    found = []
    for path in paths or documents():
        name = str(path.relative_to(root))
        cited = False
        for line, block in blocks(path.read_text(encoding="utf-8")):
            if HEADING.match(block):
                cited = False
                continue
            for citation in CITATION.findall(block):
                reason = check_citation(citation)
                if reason:
                    found.append(Problem(name, line, citation, reason))
                elif "<" not in citation and "*" not in citation:
                    cited = True
            if not cited and measured(block):
                found.append(Problem(name, line, " ".join(block.split()), "measured figure without a result file"))
    return found


def main() -> int:
    listed = problems()
    for problem in listed:
        print(problem)
    print(f"{len(listed)} uncited figure(s) or bad citation(s)", file=sys.stderr)
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main())
