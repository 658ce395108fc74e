"""Catalogue import/export (国办发〔2019〕54号 sample layout), templates, admin views and commands."""

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from cms.catalogue_io import (
    HEADER, MAX_FILE_BYTES, PARTY_HEADER, CatalogueFileError, apply_template, catalogue_rows, export_catalogue,
    import_catalogue, list_templates, read_catalogue_file, run_job,
)
from cms.models import CatalogueImportJob, CatalogueItemPage, Domain, JobStatus, OrganisationLevel
from cms.units import create_organisation

GOVERNMENT_ROWS = [
    ["1", "机构职能", "", "机构名称、主要职能、办公地址、联系电话", "《中华人民共和国政府信息公开条例》第二十条",
     "长期公开", "党政综合办公室", "政府网站、两微一端", "全社会", "主动", "乡级"],
    ["2.1", "财政资金", "财政预算", "预算报告和报表", "《中华人民共和国预算法》第十四条",
     "定期公开（每年）；批准后20日内", "财政所", "政府网站，公开查阅点", "全社会", "主动", "乡级"],
    ["2.2", "财政资金", "政府采购", "采购项目、中标供应商、合同金额", "《中华人民共和国政府采购法实施条例》",
     "信息形成或变更之日起10个工作日内", "财政所", "政府网站", "全社会", "主动", "乡级"],
    ["3.1", "社会救助", "最低生活保障", "审核确认结果（去标识化）", "《社会救助暂行办法》",
     "及时公开；公示期不少于7个工作日", "社会事务办公室", "社区/村公示栏（电子屏）\n入户/现场", "全社会", "主动", "乡级"],
    ["3.2", "社会救助", "依申请公开的其他信息", "申请人所需信息", "《中华人民共和国政府信息公开条例》第二十七条",
     "阶段公开", "", "", "特定群体", "依申请", ""],
    ["4", "人事信息", "", "人事任免总目", "", "定期公开（每季度）", "", "政府网站", "全社会", "主动", "乡级"],
    ["4.1", "人事信息", "干部任前公示", "拟任人选基本情况、监督电话", "《党政领导干部选拔任用工作条例》",
     "每月公开；公示期不少于5个工作日", "党政综合办公室", "政府网站、精准推送", "全社会", "主动", "乡级"],
]
PARTY_ROWS = [
    ["1.1", "组织建设", "党组织设置", "名称、委员分工", "《中国共产党党务公开条例（试行）》", "长期公开", "党支部",
     "党务公开栏", "全社会", "主动", "村级", "向社会公开"],
    ["1.2", "组织建设", "党费收缴使用", "交纳和使用情况", "《关于中国共产党党费收缴、使用和管理的规定》", "每年",
     "党支部", "党员大会", "特定群体", "主动", "村级", "在本地区本部门本单位公开"],
    ["2.1", "纪律建设", "违纪违法案件通报", "基本事实和处理结果", "《中国共产党纪律处分条例》", "及时公开",
     "党支部", "党内通报", "特定群体", "主动", "村级", "在全党公开"],
]


