"""Every measured figure in the docs names the result file it comes from (issue 15, "Every figure from a
script"): the check of bench/figures.py — what counts as a measured figure, and what a citation must be, is
described there and in docs/benchmarks.md."""

import json

from bench.figures import FIGURE, ROOT, blocks, measured, problems


def test_every_measured_figure_names_an_existing_result_file():
    found = problems()
    assert not found, "\n".join(str(problem) for problem in found)


def test_the_check_finds_an_uncited_figure_and_accepts_a_cited_one(tmp_path):
    results = ROOT / "bench" / "results"
    cited = next(path for path in sorted(results.glob("*.json"))
                 if {"date", "commit", "machine"} <= set(json.loads(path.read_text(encoding="utf-8"))))
    doc = tmp_path / "doc.md"
    doc.write_text(f"# A\n\nThe page takes 12.5 ms at p95.\n\n## B\n\nFrom `bench/results/{cited.name}`:\n\n"
                   "| case | p50 |\n|---|---|\n| page | 3.1 ms |\n\n- ratio 1.6×\n\n## C\n\n"
                   "A limit of 300 s, files of 5 MB, a 390×844 screen.\n\n"
                   "```\nlatency 9 ms in a code block\n```\n", encoding="utf-8")
    listed = problems([doc], root=tmp_path)
    assert [(problem.line, problem.reason) for problem in listed] == [(3, "measured figure without a result file")]


def test_a_stale_or_missing_result_file_is_refused(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("# A\n\nSee `bench/search-results-100k.json`: p95 3.07 ms.\n\n"
                   "# B\n\nSee `bench/results/nothing-2026-01-01.json`: p95 3 ms.\n", encoding="utf-8")
    reasons = [problem.reason for problem in problems([doc], root=tmp_path)]
    assert reasons == ["result file outside bench/results/ (no date, commit and machine)",
                       "measured figure without a result file",
                       "cited result file does not exist",
                       "measured figure without a result file"]


def test_figure_pattern():
    assert FIGURE.search("p95 9.1 ms") and FIGURE.search("0.64×") and FIGURE.search("210 requests/s")
    assert not FIGURE.search("390×844") and not FIGURE.search("a 3 × 3 table") and not FIGURE.search("300 s")
    assert FIGURE.search("p95 **9.1**") and not FIGURE.search("the p95 of the portal and of `/graphql/`")
    assert measured("| ms | page p50 | page p95 |\n|---|---|---|\n| search | 14.3 | 15.8 |")
    assert [text for _line, text in blocks("a\nb\n\n- c\n- d\n")] == ["a\nb", "- c", "- d"]
