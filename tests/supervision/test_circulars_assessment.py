"""Quarterly circulars (DOCX and PDF read back, versions, deadlines on the calendar across National Day, a
draft entry) and the assessment (points from the indicators as data, evidence, ranking)."""

import io
from decimal import Decimal

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from cms.models import DisclosurePage
from supervision import circulars
from supervision.assessment import assess, points_for, year_period
from supervision.models import Circular, Indicator
from supervision.timeliness import subtree

from .conftest import D, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(tree, rows):
    """Q3 2026: the township's prompt entries, one on time and one late; village A updates its column."""
    on_time = tree.add_entry(rows.prompt, "按时公开的信息", publish=False, information_formed_on=D(2026, 8, 3))
    late = tree.add_entry(rows.prompt, "逾期公开的信息", publish=False, information_formed_on=D(2026, 8, 4))
    for entry, on in ((on_time, D(2026, 8, 20)), (late, D(2026, 9, 30))):
        entry.refresh_from_db()
        entry.save_revision().publish()
        DisclosurePage.objects.filter(pk=entry.pk).update(first_published_on=on)
    tree.add_entry(rows.prompt, "至今未公开", publish=False, information_formed_on=D(2026, 8, 10))
    published(tree, rows.village_quarterly, "第三季度村务收支", D(2026, 9, 15))
    return tree


def test_quarter_period():
    assert circulars.quarter_period(2026, 3) == (D(2026, 7, 1), D(2026, 9, 30))
    assert circulars.quarter_period(2026, 4) == (D(2026, 10, 1), D(2026, 12, 31))
    assert circulars.quarter_period(2026, 1) == (D(2026, 1, 1), D(2026, 3, 31))


def test_circular_content_and_correction_deadline_across_national_day(quarter, rows):
    data = circulars.build(quarter.township, 2026, 3, issued_on=D(2026, 9, 30))
    assert data.title == "城关镇人民政府关于2026年第三季度信息公开工作情况的通报"
    # 10 working days after 30 September: 8, 9, 10 (Saturday), 12–16, 19 and 20 October.
    assert {item.correct_by for item in data.items} == {D(2026, 10, 20)}
    rows_by_unit = {name: (values, score) for name, values, score, _rank in data.rows}
    timeliness = [code for code, _label, _unit in data.columns].index("timeliness")
    assert rows_by_unit["城关镇人民政府"][0][timeliness] == "33.3%"  # 1 of 3 due in Q3 on time
    assert "逾期" in dict(data.criticism)["城关镇人民政府"]
    assert any(item.subject == "至今未公开" for item in data.items)


def test_generate_stores_versions_and_the_files_read_back(quarter, supervisor):
    first = circulars.generate(quarter.township, 2026, 3, user=supervisor, issued_on=D(2026, 9, 30))
    second = circulars.generate(quarter.township, 2026, 3, user=supervisor, issued_on=D(2026, 9, 30))
    assert (first.version, second.version) == (1, 2)
    assert Circular.objects.filter(organisation=quarter.township, year=2026, quarter=3).count() == 2
    with second.docx.open("rb") as handle:
        document = Docx(io.BytesIO(handle.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "城关镇人民政府关于2026年第三季度信息公开工作情况的通报" in text
    assert "四、整改事项" in text and "2026年10月20日" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "东山村村民委员会" in cells and "至今未公开" in cells
    with second.pdf.open("rb") as handle:
        pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "2026年第三季度" in pdf_text and "整改事项" in pdf_text and "至今未公开" in pdf_text


def test_publish_as_draft_entry(quarter, rows, supervisor):
    circular = circulars.generate(quarter.township, 2026, 3, user=supervisor, issued_on=D(2026, 9, 30))
    entry = circulars.publish_as_entry(circular, rows.standing, supervisor)
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert not entry.live and entry.get_parent().pk == rows.standing.pk
    assert entry.organisation == quarter.township and entry.index_number
    blocks = [block.block_type for block in entry.latest_revision.as_object().body]
    assert blocks == ["rich_text", "attachments"]
    assert Circular.objects.get(pk=circular.pk).entry_id == entry.pk


def test_points_are_linear_and_clamped():
    rate = Indicator(code="x", label="x", weight=Decimal(30), full_at=100, zero_at=60)
    assert points_for(rate, 100) == Decimal(30) and points_for(rate, 60) == 0 and points_for(rate, 80) == Decimal(15)
    assert points_for(rate, 40) == 0 and points_for(rate, 120) == Decimal(30)
    days = Indicator(code="y", label="y", weight=Decimal(10), full_at=5, zero_at=20)  # lower is better
    assert points_for(days, 5) == 10 and points_for(days, 12.5) == 5 and points_for(days, 30) == 0


def test_assessment_ranks_units_with_evidence(quarter, rows):
    start, end = year_period(2026)
    scores = assess(subtree(quarter.township), start, end, today=D(2026, 11, 2))
    by_name = {score.organisation.short_name: score for score in scores}
    township = by_name["城关镇"]
    timeliness = next(point for point in township.points if point.indicator.code == "timeliness")
    assert timeliness.value == 33.3 and timeliness.points == 0  # below the 60% of no points
    assert "逾期公开的信息" in timeliness.evidence
    satisfaction = next(point for point in township.points if point.indicator.code == "feedback_satisfaction")
    assert satisfaction.points is None  # no feedback: no value, not counted in the maximum
    village = by_name["东山村"]
    completeness = next(point for point in village.points if point.indicator.code == "completeness")
    assert completeness.value == 100.0 and completeness.points == Decimal("25.00")
    assert village.rank == 1 and village.score > township.score
    assert [score.rank for score in scores if score.rank] == sorted(score.rank for score in scores if score.rank)
    Indicator.objects.filter(code="completeness").update(active=False)
    again = {s.organisation.short_name: s for s in assess(subtree(quarter.township), start, end, D(2026, 11, 2))}
    assert "completeness" not in [point.indicator.code for point in again["东山村"].points]


def test_correction_deadline_across_spring_festival(tree, rows):
    tree.add_entry(rows.prompt, "春节前逾期", publish=False, information_formed_on=D(2025, 12, 1))
    data = circulars.build(tree.township, 2025, 4, issued_on=D(2026, 2, 10))
    # 11, 12, 13 and Saturday 14 February; 15–23 February off; 24–27 and Saturday 28 February; 2 March.
    assert {item.correct_by for item in data.items} == {D(2026, 3, 2)}
