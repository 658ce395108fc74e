"""The reply letter (政府信息公开申请答复书) as DOCX: the unit's name, the date, the outcome with its legal
basis, the files supplied, the fee, and the appeal routes (行政复议 within 60 days, 行政诉讼 within 6 months;
docs/applications.md §5). Printed in Chinese whatever the interface language.

The PDF has the same text (reportlab with Adobe's STSong-Light CID font: Chinese without embedding a font
file; every PDF reader supplies the glyphs).
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .choices import OUTCOME_ROW_NAMES, FeeMethod

BODY_FONT = "仿宋_GB2312"   # GB/T 9704 official-document typography: 仿宋 body, 小标宋 title
TITLE_FONT = "方正小标宋简体"
APPEAL = ("如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，"
          "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。")


def _chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _run(paragraph, text, font=BODY_FONT, size=16, bold=False):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def outcome_sentence(application) -> str:
    row = OUTCOME_ROW_NAMES.get(application.outcome, "")
    label = row.split(" ", 1)[-1].lstrip("（一二三四五六）0123456789.")
    return label or row


def letter_parts(application) -> dict:
    """The letter's text: title lines, salutation, body paragraphs, signature lines."""
    unit = application.organisation
    body = [(f"本机关于{_chinese_date(application.received_on)}收到您（单位）提出的政府信息公开申请，"
             f"申请获取“{application.information_title}”。经审查，现答复如下："),
            f"办理结果：{outcome_sentence(application)}。"]
    if application.legal_basis:
        body.append(f"依据：{application.legal_basis}。")
    if application.withheld_parts:
        body.append(f"不予公开的部分及理由：{application.withheld_parts}")
    if application.transferred_to:
        body.append(f"该信息由{application.transferred_to}掌握，请向其申请。")
    files = list(application.supplied_files.all())
    if files:
        body.append("提供的信息：" + "；".join(f.title for f in files) + "。")
    if application.fee_amount:
        method = "按件计收" if application.fee_method == FeeMethod.BY_COUNT else "按量计收"
        due = f"，请于{_chinese_date(application.fee_due_on)}前缴纳" if application.fee_due_on else ""
        body.append(f"根据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号），"
                    f"本次申请应缴纳信息处理费{application.fee_amount}元（{method}）{due}；逾期未缴纳的，本机关不再处理该申请。")
    body.append(APPEAL)
    return {"title": [unit.name, "政府信息公开申请答复书"], "code": f"查询码：{application.tracking_code}",
            "salutation": f"{application.applicant_name}：", "body": body,
            "signature": [unit.name, _chinese_date(application.replied_on or application.concluded_on)]}


def reply_letter(application) -> bytes:
    """The letter for a replied application, as DOCX bytes."""
    parts = letter_parts(application)
    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "\n".join(parts["title"]), TITLE_FONT, 22)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, parts["code"], size=14)
    _run(document.add_paragraph(), parts["salutation"])
    for paragraph in parts["body"]:
        _run(document.add_paragraph(), "    " + paragraph)
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(signature, "\n".join(parts["signature"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reply_letter_pdf(application) -> bytes:
    """The same letter as PDF (A4, 2.8 cm/2.6 cm margins as GB/T 9704; first-line indent of two characters)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    parts = letter_parts(application)
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=15, leading=28, firstLineIndent=30,
                          wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=32, alignment=TA_CENTER, firstLineIndent=0)
    centred = ParagraphStyle("centred", parent=body, fontSize=12, alignment=TA_CENTER, firstLineIndent=0)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    story = [Paragraph("<br/>".join(escape(line) for line in parts["title"]), title),
             Paragraph(escape(parts["code"]), centred), Spacer(1, 12), Paragraph(escape(parts["salutation"]), plain)]
    story += [Paragraph(escape(paragraph), body) for paragraph in parts["body"]]
    story += [Spacer(1, 24), Paragraph("<br/>".join(escape(line) for line in parts["signature"]), right)]
    buffer = io.BytesIO()
    unit_name = parts["title"][0]
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.8 * cm, rightMargin=2.6 * cm, topMargin=3.7 * cm,
                      bottomMargin=3.5 * cm, title=f"{unit_name}政府信息公开申请答复书", author=unit_name).build(story)
    return buffer.getvalue()