def csv_file(rows, header=HEADER, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([list(header)] + rows)
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    for row in [list(header)] + rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def items(catalogue):
    return CatalogueItemPage.objects.descendant_of(catalogue)


@pytest.fixture
def office(tree):
    return create_organisation(tree.township, name="城关镇党政综合办公室", short_name="党政综合办公室",
                               level=OrganisationLevel.DEPARTMENT, region_code="330199", department_code="101001",
                               publishes_government=True)


# Round trips ------------------------------------------------------------------------------------

@pytest.mark.parametrize("format,make", [("xlsx", xlsx_file), ("csv", csv_file)])
def test_export_imports_into_another_unit_unchanged(tree, office, format, make):
    township = tree.catalogue(tree.township, Domain.GOVERNMENT)
    summary = import_catalogue(township, make(GOVERNMENT_ROWS))
    assert len(summary.created) == 9 and not summary.updated
    first_export = export_catalogue(township, format)

    county = tree.catalogue(tree.county, Domain.GOVERNMENT)
    import_catalogue(county, first_export)
    assert catalogue_rows(county) == catalogue_rows(township)
    assert read_catalogue_file(export_catalogue(county, format), Domain.GOVERNMENT) == read_catalogue_file(
        first_export, Domain.GOVERNMENT)

    again = import_catalogue(township, first_export)
    assert not again.created and not again.updated and len(again.unchanged) == 9


def test_imported_fields(tree, office):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    import_catalogue(catalogue, csv_file(GOVERNMENT_ROWS))
    procurement = items(catalogue).get(title="政府采购")
    assert (procurement.time_limit_kind, procurement.working_days) == ("prompt", 10)
    assert procurement.get_parent().title == "财政资金" and procurement.live
    assert procurement.code == "0202" and procurement.get_parent().specific.code == "02"
    budget = items(catalogue).get(title="财政预算")
    assert (budget.cadence, budget.time_limit_note) == ("yearly", "批准后20日内")
    assert budget.channels == ["government_website", "reading_point"]
    allowance = items(catalogue).get(title="最低生活保障")
    assert allowance.notice_min_working_days == 7 and allowance.channels == ["notice_board", "on_site"]
    on_application = items(catalogue).get(title="依申请公开的其他信息")
    assert (on_application.audience, on_application.manner) == ("specific_group", "on_application")
    notice = items(catalogue).get(title="干部任前公示")
    assert notice.responsible_department_id == office.pk and notice.responsible_body == "党政综合办公室"
    assert (notice.cadence, notice.notice_min_working_days) == ("monthly", 5)
    assert items(catalogue).get(title="人事信息").cadence == "quarterly"  # its own row
    bare = items(catalogue).get(title="社会救助")  # named only by its rows
    assert (bare.time_limit_kind, bare.channels, bare.audience) == ("standing", [], "specific_group")


def test_party_round_trip_keeps_scopes(tree):
    village_a = tree.catalogue(tree.village_a, Domain.PARTY)
    import_catalogue(village_a, csv_file(PARTY_ROWS, PARTY_HEADER))
    assert dict(items(village_a).values_list("title", "scope")) == {
        "组织建设": "unit_members", "党组织设置": "public", "党费收缴使用": "unit_members",
        "纪律建设": "all_members", "违纪违法案件通报": "all_members"}
    village_b = tree.catalogue(tree.village_b, Domain.PARTY)
    import_catalogue(village_b, export_catalogue(village_a, "csv"))
    assert catalogue_rows(village_b) == catalogue_rows(village_a)
    assert [row[-1] for row in catalogue_rows(village_a)[1:]] == [
        "向社会公开", "在本地区本部门本单位公开", "在全党公开"]  # bare first-level items have no row of their own


def test_gbk_csv_is_accepted(tree):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    import_catalogue(catalogue, csv_file(GOVERNMENT_ROWS, encoding="gbk"))
    assert items(catalogue).filter(title="最低生活保障").exists()


def test_csv_export_has_bom_and_guards_formulas(tree):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    rows = [["1", "机构职能", "", "=HYPERLINK(\"http://x\")", "", "长期公开", "", "政府网站", "全社会", "主动", ""]]
    import_catalogue(catalogue, csv_file(rows))
    data = export_catalogue(catalogue, "csv")
    assert data.startswith(b"\xef\xbb\xbf") and "'=HYPERLINK" in data.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(export_catalogue(catalogue, "xlsx"))).active
    assert sheet["D2"].data_type == "s"
    import_catalogue(tree.catalogue(tree.county, Domain.GOVERNMENT), data)
    assert items(tree.catalogue(tree.county, Domain.GOVERNMENT)).get().content_elements.startswith("=HYPERLINK")


