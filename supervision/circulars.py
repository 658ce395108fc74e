"""Quarterly circulars (季度通报, docs/supervision.md «通报»): for a unit and its subtree and a quarter, the
indicators per unit, the praise and criticism lists, and the items to correct with their deadlines, as DOCX
(python-docx) and PDF (reportlab, Adobe's STSong-Light CID font), stored with a version number — generating
again makes the next version. A circular may become a draft entry under a chosen catalogue row, which then
goes through the unit's normal procedure.

Rules (settings, docs/supervision.md):

* praise — units scoring at least ``SUPERVISION_PRAISE_SCORE`` (90) with nothing overdue;
* criticism — units scoring below ``SUPERVISION_CRITICISE_SCORE`` (60) or with items overdue
  (公开不及时、应公开未公开);
* items to correct — every timeliness finding and open check finding of the subtree, to be corrected within
  ``SUPERVISION_CORRECTION_WORKING_DAYS`` (10) working days of the issue date, on the official calendar.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from cms.conf import setting
from cms.workdays.service import add_working_days

from .assessment import assess
from .figures import all_figures
from .models import Circular, Finding
from .timeliness import findings as timeliness_findings
from .timeliness import subtree

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
FIGURE_COLUMNS = ("updates", "timeliness", "completeness", "interpretation_ratio", "link_health")


def quarter_period(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    if quarter not in QUARTER_NAMES:
        raise ValueError(quarter)
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = (datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1))
    return start, end


@dataclass
class Item:
    unit: str
    kind: str
    subject: str
    late: str
    correct_by: datetime.date


@dataclass
class CircularData:
    organisation: object
    year: int
    quarter: int
    issued_on: datetime.date
    title: str
    start: datetime.date
    end: datetime.date
    columns: list = field(default_factory=list)       # [(code, label, unit)]
    rows: list = field(default_factory=list)          # [(unit name, [value text], score text, rank)]
    praise: list = field(default_factory=list)        # [(unit name, reason)]
    criticism: list = field(default_factory=list)
    items: list = field(default_factory=list)         # [Item]
    overview: list = field(default_factory=list)      # paragraphs


def cn_date(day: datetime.date) -> str:
    """2026年7月1日: the date as official documents write it (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _value_text(value, unit) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:g}%"
    return f"{value:g}"


def build(organisation, year: int, quarter: int, issued_on: datetime.date | None = None) -> CircularData:
    """The content of a circular (no files yet), in Chinese whatever the language of the request."""
    with translation.override("zh-hans"):
        return _build(organisation, year, quarter, issued_on)


