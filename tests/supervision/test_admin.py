"""The supervisors' admin pages: who sees what (a unit sees only its subtree), lists exported to XLSX and read
back, circulars generated, downloaded and turned into a draft entry, the indicators' screens, bad input."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import DisclosurePage
from supervision.models import Circular, Finding
from tests.conftest import make_user

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(tree, rows):
    """A stored check finding at each village, and late prompt entries at both villages' township."""
    now = "2026-11-02T08:00:00+08:00"
    for unit, key in ((tree.village_a, "a"), (tree.village_b, "b")):
        Finding.objects.create(organisation=unit, kind="external_link", key=f"k-{key}", subject=f"{unit.short_name}的坏链接",
                               detail="HTTP 404", first_found_at=now, last_seen_at=now)
    tree.add_entry(rows.prompt, "乡镇逾期信息", publish=False, information_formed_on=D(2026, 2, 10))
    return tree


def xlsx_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_anonymous_and_outsiders_are_kept_out(client, tree):
    assert client.get(reverse("supervision:index")).status_code == 302
    client.force_login(make_user("outsider"))
    assert client.get(reverse("supervision:findings")).status_code in (302, 403)


def test_a_village_sees_only_its_own_findings(client, findings):
    client.force_login(findings.users["a_editor"])
    page = client.get(reverse("supervision:findings")).content.decode()
    assert "东山村的坏链接" in page and "西河村的坏链接" not in page and "乡镇逾期信息" not in page
    # Asking for another unit falls back to the user's own.
    page = client.get(reverse("supervision:findings"), {"unit": findings.village_b.pk}).content.decode()
    assert "西河村的坏链接" not in page
    rows = xlsx_rows(client.get(reverse("supervision:findings"), {"format": "xlsx"}))
    assert {row[0] for row in rows[1:]} == {"东山村村民委员会"}
    assert "东山村的坏链接" in [row[2] for row in rows[1:]]


def test_a_township_sees_its_subtree(client, findings):
    client.force_login(findings.users["t_approver"])
    page = client.get(reverse("supervision:findings")).content.decode()
    assert "东山村的坏链接" in page and "西河村的坏链接" in page and "乡镇逾期信息" in page