def test_merged_first_level_cells_and_title_rows_are_read(tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["城关镇政务公开事项标准目录"])
    sheet.append(list(HEADER))
    for row in GOVERNMENT_ROWS[1:3]:
        sheet.append(row)
    sheet["B4"] = None
    sheet.merge_cells("B3:B4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_catalogue_file(buffer.getvalue(), Domain.GOVERNMENT)
    assert [(row.number, row.first, row.second) for row in rows] == [(3, "财政资金", "财政预算"), (4, "财政资金", "政府采购")]


# Updates keep history ----------------------------------------------------------------------------

def test_reimport_updates_with_a_new_revision_and_reports_absent_rows(tree, office):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    import_catalogue(catalogue, csv_file(GOVERNMENT_ROWS))
    budget = items(catalogue).get(title="财政预算")
    assert budget.revisions.count() == 1

    changed = [row[:] for row in GOVERNMENT_ROWS if row[2] != "政府采购"]
    changed[1][3] = "预算报告、报表和说明"
    changed.append(["5", "应急管理", "", "应急预案", "", "及时公开", "", "政府网站", "全社会", "主动", "乡级"])
    summary = import_catalogue(catalogue, csv_file(changed))

    assert summary.updated == ["财政资金 / 财政预算"] and summary.created == ["应急管理"]
    assert summary.absent == ["财政资金 / 政府采购"]
    budget.refresh_from_db()
    assert budget.content_elements == "预算报告、报表和说明" and budget.revisions.count() == 2
    assert budget.revisions.order_by("created_at").first().content["content_elements"] == "预算报告和报表"
    assert items(catalogue).filter(title="政府采购").exists()  # kept, never deleted


def test_update_keeps_a_retired_row_retired(tree):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    import_catalogue(catalogue, csv_file(GOVERNMENT_ROWS))
    items(catalogue).get(title="财政预算").retire("merged")
    rows = [row[:] for row in GOVERNMENT_ROWS]
    rows[1][3] = "changed"
    import_catalogue(catalogue, csv_file(rows))
    budget = items(catalogue).get(title="财政预算")
    assert budget.content_elements == "changed" and budget.is_retired


def test_drafts_when_not_publishing(tree):
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    summary = import_catalogue(catalogue, csv_file(GOVERNMENT_ROWS), publish=False)
    assert not summary.published and not items(catalogue).filter(live=True).exists()
    assert len(catalogue_rows(catalogue)) == 1 + len(GOVERNMENT_ROWS)  # drafts are exported as they stand


# Refusals -----------------------------------------------------------------------------------------

def test_every_bad_row_is_reported_and_nothing_is_written(tree):
    bad = [
        ["1", "", "", "内容", "", "长期公开", "", "政府网站", "全社会", "主动", ""],
        ["2", "", "二级", "内容", "", "长期公开", "", "政府网站", "全社会", "主动", ""],
        ["3", "财政", "预算", "", "", "长期公开", "", "政府网站、微信群", "全社会", "主动", ""],
        ["4", "财政", "决算", "", "", "每周", "", "政府网站", "全社会", "主动", ""],
        ["5", "财政", "决算", "", "", "定期公开", "", "政府网站", "公众号", "主动", "省级"],
        ["6", "财政", "预算", "", "", "长期公开", "", "政府网站", "全社会", "主动", ""],
        ["7", "财政", "x" * 256, "", "", "长期公开", "", "政府网站", "全社会", "", ""],
        ["8", "财政", "三公", "内容" * 2001, "", "长期公开", "", "", "全社会", "主动", "", "向社会公开"],
    ]
    catalogue = tree.catalogue(tree.township, Domain.GOVERNMENT)
    with pytest.raises(CatalogueFileError) as caught:
        import_catalogue(catalogue, csv_file(bad, PARTY_HEADER))
    found = {(error.row, error.column) for error in caught.value.errors}
    assert found == {
        (2, "一级事项"), (3, "一级事项"), (4, "公开渠道和载体"), (5, "公开时限"), (6, "公开时限"), (6, "公开对象"),
        (6, "公开层级"), (6, "二级事项"), (7, "二级事项"), (8, "二级事项"), (8, "公开方式"), (9, "公开内容(要素)"), (9, "公开范围"),
    }
    messages = {(error.row, error.column): error.message for error in caught.value.errors}
    assert "微信群" in messages[(4, "公开渠道和载体")] and "cadence" in messages[(6, "公开时限")]
    assert "row 4" in messages[(7, "二级事项")] and "row 5" in messages[(6, "二级事项")]  # duplicates
    assert not items(catalogue).exists()


@pytest.mark.parametrize("rows,header,domain,expected", [
    (GOVERNMENT_ROWS, ("序号", "一级事项", "事项"), Domain.GOVERNMENT, "header"),
    (GOVERNMENT_ROWS, HEADER, Domain.PARTY, "公开范围"),
    ([r + ["在全体群众中公开"] for r in GOVERNMENT_ROWS[:1]], PARTY_HEADER, Domain.PARTY, "Unknown value"),
    ([r[:-1] + [""] for r in PARTY_ROWS], PARTY_HEADER, Domain.PARTY, "empty"),
])
def test_header_and_scope_refusals(rows, header, domain, expected):
    with pytest.raises(CatalogueFileError) as caught:
        read_catalogue_file(csv_file(rows, header), domain)
    assert expected in str(caught.value)


@pytest.mark.parametrize("data,expected", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "neither"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "neither"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), ".xls"),
    (b"PK\x03\x04" + bytes(64), "XLSX"),
    ("序号,一级事项\n".encode(), "header"),
    (("\ufeff" + ",".join(HEADER)).encode(), "no catalogue rows"),
])
def test_files_that_are_not_catalogues_are_refused(data, expected):
    with pytest.raises(CatalogueFileError) as caught:
        read_catalogue_file(data, Domain.GOVERNMENT)
    assert expected in str(caught.value)
    assert "Traceback" not in str(caught.value) and "zipfile" not in str(caught.value)