def _build(organisation, year: int, quarter: int, issued_on: datetime.date | None) -> CircularData:
    issued_on = issued_on or timezone.localdate()
    start, end = quarter_period(year, quarter)
    units = subtree(organisation)
    figures = all_figures(units, start, end, today=issued_on)
    scores = {score.organisation.pk: score for score in assess(units, start, end, figures=figures)}
    deadline = add_working_days(issued_on, int(setting("SUPERVISION_CORRECTION_WORKING_DAYS", 10)))
    title = f"{organisation.name}关于{year}年{QUARTER_NAMES[quarter]}信息公开工作情况的通报"
    data = CircularData(organisation, year, quarter, issued_on, title, start, end)
    data.columns = [(code, str(figures[code]["label"]), str(figures[code]["unit"])) for code in FIGURE_COLUMNS
                    if code in figures]
    data.columns += [(code, str(figure["label"]), str(figure["unit"])) for code, figure in figures.items()
                     if code not in FIGURE_COLUMNS]
    late = timeliness_findings(units, issued_on)
    open_checks = list(Finding.objects.filter(organisation__in=units, closed_at__isnull=True)
                       .select_related("organisation").order_by("organisation__path", "kind", "pk"))
    overdue_units = {finding.organisation.pk for finding in late if finding.days_late}
    for unit in units.order_by("path"):
        score = scores[unit.pk]
        values = [_value_text(figures[code]["values"].get(unit.pk, (None, ""))[0], measure)
                  for code, _label, measure in data.columns]
        data.rows.append((unit.name, values, "—" if score.score is None else f"{score.score}", score.rank or "—"))
        if score.score is not None and score.score >= setting("SUPERVISION_PRAISE_SCORE", 90) \
                and unit.pk not in overdue_units:
            data.praise.append((unit.name, f"综合得分{score.score}分，无逾期事项"))
        reasons = []
        if score.score is not None and score.score < setting("SUPERVISION_CRITICISE_SCORE", 60):
            reasons.append(f"综合得分{score.score}分")
        overdue = [finding for finding in late if finding.organisation.pk == unit.pk and finding.days_late]
        if overdue:
            reasons.append(f"{len(overdue)}项逾期（最长逾期{max(f.days_late for f in overdue)}个工作日）")
        if reasons:
            data.criticism.append((unit.name, "，".join(reasons)))
    for finding in late:
        late_text = f"逾期{finding.days_late}个工作日" if finding.days_late else "—"
        data.items.append(Item(finding.organisation.name, finding.kind_label, finding.subject, late_text, deadline))
    for finding in open_checks:
        data.items.append(Item(finding.organisation.name, str(finding.get_kind_display()),
                               f"{finding.subject}：{finding.detail}" if finding.detail else finding.subject,
                               f"{timezone.localdate(finding.first_found_at)}起", deadline))
    updates = sum(figures["updates"]["values"].get(unit.pk, (0, ""))[0] or 0 for unit in units)
    data.overview = [
        f"{year}年{QUARTER_NAMES[quarter]}（{cn_date(start)}至{cn_date(end)}），{organisation.name}及所属"
        f"{units.count()}个单位共主动公开信息{updates}条。现将各单位信息公开工作情况通报如下。",
        f"本期表扬{len(data.praise)}个单位，通报批评{len(data.criticism)}个单位，需整改事项{len(data.items)}项。"
        f"请相关单位于{cn_date(deadline)}前完成整改并报送整改情况。",
    ]
    return data


def to_docx(data: CircularData) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "SimSun", Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(data.title)
    run.bold, run.font.size = True, Pt(18)
    for paragraph in data.overview:
        document.add_paragraph(paragraph)

    def table(headers, rows):
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers):
            cell.text = str(text)
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = str(text)

    document.add_paragraph("一、各单位指标情况")
    table(["单位", *(f"{label}（{unit}）" if unit else label for _c, label, unit in data.columns), "综合得分", "排名"],
          [(name, *values, score, rank) for name, values, score, rank in data.rows])
    document.add_paragraph("二、表扬")
    for name, reason in data.praise or [("无", "")]:
        document.add_paragraph(f"{name}：{reason}" if reason else name)
    document.add_paragraph("三、通报批评")
    for name, reason in data.criticism or [("无", "")]:
        document.add_paragraph(f"{name}：{reason}" if reason else name)
    document.add_paragraph("四、整改事项")
    table(["单位", "类别", "事项", "情况", "整改期限"],
          [(i.unit, i.kind, i.subject, i.late, cn_date(i.correct_by)) for i in data.items] or [
              ("无", "", "", "", "")])
    closing = document.add_paragraph(f"{data.organisation.name}\n{cn_date(data.issued_on)}")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(data: CircularData) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=7, leading=9, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=17, leading=28, alignment=TA_CENTER, firstLineIndent=0)
    right = ParagraphStyle("right", parent=plain, alignment=TA_RIGHT)

    available = A4[0] - 4.4 * cm

    def table(headers, rows):
        first = min(3.2 * cm, available / 3)
        rest = (available - first) / max(1, len(headers) - 1)
        grid = Table([[Paragraph(escape(str(text)), cell) for text in row] for row in [headers, *rows]],
                     repeatRows=1, colWidths=[first] + [rest] * (len(headers) - 1))
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return grid

    story = [Paragraph(escape(data.title), title), Spacer(1, 8)]
    story += [Paragraph(escape(paragraph), body) for paragraph in data.overview]
    story += [Paragraph("一、各单位指标情况", plain),
              table(["单位", *(f"{label}（{unit}）" if unit else label for _c, label, unit in data.columns),
                     "综合得分", "排名"], [(name, *values, score, rank) for name, values, score, rank in data.rows])]
    story.append(Paragraph("二、表扬", plain))
    story += [Paragraph(escape(f"{name}：{reason}"), body) for name, reason in data.praise] or [Paragraph("无", body)]
    story.append(Paragraph("三、通报批评", plain))
    story += [Paragraph(escape(f"{name}：{reason}"), body) for name, reason in data.criticism] or [
        Paragraph("无", body)]
    story.append(Paragraph("四、整改事项", plain))
    story.append(table(["单位", "类别", "事项", "情况", "整改期限"],
                       [(i.unit, i.kind, i.subject, i.late, cn_date(i.correct_by)) for i in data.items]
                       or [("无", "", "", "", "")]))
    story += [Spacer(1, 18), Paragraph(escape(data.organisation.name), right),
              Paragraph(cn_date(data.issued_on), right)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2.5 * cm,
                      bottomMargin=2.5 * cm, title=data.title, author=data.organisation.name).build(story)
    return buffer.getvalue()


