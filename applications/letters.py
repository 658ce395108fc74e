"""The reply letter (政府信息公开申请答复书) as DOCX: the unit's name, the date, the outcome with its legal
basis, the files supplied, the fee, and the appeal routes (行政复议 within 60 days, 行政诉讼 within 6 months;
docs/applications.md §5). Printed in Chinese whatever the interface language.

PDF: no PDF library is installed (reportlab is not in the environment); print the DOCX to PDF.
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


def reply_letter(application) -> bytes:
    """The letter for a replied application, as DOCX bytes."""
    unit = application.organisation
    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, f"{unit.name}\n政府信息公开申请答复书", TITLE_FONT, 22)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, f"查询码：{application.tracking_code}", size=14)
    _run(document.add_paragraph(), f"{application.applicant_name}：")
    _run(document.add_paragraph(),
         f"    本机关于{_chinese_date(application.received_on)}收到您（单位）提出的政府信息公开申请，"
         f"申请获取“{application.information_title}”。经审查，现答复如下：")
    _run(document.add_paragraph(), f"    办理结果：{outcome_sentence(application)}。")
    if application.legal_basis:
        _run(document.add_paragraph(), f"    依据：{application.legal_basis}。")
    if application.transferred_to:
        _run(document.add_paragraph(), f"    该信息由{application.transferred_to}掌握，请向其申请。")
    files = list(application.supplied_files.all())
    if files:
        _run(document.add_paragraph(), "    提供的信息：" + "；".join(f.title for f in files) + "。")
    if application.fee_amount:
        method = "按件计收" if application.fee_method == FeeMethod.BY_COUNT else "按量计收"
        due = f"，请于{_chinese_date(application.fee_due_on)}前缴纳" if application.fee_due_on else ""
        _run(document.add_paragraph(),
             f"    根据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号），"
             f"本次申请应缴纳信息处理费{application.fee_amount}元（{method}）{due}；逾期未缴纳的，本机关不再处理该申请。")
    _run(document.add_paragraph(), "    " + APPEAL)
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(signature, f"{unit.name}\n{_chinese_date(application.replied_on or application.concluded_on)}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