def test_docx_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CatalogueFileError, match="not an XLSX"):
        read_catalogue_file(buffer.getvalue(), Domain.GOVERNMENT)


def test_too_many_rows(tree):
    rows = [[str(i), f"事项{i}", "", "", "", "长期公开", "", "政府网站", "全社会", "主动", ""] for i in range(2001)]
    with pytest.raises(CatalogueFileError, match="more than 2000 rows"):
        read_catalogue_file(csv_file(rows), Domain.GOVERNMENT)
    assert len(read_catalogue_file(csv_file(rows[:2000]), Domain.GOVERNMENT)) == 2000


# Templates ----------------------------------------------------------------------------------------

def test_every_template_is_valid_for_its_domain():
    names = {template.name: template for template in list_templates()}
    assert {"village", "party_organisation", "township_government", "county_government"} <= set(names)
    for template in names.values():
        assert len(template.rows()) >= 10


def test_village_template(tree):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    summary = apply_template(catalogue, "village")
    assert summary.created and not summary.updated
    allowance = items(catalogue).get(title="最低生活保障")
    assert allowance.notice_min_working_days == 7 and allowance.disclosure_level == "village"
    assert items(catalogue).get(title="财务收支情况").cadence == "monthly"
    assert {"宅基地审批", "一事一议", "惠农补贴", "村级重大事项", "工程项目"} <= set(
        items(catalogue).values_list("title", flat=True))
    assert not apply_template(catalogue, "village").created  # applying again changes nothing


def test_party_and_township_templates(tree):
    party = tree.catalogue(tree.township, Domain.PARTY)
    apply_template(party, "party_organisation")
    scopes = set(items(party).values_list("scope", flat=True))
    assert {"public", "all_members", "unit_members", "specific"} <= scopes
    assert items(party).filter(depth=party.depth + 1).count() == 7
    government = tree.catalogue(tree.township, Domain.GOVERNMENT)
    apply_template(government, "township_government")
    assert items(government).get(title="干部任免和任前公示").notice_min_working_days == 5
    levels = set(items(government).filter(depth=government.depth + 2).values_list("disclosure_level", flat=True))
    assert levels == {"township"}  # the template leaves 公开层级 to the unit


def test_template_of_another_domain_is_refused(tree):
    with pytest.raises(CatalogueFileError, match="for"):
        apply_template(tree.catalogue(tree.village_a, Domain.VILLAGE), "party_organisation")


# Admin views --------------------------------------------------------------------------------------

def upload(client, catalogue, data, name="catalogue.csv"):
    return client.post(reverse("catalogue_io:import"),
                       {"catalogue": catalogue.pk, "file": SimpleUploadedFile(name, data)})


def import_and_follow(client, catalogue, data, capture, name="catalogue.csv"):
    """Upload, run the job as the immediate backend does once the request commits, open its page."""
    with capture(execute=True):
        response = upload(client, catalogue, data, name)
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"])