def summary_of(data: CircularData) -> dict:
    return {"praise": data.praise, "criticism": data.criticism, "items": len(data.items),
            "correct_by": data.items[0].correct_by.isoformat() if data.items else None,
            "columns": [label for _c, label, _u in data.columns],
            "rows": [[name, values, score, rank] for name, values, score, rank in data.rows]}


@transaction.atomic
def generate(organisation, year: int, quarter: int, user=None, issued_on: datetime.date | None = None) -> Circular:
    """Build the circular and store it as the next version for this unit and quarter."""
    data = build(organisation, year, quarter, issued_on)
    docx_bytes, pdf_bytes = to_docx(data), to_pdf(data)
    latest = (Circular.objects.select_for_update().filter(organisation=organisation, year=year, quarter=quarter)
              .aggregate(v=Max("version"))["v"] or 0)
    circular = Circular(organisation=organisation, year=year, quarter=quarter, version=latest + 1,
                        issued_on=data.issued_on, title=data.title, created_by=user, summary=summary_of(data))
    stem = f"circular-{organisation.region_code}-{organisation.department_code}-{year}q{quarter}-v{latest + 1}"
    circular.docx.save(f"{stem}.docx", ContentFile(docx_bytes), save=False)
    circular.pdf.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    circular.save()
    return circular


@transaction.atomic
def publish_as_entry(circular: Circular, row, user=None):
    """A draft entry under ``row`` (a catalogue row of the circular's unit or its subtree) with the PDF
    attached; it goes through the unit's procedure like any entry. Returns the entry."""
    from wagtail.documents import get_document_model

    from cms.models import DisclosurePage

    Document = get_document_model()
    with circular.pdf.open("rb") as handle:
        content = handle.read()
    document = Document(title=circular.title, uploaded_by_user=user)
    document.file.save(f"{circular.title[:60]}-v{circular.version}.pdf", ContentFile(content), save=False)
    document.save()
    summary = (f"{circular.title}（第{circular.version}版），表扬{len(circular.summary.get('praise', []))}个单位，"
               f"通报批评{len(circular.summary.get('criticism', []))}个单位，整改事项{circular.summary.get('items', 0)}项。")
    entry = DisclosurePage(title=circular.title, slug=f"circular-{circular.pk}-v{circular.version}", live=False,
                           summary=summary, written_on=circular.issued_on, owner=user,
                           body=[("rich_text", f"<p>{escape(summary)}</p>"),
                                 ("attachments", [{"document": document, "title": circular.title}])])
    row.add_child(instance=entry)
    entry.save_revision(user=user)
    Circular.objects.filter(pk=circular.pk).update(entry=entry)
    circular.entry = entry
    return entry
