"""The annual report (政府信息公开工作年度报告, docs/supervision.md «年度报告»): figures computed from entries and
applications, the checks, the draft entry through the unit's procedure, DOCX/PDF, the due-date finding."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail import hooks

from annual_reports import checks, exports, services
from annual_reports.models import AnnualReport
from applications.annual_report import table_three
from cms.models import DisclosureLink, DisclosurePage, Domain, LinkKind, Validity
from cms.workdays.models import CalendarDay, CalendarYear
from cms.workdays.service import CalendarYearMissing
from tests.applications.conftest import new_application, walk
from tests.conftest import make_user
from tests.moderation.conftest import act, current

D = datetime.date
APPEALS_OK = {group: {"upheld": "0", "corrected": "0", "other": "0", "pending": "0", "total": "0"}
              for group in ("review", "litigation_direct", "litigation_after_review")}


def dated(entry, written, published):
    DisclosurePage.objects.filter(pk=entry.pk).update(written_on=written, first_published_on=published,
                                                      published_on=published)
    entry.refresh_from_db()
    return entry


@pytest.fixture
def rows(tree):
    add = tree.add_item
    return {
        "annual": add(tree.township, Domain.GOVERNMENT, "政府信息公开工作年度报告", slug="annual",
                      time_limit_kind="periodic", cadence="yearly"),
        "normative": add(tree.township, Domain.GOVERNMENT, "行政规范性文件", slug="normative"),
        "licences": add(tree.township, Domain.GOVERNMENT, "行政许可", slug="licences"),
        "mixed": add(tree.township, Domain.GOVERNMENT, "行政处罚和行政强制", slug="mixed"),
        "county_annual": add(tree.county, Domain.GOVERNMENT, "年度报告", slug="county-annual",
                             time_limit_kind="periodic", cadence="yearly", due_month=3, due_day=31),
    }


@pytest.fixture
def documents(tree, rows):
    """Normative documents: A (2024) repealed by C (2025); B (2025) in force; licences 2 in 2025, 1 in 2024."""
    a = dated(tree.add_entry(rows["normative"], "城关镇农村建房管理办法", document_number="城政规〔2024〕1号"),
              D(2024, 5, 6), D(2024, 5, 9))
    b = dated(tree.add_entry(rows["normative"], "城关镇集镇环境卫生管理办法"), D(2025, 3, 3), D(2025, 3, 6))
    c = tree.add_entry(rows["normative"], "城关镇农村建房管理办法（2025年修订）", publish=False)
    c.links = [DisclosureLink(kind=LinkKind.REPEALS, target=a)]
    c.save_revision().publish()
    c = dated(DisclosurePage.objects.get(pk=c.pk), D(2025, 6, 2), D(2025, 6, 5))
    for day in (D(2025, 4, 1), D(2025, 11, 3), D(2024, 12, 30)):
        dated(tree.add_entry(rows["licences"], f"行政许可决定（{day:%Y%m%d}）"), day, day)
    dated(tree.add_entry(rows["mixed"], "行政处罚决定书"), D(2025, 7, 1), D(2025, 7, 1))
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def handler(tree):
    return make_user("t_handler", tree.township.application_office.handlers)


def complete(report, **proactive):
    report.entered = {"proactive": {"rules": {"issued": "0", "repealed": "0", "in_force": "0"},
                                    "penalties": {"decisions": "3"}, "enforcement": {"decisions": "1"},
                                    "fees": {"amount": "12.50"}, **proactive},
                      "appeals": {group: dict(values) for group, values in APPEALS_OK.items()}}
    report.save()
    return report


def test_table_two_counts_the_rows_that_hold_the_figures(tree, documents):
    assert AnnualReport.objects.count() == 0
    report = services.generate(tree.township, 2025)
    assert DisclosurePage.objects.get(pk=documents["a"].pk).validity == Validity.REPEALED
    proactive = report.computed["proactive"]
    assert proactive["normative"]["values"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert "城关镇集镇环境卫生管理办法" in proactive["normative"]["evidence"]
    assert proactive["licences"]["values"] == {"decisions": 2}
    # 行政处罚和行政强制 names two items: it counts for neither, both are entered; so are 规章 and fees.
    assert set(proactive) == {"normative", "licences"}
    assert "规章" in " ".join(checks.proactive_errors(report))
    # At the end of 2024 A was in force; nothing was repealed in 2024.
    assert services.generate(tree.township, 2024).computed["proactive"]["normative"]["values"] == {
        "issued": 1, "repealed": 0, "in_force": 1}


def test_table_three_is_the_applications_table_with_every_row_and_column(tree, rows, handler):
    replied = new_application(tree.township, received_on=D(2025, 3, 3))
    walk(replied, handler, ("register", D(2025, 3, 3)), ("reply", D(2025, 3, 10), {"outcome": "disclosed"}))
    new_application(tree.township, received_on=D(2025, 12, 22), applicant_type="legal_person",
                    organisation_kind="commercial", applicant_name="某公司")
    report = services.generate(tree.township, 2025)
    table = report.computed["applications"]["rows"]
    expected = table_three(tree.township, 2025)
    assert [key for key, _name, _values in table] == [key for key, _name in expected.row_names()]
    assert len(table) == 2 + 21 + 2
    by_key = {key: values for key, _name, values in table}
    assert by_key["new"] == {"natural_person": 1, "commercial": 1, "research": 0, "public_interest": 0,
                             "legal_services": 0, "other": 0, "total": 2}
    assert by_key["disclosed"]["natural_person"] == 1 and by_key["results_total"]["total"] == 1
    assert by_key["carried_forward"]["commercial"] == 1
    assert checks.applications_errors(report.computed["applications"]) == []
    assert "新收政府信息公开申请2件" in report.overview


def test_broken_identities_are_refused_naming_the_row(tree, rows, documents):
    report = complete(services.generate(tree.township, 2025))
    report.entered["appeals"]["review"].update(upheld="2", total="1")
    report.entered["appeals"]["litigation_direct"]["pending"] = "-1"
    rows_three = report.computed["applications"]["rows"]
    next(values for key, _n, values in rows_three if key == "carried_forward")["research"] = 1
    report.entered["proactive"]["fees"]["amount"] = "1.234"
    del report.entered["proactive"]["penalties"]
    report.save()
    with translation.override("zh-hans"), pytest.raises(services.ReportError) as raised:
        services.write_draft(report, tree.users["t_editor"])
    text = "\n".join(raised.value.messages)
    assert "行政复议" in text and "总计" in text
    assert "行政诉讼（未经复议直接起诉）" in text and "尚未审结" in text
    assert "科研机构" in text and "四、结转下年度继续办理" in text
    assert "行政事业性收费" in text and "1.234" in text
    assert "行政处罚" in text
    assert not DisclosurePage.objects.filter(slug="annual-report-2025").exists()


def test_the_draft_goes_through_the_procedure_and_regenerating_adds_a_revision(client, tree, rows, documents):
    users = tree.users
    report = complete(services.generate(tree.township, 2025))
    page = services.write_draft(report, users["t_editor"])
    url = page.get_url()
    assert client.get(url).status_code == 404  # a draft reaches nobody on the portal
    assert not page.live and page.get_parent().pk == rows["annual"].pk
    assert page.title == "城关镇人民政府2025年政府信息公开工作年度报告"
    tables = [block.value for block in page.body if block.block_type == "financial_table"]
    assert [t["unit"] for t in tables] == ["yuan", "yuan", "ten_thousand_yuan", "yuan", "yuan"]
    assert all(c["kind"] != "amount" for t in tables if t["unit"] != "ten_thousand_yuan" for c in t["columns"])
    assert "12.50" in str(tables[2]["rows"][0][1])
    assert next(h.value.source for h in page.body if h.block_type == "rich_text").startswith("<h2>一、总体情况")
    revisions = page.revisions.count()

    page.get_workflow().start(page, users["t_editor"])
    for user, action, data in (("t_reviewer", "approve", {}),
                               ("t_secrecy_reviewer", "review", {"outcome": "disclose", "notes": "可以公开"}),
                               ("t_approver", "approve", {})):
        _page, state = current(page)
        if state is None:
            break
        act(page, users[user], action, **data)
    page = DisclosurePage.objects.get(pk=page.pk)
    assert page.live and current(page)[1] is None
    live_revision = page.live_revision_id
    html = client.get(url).content.decode()  # the portal renders it as any entry
    for text in ("城关镇人民政府2025年政府信息公开工作年度报告", "一、总体情况", "行政规范性文件", "本年制发件数",
                 "三、收到和处理政府信息公开申请情况", "（一）予以公开", "四、结转下年度继续办理", "结果维持"):
        assert text in html, text

    report.overview += "\n补充说明。"
    report.save()
    services.write_draft(services.generate(tree.township, 2025), users["t_editor"])
    page = DisclosurePage.objects.get(pk=page.pk)
    assert page.live_revision_id == live_revision and page.has_unpublished_changes
    assert page.revisions.count() == revisions + 1  # the procedure publishes the submitted revision itself
    assert "补充说明" not in str(page.body) and "补充说明" in str(page.get_latest_revision_as_object().body)
    assert DisclosurePage.objects.filter(catalogue_item=rows["annual"]).count() == 1


def test_a_unit_without_the_row_gets_a_clear_error(tree):
    report = complete(services.generate(tree.township, 2025))
    with translation.override("zh-hans"), pytest.raises(services.ReportError) as raised:
        services.write_draft(report, tree.users["t_editor"])
    assert "城关镇人民政府" in raised.value.messages[0] and "年度报告" in raised.value.messages[0]


def test_docx_and_pdf_read_back_in_chinese(tree, rows, documents):
    from docx import Document
    from pypdf import PdfReader

    report = complete(services.generate(tree.township, 2025))
    document = Document(io.BytesIO(exports.to_docx(report)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "城关镇人民政府2025年政府信息公开工作年度报告" in paragraphs and "四、政府信息公开行政复议、行政诉讼情况" in paragraphs
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["行政规范性文件", "2", "1", "2"] in cells and ["行政事业性收费", "12.50"] in cells
    assert any(row[0] == "一、本年新收政府信息公开申请数量" for row in cells)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(exports.to_pdf(report))).pages)
    compact = "".join(text.split())
    assert "2025年政府信息公开工作年度报告" in compact and "本年制发件数" in compact and "结转下年度继续办理" in compact


def calendar_2027():
    year = CalendarYear.objects.create(year=2027, complete=True, source="test schedule")
    CalendarDay.objects.create(calendar_year=year, date=D(2027, 1, 1), kind="holiday", name="元旦")
    for day in range(6, 15):
        CalendarDay.objects.create(calendar_year=year, date=D(2027, 2, day), kind="holiday", name="春节")
    return year


def annual_findings(organisations, today):
    return [f for hook in hooks.get_hooks("supervision_findings") for f in hook(organisations, today)
            if f["kind"] == "annual_report_missing"]


def test_due_dates_on_the_calendar_2027(tree, rows):
    calendar_2027()
    from cms.models import Organisation

    # 31 January 2027 is a Sunday: the township's report on 2026 is due on Monday 1 February.
    assert services.statutory_due(tree.township, 2026) == D(2027, 1, 31)
    assert services.due_on(tree.township, 2026) == D(2027, 2, 1)
    assert services.due_on(tree.county, 2026) == D(2027, 3, 31)  # the row's terms, a Wednesday
    units = Organisation.objects.all()
    assert annual_findings(units, D(2027, 2, 1)) == []
    found = annual_findings(units, D(2027, 2, 2))
    assert [(f["organisation"], f["due_on"], f["days_late"]) for f in found] == [(tree.township, D(2027, 2, 1), 1)]
    assert "2027年2月1日" in found[0]["subject"]
    assert [f["organisation"] for f in annual_findings(units, D(2027, 4, 1))] == [tree.county, tree.township]
    assert [f["organisation"] for f in annual_findings(units, D(2027, 3, 31))] == [tree.township]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from annual_reports.services import findings

    with CaptureQueriesContext(connection) as captured:
        findings(units, D(2027, 4, 1))
    assert len(captured.captured_queries) <= 8  # a fixed number, whatever the number of units
    # Villages make no report; a report published in 2027 ends the finding.
    page = tree.add_entry(rows["annual"], "城关镇人民政府2026年政府信息公开工作年度报告")
    dated(page, D(2027, 2, 3), D(2027, 2, 3))
    assert [f["organisation"] for f in annual_findings(units, D(2027, 4, 1))] == [tree.county]


def test_supervision_lists_the_missing_report_of_the_subtree(tree, rows):
    from supervision.timeliness import findings, subtree

    calendar_2027()
    found = findings(subtree(tree.township), D(2027, 2, 2), kinds={"annual_report_missing"})
    assert [(f.organisation, f.kind_label, f.days_late) for f in found] == [(tree.township, "年度报告未按时公开", 1)]
    report = services.generate(tree.township, 2026)
    found = findings(subtree(tree.county), D(2027, 4, 1), kinds={"annual_report_missing"})
    assert [f.organisation for f in found] == [tree.county, tree.township]
    assert found[1].url == reverse("annual_reports:edit", args=[report.pk]) and found[0].url is None


def test_due_dates_across_spring_festival_and_national_day_2026(tree, rows):
    # Reports on 2025: 31 January 2026 is a rest Saturday → Monday 2 February; 31 March 2026 a Tuesday.
    assert services.due_on(tree.township, 2025) == D(2026, 2, 2)
    assert services.due_on(tree.county, 2025) == D(2026, 3, 31)
    row = rows["county_annual"]
    row.due_month, row.due_day = 2, 15  # a row whose own terms fall in Spring Festival (15–23 February)
    row.save()
    assert services.due_on(tree.county, 2025) == D(2026, 2, 24)
    row.due_month, row.due_day = 10, 1  # … and on National Day (1–7 October 2026)
    row.save()
    assert services.due_on(tree.county, 2025) == D(2026, 10, 8)
    from cms.models import Organisation

    found = annual_findings(Organisation.objects.all(), D(2026, 10, 9))
    assert {(f["organisation"], f["due_on"]) for f in found} == {(tree.county, D(2026, 10, 8)),
                                                                  (tree.township, D(2026, 2, 2))}


def test_a_year_without_calendar_is_flagged_not_guessed(tree, rows):
    with pytest.raises(CalendarYearMissing):
        services.due_on(tree.township, 2026)
    from cms.models import Organisation

    found = annual_findings(Organisation.objects.filter(pk=tree.township.pk), D(2027, 2, 5))
    assert found[0]["due_on"] == D(2027, 1, 31) and "工作日历缺少2027年" in found[0]["subject"]


def test_admin_generate_edit_and_export(client, tree, rows, documents):
    client.force_login(tree.users["t_editor"])
    with translation.override("zh-hans"):
        index = client.get(reverse("annual_reports:index"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert index.status_code == 200
    # The 年度报告 row offers 生成年度报告草稿 in the page explorer (its header and its listing's "more" menu).
    link = f"/admin/annual-reports/?organisation={tree.township.pk}"
    for explorer in (rows["annual"].pk, rows["annual"].get_parent().pk):
        assert link in client.get(reverse("wagtailadmin_explore", args=[explorer])).content.decode()
    assert link not in client.get(reverse("wagtailadmin_explore", args=[rows["normative"].pk])).content.decode()
    chosen = client.get(link).content.decode()
    assert f'<option value="{tree.township.pk}" selected>' in chosen
    assert client.post(reverse("annual_reports:index"), {"organisation": tree.township.pk, "year": "abc"}
                       ).status_code == 200
    assert client.post(reverse("annual_reports:index"), {"organisation": tree.county.pk, "year": "2025"}
                       ).status_code == 200  # not the editor's unit: refused by the form
    assert not AnnualReport.objects.exists()
    response = client.post(reverse("annual_reports:index"), {"organisation": tree.township.pk, "year": "2025"})
    report = AnnualReport.objects.get()
    edit = reverse("annual_reports:edit", args=[report.pk])
    assert response.status_code == 302 and response["Location"] == edit
    form = {"overview": "总体情况。", "problems": "", "other_matters": "",
            "proactive__rules__issued": "0", "proactive__rules__repealed": "0", "proactive__rules__in_force": "0",
            "proactive__penalties__decisions": "4", "proactive__enforcement__decisions": "0",
            "proactive__fees__amount": "3.20", "action": "write"}
    for group, values in APPEALS_OK.items():
        form.update({f"appeals__{group}__{column}": value for column, value in values.items()})
    bad = dict(form, appeals__review__upheld="1", appeals__review__total="2", proactive__fees__amount="x")
    response = client.post(edit, bad)
    assert response.status_code == 200 and "行政复议" in response.content.decode()
    assert AnnualReport.objects.get().page is None
    response = client.post(edit, form)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.page is not None and not report.page.live
    for format, start in (("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(reverse("annual_reports:export", args=[report.pk, format]))
        assert response.status_code == 200 and response.content.startswith(start)
    assert client.get(reverse("annual_reports:export", args=[report.pk, "exe"])).status_code == 404
    client.force_login(tree.users["a_editor"])  # a village's editor: no report of its own
    for url in (edit, reverse("annual_reports:index"), reverse("annual_reports:export", args=[report.pk, "pdf"])):
        response = client.get(url)  # Wagtail's admin answers PermissionDenied with a redirect to its home
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# Text a browser can send (UTF-8: no lone surrogates), NUL included.
TEXT = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
                 st.sampled_from(["-1", "1e9", "NaN", "Infinity", "0.001", "１２", "99999999999", "\x00", "0x10",
                                  " 7 ", "3.50", ""]))
FIELDS = ["overview", "problems", "other_matters", "proactive__rules__issued", "proactive__fees__amount",
          "proactive__penalties__decisions", "appeals__review__upheld", "appeals__review__total",
          "appeals__litigation_direct__pending", "year", "organisation"]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=len(FIELDS)))
def test_any_input_to_the_admin_gets_an_answer_never_a_500(client, tree, rows, data):
    client.force_login(tree.users["t_editor"])
    report = AnnualReport.objects.get_or_create(organisation=tree.township, year=2025)[0]
    with translation.override("zh-hans"):
        for url in (reverse("annual_reports:index"), reverse("annual_reports:edit", args=[report.pk])):
            response = client.post(url, dict(data, action="write"))
            assert response.status_code in (200, 302), (url, data)
    report.refresh_from_db()
    assert report.page is None or checks.validate(report) == []