def assert_refused(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard and an error message."""
    assert (response.status_code == 403
            or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")))


def village_file():
    return csv_file([["1", "财务", "收支", "明细", "", "每月", "村民委员会", "公示栏", "全社会", "主动", "村级"]])


def test_anonymous_is_sent_to_login(client, tree):
    for url in (reverse("catalogue_io:index"), reverse("catalogue_io:import"),
                reverse("catalogue_io:export", args=[tree.catalogue(tree.village_a, Domain.VILLAGE).pk, "csv"])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]


def test_import_is_for_those_who_keep_the_rows(client, tree):
    """Imported rows enter the catalogue as its keepers' work: add, change and publish (the approvers)."""
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    for username in ("a_editor", "a_reviewer"):  # add (and change), but no publish
        client.force_login(tree.users[username])
        assert_refused(client.get(reverse("catalogue_io:import")))
        assert_refused(upload(client, catalogue, village_file()))

    client.force_login(tree.users["b_approver"])  # keeps rows, but on village B
    response = upload(client, catalogue, village_file())
    assert response.status_code == 200 and "catalogue" in response.context["form"].errors
    assert not items(catalogue).exists() and not CatalogueImportJob.objects.exists()

    client.force_login(tree.users["a_approver"])
    response = client.get(reverse("catalogue_io:import"))
    choices = set(response.context["form"].fields["catalogue"].queryset)
    assert choices == {tree.catalogue(tree.village_a, Domain.VILLAGE), tree.catalogue(tree.village_a, Domain.PARTY)}


def test_approver_import_runs_as_a_job_and_publishes(client, tree, django_capture_on_commit_callbacks):
    catalogue = tree.catalogue(tree.village_a, Domain.PARTY)
    client.force_login(tree.users["a_approver"])
    response = import_and_follow(client, catalogue, xlsx_file(PARTY_ROWS, PARTY_HEADER),
                                 django_capture_on_commit_callbacks, name="党务目录.xlsx")
    job = response.context["job"]
    assert (job.status, job.file_name, job.user, job.rows_done, job.rows_total) == (
        JobStatus.DONE, "党务目录.xlsx", tree.users["a_approver"], 5, 5)
    assert job.summary["published"] and len(job.summary["created"]) == 5 and job.task_id
    assert bytes(job.data) == b""  # the file is not kept once imported
    assert items(catalogue).filter(live=True).count() == 5
    assert "违纪违法案件通报" in response.content.decode() and 'http-equiv="refresh"' not in response.content.decode()
    status = client.get(reverse("catalogue_io:job_status", args=[job.pk])).json()
    assert status == {"status": "done", "status_label": "Done", "finished": True, "rows_done": 5, "rows_total": 5,
                      "percent": 100}
    assert "党务目录.xlsx" in client.get(reverse("catalogue_io:import")).content.decode()  # recent imports


def test_queued_job_page_refreshes_until_the_worker_runs_it(client, tree):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    client.force_login(tree.users["a_approver"])
    response = upload(client, catalogue, village_file())  # no commit in this test: the job stays queued
    job = CatalogueImportJob.objects.get()
    assert response["Location"] == reverse("catalogue_io:job", args=[job.pk])
    with translation.override("zh-hans"):
        page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "排队" in page
    assert client.get(reverse("catalogue_io:job_status", args=[job.pk])).json()["status"] == "queued"
    assert run_job(job.pk) == JobStatus.DONE and run_job(job.pk) == JobStatus.DONE  # runs once
    assert items(catalogue).filter(live=True).count() == 2


def test_job_pages_are_for_those_who_keep_the_rows(client, tree, django_capture_on_commit_callbacks):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    client.force_login(tree.users["a_approver"])
    job = import_and_follow(client, catalogue, village_file(), django_capture_on_commit_callbacks).context["job"]
    for username in ("a_editor", "b_approver"):
        client.force_login(tree.users[username])
        assert_refused(client.get(reverse("catalogue_io:job", args=[job.pk])))
        assert client.get(reverse("catalogue_io:job_status", args=[job.pk])).status_code in (302, 403, 404)
    client.force_login(tree.users["admin"])
    assert client.get(reverse("catalogue_io:job", args=[job.pk])).status_code == 200
    assert client.get(reverse("catalogue_io:job", args=[job.pk + 100])).status_code == 404


def test_job_fails_whole_when_the_user_lost_the_right_or_a_row_cannot_be_saved(client, tree,
                                                                                django_capture_on_commit_callbacks):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    approver = tree.users["a_approver"]
    client.force_login(approver)
    upload(client, catalogue, village_file())
    job = CatalogueImportJob.objects.get()
    approver.groups.clear()
    with translation.override("zh-hans"):
        job.language = "zh-hans"
        job.save()
        assert run_job(job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.errors == [{"row": 0, "column": "", "message": "发起导入的用户已无权向该目录导入。"}]
    assert not items(catalogue).exists()

    client.force_login(tree.users["admin"])
    tree.add_item(tree.village_a, Domain.VILLAGE, "财务")
    tree.add_item(tree.village_a, Domain.VILLAGE, "财务")  # two rows of the same name: the file cannot say which
    response = import_and_follow(client, catalogue, village_file(), django_capture_on_commit_callbacks)
    job = response.context["job"]
    assert job.status == JobStatus.FAILED and job.errors == [
        {"row": 0, "column": "", "message": "The catalogue has several items named 财务."}]
    assert "nothing was changed" in response.content.decode()
    assert items(catalogue).count() == 2


def test_bad_upload_shows_every_error_and_changes_nothing(client, tree):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    client.force_login(tree.users["a_approver"])
    bad = csv_file([["1", "", "收支", "", "", "每周", "", "公示栏", "全社会", "主动", ""]])
    response = upload(client, catalogue, bad)
    assert response.status_code == 200
    rows = {(error.row, error.column) for error in response.context["refusal"].errors}
    assert rows == {(2, "一级事项"), (2, "公开时限")}
    assert "每周" in response.content.decode()
    response = upload(client, catalogue, b"\x89PNG\r\n\x1a\n" + bytes(100), name="photo.csv")
    assert "neither" in str(response.context["refusal"])
    response = upload(client, catalogue, b"PK\x03\x04broken", name="broken.xlsx")
    assert "cannot be read as an XLSX" in str(response.context["refusal"])
    response = client.post(reverse("catalogue_io:import"), HTTP_ACCEPT_LANGUAGE="zh-hans", data={
        "catalogue": catalogue.pk, "file": SimpleUploadedFile("big.csv", b"x" * (MAX_FILE_BYTES + 1))})
    assert response.status_code == 200 and "文件超过 5 MB。" in response.content.decode()
    assert not items(catalogue).exists() and not CatalogueImportJob.objects.exists()


def test_export_downloads_and_permissions(client, tree):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    apply_template(catalogue, "village")
    client.force_login(tree.users["t_approver"])  # the township's approvers act on their villages
    response = client.get(reverse("catalogue_io:export", args=[catalogue.pk, "xlsx"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert "attachment" in response["Content-Disposition"]
    assert read_catalogue_file(response.content, Domain.VILLAGE)
    response = client.get(reverse("catalogue_io:export", args=[catalogue.pk, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert client.get(reverse("catalogue_io:export", args=[catalogue.pk, "pdf"])).status_code == 404
    client.force_login(tree.users["b_approver"])
    assert_refused(client.get(reverse("catalogue_io:export", args=[catalogue.pk, "csv"])))


def test_template_view(client, tree):
    catalogue = tree.catalogue(tree.village_a, Domain.VILLAGE)
    url = reverse("catalogue_io:template", args=[catalogue.pk])
    for username in ("b_approver", "a_editor"):
        client.force_login(tree.users[username])
        assert_refused(client.get(url))
        assert_refused(client.post(url, {"template": "village"}))
    client.force_login(tree.users["a_approver"])
    response = client.get(url)
    assert [t.name for t in response.context["form"].templates] == ["village"]
    response = client.post(url, {"template": "village"})
    assert response.status_code == 200 and items(catalogue).filter(title="最低生活保障").exists()
    assert client.post(url, {"template": "party_organisation"}).context["form"].errors


def test_index_menu_and_explorer_buttons(client, tree):
    client.force_login(tree.users["a_editor"])
    response = client.get(reverse("catalogue_io:index"))
    assert response.status_code == 200 and len(response.context["rows"]) == 2
    assert reverse("catalogue_io:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    template_url = reverse("catalogue_io:template", args=[tree.catalogue(tree.village_a, Domain.VILLAGE).pk])
    response = client.get(reverse("wagtailadmin_explore", args=[tree.village_a.page.pk]))
    assert response.status_code == 200 and template_url not in response.content.decode()  # editors export only
    client.force_login(tree.users["a_approver"])
    response = client.get(reverse("wagtailadmin_explore", args=[tree.village_a.page.pk]))
    assert template_url in response.content.decode()
    nobody = get_user_model().objects.create_user("nobody", "n@example.invalid", "pw")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert_refused(client.get(reverse("catalogue_io:index")))


# Commands -----------------------------------------------------------------------------------------

def test_commands_round_trip(tree, tmp_path):
    path = tmp_path / "village.csv"
    path.write_bytes(village_file())
    out = io.StringIO()
    call_command("import_catalogue", tree.village_a.code, "村务", str(path), stdout=out)
    assert "2 added" in out.getvalue()
    exported = tmp_path / "export.xlsx"
    call_command("export_catalogue", str(tree.village_a.pk), "village", str(exported), stdout=io.StringIO())
    call_command("import_catalogue", tree.village_b.code, "village", str(exported), stdout=io.StringIO())
    assert catalogue_rows(tree.catalogue(tree.village_b, Domain.VILLAGE)) == catalogue_rows(
        tree.catalogue(tree.village_a, Domain.VILLAGE))
    call_command("apply_catalogue_template", tree.township.code, "township_government", stdout=io.StringIO())
    assert items(tree.catalogue(tree.township, Domain.GOVERNMENT)).count() > 20


def test_command_dry_run_and_template_list(tree, tmp_path):
    path = tmp_path / "village.csv"
    path.write_bytes(village_file())
    out = io.StringIO()
    call_command("import_catalogue", tree.village_a.code, "village", str(path), "--dry-run", stdout=out)
    assert "is valid" in out.getvalue() and ": 1 row; nothing was written." in out.getvalue()
    assert not items(tree.catalogue(tree.village_a, Domain.VILLAGE)).exists()
    out = io.StringIO()
    call_command("apply_catalogue_template", "--list", stdout=out)
    assert "party_organisation\tparty" in out.getvalue()


def test_commands_speak_chinese(tree, tmp_path):
    path = tmp_path / "village.csv"
    path.write_bytes(village_file())
    out = io.StringIO()
    with translation.override("zh-hans"):
        call_command("import_catalogue", tree.village_a.code, "village", str(path), "--dry-run", stdout=out)
        with pytest.raises(CommandError, match="无法读取"):
            call_command("import_catalogue", tree.village_a.code, "village", str(tmp_path / "missing.csv"))
    assert "共 1 行；未写入任何内容。" in out.getvalue()


@pytest.mark.parametrize("args,expected", [
    (("999999-999", "village"), "No unit"),
    (("330199-10101", "government"), "has no"),
    (("330199-10101", "finance"), "Unknown domain"),
])
def test_import_command_refuses_missing_unit_or_catalogue(tree, tmp_path, args, expected):
    path = tmp_path / "file.csv"
    path.write_bytes(village_file())
    with pytest.raises(CommandError, match=expected):
        call_command("import_catalogue", *args, str(path))


def test_import_command_refuses_bad_files(tree, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_catalogue", tree.village_a.code, "village", str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file([["1", "", "收支", "", "", "每周", "", "公示栏", "全社会", "主动", ""]]))
    with pytest.raises(CommandError, match="row 2") as caught:
        call_command("import_catalogue", tree.village_a.code, "village", str(bad))
    assert "nothing was changed" in str(caught.value)
    with pytest.raises(CommandError, match="No unit"):
        call_command("export_catalogue", "nope", "village", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="template"):
        call_command("apply_catalogue_template", tree.village_a.code, "no_such_template")
    with pytest.raises(CommandError, match="has no"):
        call_command("apply_catalogue_template", tree.village_a.code, "township_government")
    assert not items(tree.catalogue(tree.village_a, Domain.VILLAGE)).exists()
