"""Reply, fees, letter and table 三 (docs/applications.md §5, §7)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from applications import fees, letters, services
from applications.annual_report import TableCheckFailed, table_three
from applications.choices import Outcome

from .conftest import new_application, walk

D = datetime.date


@pytest.mark.parametrize("n, fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                    (55, 400)])
def test_fee_by_number_of_applications(n, fee):
    assert fees.fee_for_nth_application(n) == fee


@pytest.mark.parametrize("pages, fee", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700),
                                        (201, 2740), (250, 4700)])
def test_fee_by_pages_each_band_at_its_rate(pages, fee):
    assert fees.fee_for_pages(pages) == fee


def test_the_eleventh_application_in_a_month_costs(office):
    handler = office.users["a_handler"]
    applications = [new_application(office.village_a, received_on=D(2026, 9, 1 + i % 20), identity_number="330199199001011234")
                    for i in range(11)]
    last = max(applications, key=lambda a: (a.received_on, a.pk))
    replied = walk(last, handler, ("register", D(2026, 9, 21)),
                   ("reply", D(2026, 9, 22), {"outcome": "disclosed", "fee_method": "by_count"}))
    assert replied.fee_amount == 100 and replied.fee_due_on is not None
    first = walk(applications[0], handler, ("register", D(2026, 9, 21)),
                 ("reply", D(2026, 9, 22), {"outcome": "disclosed", "fee_method": "by_count"}))
    assert first.fee_amount == 0


def test_reply_needs_an_outcome_and_a_legal_basis(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a), handler, ("register", D(2026, 9, 24)))
    with pytest.raises(ValidationError, match="outcome"):
        walk(application, handler, ("reply", D(2026, 9, 25), {"outcome": "nonsense"}))
    with pytest.raises(ValidationError, match="legal basis"):
        walk(application, handler, ("reply", D(2026, 9, 25), {"outcome": "withheld_1"}))


def test_unpaid_fee_ends_with_the_matching_outcome(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a), handler, ("register", D(2026, 9, 24)),
                       ("reply", D(2026, 9, 25), {"outcome": "disclosed", "fee_method": "by_pages", "pages": 50}))
    assert application.fee_amount == 200
    with pytest.raises(ValidationError, match="not paid"):
        walk(application, handler, ("close", D(2026, 9, 28)))
    with pytest.raises(ValidationError, match="may be paid until"):
        walk(application, handler, ("fee_unpaid", application.fee_due_on))
    closed = walk(application, handler, ("fee_unpaid", D(2026, 11, 30)))
    assert closed.state == "closed" and closed.outcome == Outcome.OTHER_FEE_UNPAID


def test_reply_letter_names_the_unit_date_outcome_and_appeal_routes(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a), handler, ("register", D(2026, 9, 24)),
                       ("reply", D(2026, 9, 25), {"outcome": "partly_disclosed", "fee_method": "by_pages",
                                                  "pages": 40, "withheld_parts": "第三方商业秘密部分",
                                                  "legal_basis": "《中华人民共和国政府信息公开条例》第三十七条"}))
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.reply_letter(application))).paragraphs)
    for expected in ("东山村村民委员会", "2026年9月25日", "部分公开", "第三十七条", "60日内", "6个月内", "行政复议",
                     "行政诉讼", "100元", application.tracking_code):
        assert expected in text, expected
    assert "13800001234" not in text


def test_table_three_balances_across_years(office):
    handler = office.users["a_handler"]
    unit = office.village_a
    # 2025: two received, one replied in 2025, one carried into 2026.
    walk(new_application(unit, received_on=D(2025, 12, 1)), handler, ("register", D(2025, 12, 1)),
         ("reply", D(2025, 12, 5), {"outcome": "disclosed"}))
    carried = new_application(unit, received_on=D(2025, 12, 20), applicant_type="legal_person",
                              organisation_kind="research")
    # 2026: the carried one withheld, three new: transferred, withdrawn, one still open at year end.
    walk(carried, handler, ("register", D(2026, 1, 5)),
         ("reply", D(2026, 1, 6), {"outcome": "withheld_6", "legal_basis": "条例第十六条"}))
    walk(new_application(unit, received_on=D(2026, 3, 2)), handler, ("transfer", D(2026, 3, 3),
                                                                      {"transferred_to": "县财政局"}))
    walk(new_application(unit, received_on=D(2026, 4, 1), applicant_type="legal_person",
                         organisation_kind="commercial"), handler, ("withdraw", D(2026, 4, 2)))
    new_application(unit, received_on=D(2026, 11, 2))
    table = table_three(unit, 2026)
    assert table.rows["new"] == {"natural_person": 2, "commercial": 1, "research": 0, "public_interest": 0,
                                 "legal_services": 0, "other": 0, "total": 3}
    assert table.rows["carried_over"]["research"] == 1 and table.rows["carried_over"]["total"] == 1
    assert table.rows["withheld_6"]["research"] == 1
    assert table.rows["unavailable_1"]["natural_person"] == 1
    assert table.rows["other_3"]["commercial"] == 1
    assert table.rows["results_total"]["total"] == 3
    assert table.rows["carried_forward"]["total"] == 1
    assert table_three(unit, 2025).rows["carried_forward"]["research"] == 1
    assert len(table.row_names()) == 2 + 21 + 2
    table.rows["new"]["total"] += 1
    with pytest.raises(TableCheckFailed, match="总计"):
        table.check()


def test_reply_letter_as_pdf_has_the_same_chinese_text(office):
    from pypdf import PdfReader

    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a), handler, ("register", D(2026, 9, 24)),
                       ("reply", D(2026, 9, 25), {"outcome": "disclosed", "fee_method": "by_pages", "pages": 120}))
    reader = PdfReader(io.BytesIO(letters.reply_letter_pdf(application)))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for expected in ("东山村村民委员会", "政府信息公开申请答复书", "2026年9月25日", "予以公开", "1100元", "60日内", "6个月内"):
        assert expected in text, expected
    assert reader.metadata.title == "东山村村民委员会政府信息公开申请答复书"


def test_supplied_files_are_scanned_and_a_disclosing_reply_confirms_the_findings(office):
    from django.core.files.base import ContentFile

    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a), handler, ("register", D(2026, 9, 24)))
    text = "低保户名单\n张某某 身份证号 11010519491231002X 电话 13912345678\n".encode()
    supplied = services.add_supplied_file(application, handler, ContentFile(text, name="名单.txt"), "低保户名单", 1)
    kinds = {finding["kind"] for finding in supplied.findings}
    assert {"id_number", "mobile"} <= kinds
    assert "11010519491231002X" not in str(supplied.findings)  # only the masked form is kept
    with pytest.raises(ValidationError, match="personal data"):
        walk(application, handler, ("reply", D(2026, 9, 25), {"outcome": "disclosed"}))
    with pytest.raises(ValidationError, match="what was withheld"):
        walk(application, handler, ("reply", D(2026, 9, 25), {"outcome": "partly_disclosed", "legal_basis": "条例第三十七条",
                                                             "privacy_reviewed": True}))
    replied = walk(application, handler, ("reply", D(2026, 9, 25), {
        "outcome": "partly_disclosed", "legal_basis": "条例第十五条、第三十七条", "privacy_reviewed": True,
        "withheld_parts": "身份证号码和电话号码属于个人隐私，已作去标识化处理"}))
    assert replied.withheld_parts.startswith("身份证号码")
    letter = "\n".join(p.text for p in Document(io.BytesIO(letters.reply_letter(replied))).paragraphs)
    assert "不予公开的部分及理由：身份证号码" in letter and "低保户名单" in letter