def test_supervisor_dashboard_charts_and_filters(client, findings, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("supervision:index"), {"unit": findings.township.pk, "year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") >= 3 and "supervision-chart" in page
    assert client.get(reverse("supervision:index"), {"unit": "abc", "year": "x"}).status_code == 200
    rows = xlsx_rows(client.get(reverse("supervision:findings"), {"status": "all", "format": "xlsx"}))
    subjects = {row[2] for row in rows[1:]}
    assert {"东山村的坏链接", "西河村的坏链接", "乡镇逾期信息"} <= subjects
    only = xlsx_rows(client.get(reverse("supervision:findings"), {"kind": "prompt_overdue", "format": "xlsx"}))
    assert [row[2] for row in only[1:]] == ["乡镇逾期信息"] and only[1][5] and only[1][5] > 0


def test_assessment_page_and_export(client, findings, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("supervision:assessment"), {"unit": findings.township.pk, "year": 2026})
    assert response.status_code == 200
    rows = xlsx_rows(client.get(reverse("supervision:assessment"),
                                {"unit": findings.township.pk, "year": 2026, "format": "xlsx"}))
    units = {row[1] for row in rows[1:]}
    assert units == {"城关镇人民政府", "东山村村民委员会", "西河村村民委员会"}
    assert all(row[7] for row in rows[1:])  # evidence behind every point
    villages = xlsx_rows(client.get(reverse("supervision:assessment"), {"unit": findings.township.pk, "year": 2026,
                                                                        "level": "village", "format": "xlsx"}))
    assert {row[1] for row in villages[1:]} == {"东山村村民委员会", "西河村村民委员会"}
    assert client.get(reverse("supervision_indicator:index")).status_code == 200


def test_circulars_generate_download_and_publish(client, findings, rows, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("supervision:circulars"), {"unit": findings.township.pk, "year": 2026,
                                                              "quarter": 3, "issued_on": "2026-09-30"})
    circular = Circular.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("supervision:circular", args=[circular.pk])
    for format in ("docx", "pdf"):
        download = client.get(reverse("supervision:circular_file", args=[circular.pk, format]))
        assert download.status_code == 200 and b"".join(download.streaming_content)[:2] in (b"PK", b"%P")
    listed = xlsx_rows(client.get(reverse("supervision:circulars"), {"format": "xlsx"}))
    assert listed[1][1] == circular.title and listed[1][4] == 1
    indicators = client.get(reverse("supervision_indicator:index"), {"export": "xlsx"})
    assert "按时公开率" in [row[0] for row in xlsx_rows(indicators)[1:]]
    response = client.post(reverse("supervision:circular", args=[circular.pk]), {"row": rows.standing.pk})
    entry = DisclosurePage.objects.get(title=circular.title)
    assert response.status_code == 302 and not entry.live
    # A village's staff may read the circulars of their units only; they generate none.
    client.force_login(findings.users["a_editor"])
    assert client.get(reverse("supervision:circular_file", args=[circular.pk, "pdf"])).status_code == 404
    refused = client.post(reverse("supervision:circulars"), {"unit": findings.village_a.pk, "year": 2026, "quarter": 3})
    assert refused.status_code in (302, 403) and Circular.objects.count() == 1  # Wagtail turns 403 into a redirect


def test_bad_circular_input_is_refused_in_chinese(client, findings, supervisor, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(supervisor)
    response = client.post(reverse("supervision:circulars"), {"unit": "x", "year": "abc", "quarter": 9},
                           HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and not Circular.objects.exists()
    response = client.post(reverse("supervision:circulars"), {"unit": findings.township.pk, "year": 2099,
                                                              "quarter": 4}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "尚未开始" in response.content.decode()
    assert client.get(reverse("supervision:circular_file", args=[999, "pdf"])).status_code == 404
    assert client.post(reverse("supervision:circular", args=[999]), {"row": "x"}).status_code == 404


def test_dashboard_panel_shows_the_units_own_findings(client, findings):
    client.force_login(findings.users["a_editor"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "东山村的坏链接" in page and "西河村的坏链接" not in page


def test_the_dashboard_panel_reads_only_the_findings_it_shows(findings, rows):
    """The panel shows the first PANEL_ROWS findings and how many more there are: the same as the whole list,
    but a hook answering with a FindingList (the cms's 三同步 gaps, thousands at 100,000 entries) gives one
    COUNT and those rows instead of every finding (docs/benchmarks.md «100,000 entries»)."""
    from cms.models import CatalogueItemPage, Organisation
    from cms.supervision_hooks import FindingList, interpretation_findings
    from supervision.admin_views import finding_rows, first_open_rows
    from supervision.wagtail_hooks import PANEL_ROWS

    row = rows.prompt
    CatalogueItemPage.objects.filter(pk=row.pk).update(requires_interpretation=True)
    for number in range(PANEL_ROWS + 4):
        findings.add_entry(CatalogueItemPage.objects.get(pk=row.pk), f"政策文件第{number:02d}号", slug=f"policy-{number}")
    units = Organisation.objects.filter(path__startswith=findings.township.path)
    gaps = interpretation_findings(units, None)
    assert isinstance(gaps, FindingList) and len(gaps) == PANEL_ROWS + 4
    assert [f["subject"] for f in gaps[2:4]] == [f["subject"] for f in list(gaps)[2:4]] == ["政策文件第02号", "政策文件第03号"]
    everything = finding_rows(units)
    with CaptureQueriesContext(connection) as queries:
        head, total = first_open_rows(units, PANEL_ROWS)
    assert head == everything[:PANEL_ROWS] and total == len(everything) > PANEL_ROWS + 4
    gap_reads = [q["sql"] for q in queries.captured_queries if "'interprets'" in q["sql"]]
    assert len(gap_reads) == 1 and f"LIMIT {PANEL_ROWS}" in gap_reads[0] and "OVER ()" in gap_reads[0]
