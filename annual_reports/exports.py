"""The report as DOCX (python-docx) and PDF (reportlab with Adobe's STSong-Light CID font, as the reply
letters of applications/letters.py): the same sections and tables as the entry, in Chinese whatever the
interface language."""

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from . import body
from .services import title
from .template import APPEAL_COLUMNS, APPLICATION_COLUMNS, COUNT_UNIT, SECTIONS

BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"


def parts(report) -> list[tuple[str, object]]:
    """("heading", text) / ("text", paragraph) / ("table", (caption, header, rows)) in order."""
    items = [("title", title(report)), ("heading", SECTIONS["overview"])]
    items += [("text", line) for line in report.overview.splitlines() if line.strip()]
    items.append(("heading", SECTIONS["proactive"]))
    for block in body.proactive_tables(report):
        value = block["value"]
        items.append(("table", (value["caption"], [c["heading"] for c in value["columns"]], value["rows"])))
    items.append(("heading", SECTIONS["applications"]))
    items.append(("table", (f"单位：{COUNT_UNIT}", ["项目"] + [name for _c, name in APPLICATION_COLUMNS],
                            body.applications_rows(report))))
    items.append(("heading", SECTIONS["appeals"]))
    items.append(("table", (f"单位：{COUNT_UNIT}", ["项目"] + [name for _c, name in APPEAL_COLUMNS],
                            body.appeals_rows(report))))
    for key, text in (("problems", report.problems), ("other_matters", report.other_matters)):
        items.append(("heading", SECTIONS[key]))
        items += [("text", line) for line in (text or "无。").splitlines() if line.strip()]
    return items


def _run(paragraph, text, font=BODY_FONT, size=12, bold=False):
    run = paragraph.add_run(str(text))
    run.font.name, run.font.size, run.bold = font, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def to_docx(report) -> bytes:
    document = Document()
    for kind, value in parts(report):
        if kind == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, value, TITLE_FONT, 18)
        elif kind == "heading":
            _run(document.add_paragraph(), value, size=14, bold=True)
        elif kind == "text":
            _run(document.add_paragraph(), "　　" + value)
        else:
            caption, header, rows = value
            _run(document.add_paragraph(), caption, size=10)
            grid = document.add_table(rows=1 + len(rows), cols=len(header))
            grid.style = "Table Grid"
            for row_index, row in enumerate([header, *rows]):
                for column, cell in enumerate(row):
                    grid.cell(row_index, column).text = ""
                    _run(grid.cell(row_index, column).paragraphs[0], cell, size=9, bold=row_index == 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("text", fontName="STSong-Light", fontSize=11, leading=18, firstLineIndent=22,
                          wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=text, fontSize=13, leading=22, firstLineIndent=0, spaceBefore=8)
    big = ParagraphStyle("title", parent=text, fontSize=17, leading=26, alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=text, fontSize=8, leading=10, firstLineIndent=0)
    small = ParagraphStyle("caption", parent=cell, fontSize=9, leading=12)
    story = []
    width = A4[0] - 4 * cm
    for kind, value in parts(report):
        if kind == "title":
            story += [Paragraph(escape(value), big), Spacer(1, 10)]
        elif kind == "heading":
            story.append(Paragraph(escape(value), heading))
        elif kind == "text":
            story.append(Paragraph(escape(value), text))
        else:
            caption, header, rows = value
            first = width * (0.34 if len(header) > 3 else 0.5)
            widths = [first] + [(width - first) / (len(header) - 1)] * (len(header) - 1)
            data = [[Paragraph(escape(str(c)), cell) for c in row] for row in [header, *rows]]
            grid = Table(data, colWidths=widths, repeatRows=1)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story += [Paragraph(escape(caption), small), grid, Spacer(1, 6)]
    buffer = io.BytesIO()
    unit = report.organisation.name
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.5 * cm,
                      bottomMargin=2.5 * cm, title=title(report), author=unit).build(story)
    return buffer.getvalue()
