import io
import struct
import time
import zipfile

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader, PdfWriter

from cms.privacy import Kind, Limits, detect_kind, extract, extract_text, extract_text_isolated, scan_fields
from tests.privacy.files import make_docx, make_pdf, make_xlsx, replace_member

PDF = make_pdf(["城关镇低保公示\n户主 张某 手机 13812345678", "第二页 邮箱 li.na@example.com", "第三页"])
DOCX = make_docx(["关于王某的公示", "监督电话：0571-87654321"], [["姓名", "电话"], ["王某", "138 1234 5678"]])
XLSX = make_xlsx({"低保": [["姓名", "电话", "金额"], ["赵某", 13812345678, 560.0]], "说明": [["制表日期"]]})
LAUGHS = b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
) + b"]>"


def locations(result):
    return [(part.location, part.text) for part in result.parts]


def test_pdf_pages():
    result = extract_text(PDF)
    assert (result.kind, result.error, result.truncated) == ("pdf", None, False)
    assert locations(result) == [
        ("p.1", "城关镇低保公示\n户主 张某 手机 13812345678"),
        ("p.2", "第二页 邮箱 li.na@example.com"),
        ("p.3", "第三页"),
    ]


def test_docx_paragraphs_and_tables():
    result = extract_text(io.BytesIO(DOCX))
    assert result.kind == "docx"
    assert locations(result) == [
        ("para 1", "关于王某的公示"), ("para 2", "监督电话：0571-87654321"),
        ("table 1 r1c1", "姓名"), ("table 1 r1c2", "电话"), ("table 1 r2c1", "王某"), ("table 1 r2c2", "138 1234 5678"),
    ]


def test_xlsx_every_cell_with_its_address():
    result = extract_text(XLSX)
    assert result.kind == "xlsx"
    assert locations(result) == [
        ("低保!A1", "姓名"), ("低保!B1", "电话"), ("低保!C1", "金额"),
        ("低保!A2", "赵某"), ("低保!B2", "13812345678"), ("低保!C2", "560"), ("说明!A1", "制表日期"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_plain_text_lines(encoding):
    result = extract_text("公示\n\n联系电话 13812345678\n".encode(encoding))
    assert (result.kind, locations(result)) == ("text", [("line 1", "公示"), ("line 3", "联系电话 13812345678")])


def test_findings_inside_attachments_are_labelled():
    findings = scan_fields(extract_text(PDF).fields("attachment:公示.pdf"))
    assert [(f.location, f.kind) for f in findings] == [
        ("attachment:公示.pdf p.1", Kind.MOBILE), ("attachment:公示.pdf p.2", Kind.EMAIL)]
    findings = scan_fields(extract_text(XLSX).fields("attachment:低保.xlsx"), words=["王某"])
    assert [(f.location, f.text) for f in findings] == [("attachment:低保.xlsx 低保!B2", "13812345678")]


def test_type_is_judged_by_content():
    assert [detect_kind(data) for data in (PDF, DOCX, XLSX, b"plain")] == ["pdf", "docx", "xlsx", "text"]
    content_types = zipfile.ZipFile(io.BytesIO(DOCX)).read("[Content_Types].xml")
    reordered = replace_member(DOCX, "[Content_Types].xml", content_types)
    assert detect_kind(reordered) == "docx"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    for data in (png, other_zip.getvalue(), bytes(range(256)) * 4, b"\0\0\0\0binary"):
        assert detect_kind(data) is None
        assert extract_text(data).error == "unsupported"


def test_empty_and_too_large_inputs():
    assert extract_text(b"").error == "empty"
    assert extract_text(PDF, Limits(max_bytes=100)).error == "too_large"
    with translation.override("en"):
        assert str(extract_text(b"").error_message) == "The file is empty."


def test_page_sheet_row_and_character_limits():
    result = extract_text(PDF, Limits(max_pages=2))
    assert result.truncated and [p.location for p in result.parts] == ["p.1", "p.2"]
    result = extract_text(XLSX, Limits(max_sheets=1))
    assert result.truncated and {p.location.split("!")[0] for p in result.parts} == {"低保"}
    big = make_xlsx({"s": [[f"r{n}"] for n in range(1, 501)]})
    result = extract_text(big, Limits(max_rows=100))
    assert result.truncated and result.parts[-1].location == "s!A100"
    result = extract_text(PDF, Limits(max_chars=10))
    assert result.truncated and len(result.text) == 10
    assert not extract_text(PDF, Limits(max_chars=len("".join(p.text for p in extract_text(PDF).parts)))).truncated


def test_time_budget_stops_between_parts():
    result = extract_text(PDF, Limits(time_budget=0))
    assert result.truncated and result.parts == [] and result.error is None


def test_time_budget_stops_a_hostile_sheet():
    """Cells in the last column make every row 16,384 cells wide."""
    workbook = openpyxl.Workbook()
    for row in range(1, 3001):
        workbook.active.cell(row=row, column=16384, value="x")
    out = io.BytesIO()
    workbook.save(out)
    started = time.monotonic()
    result = extract_text(out.getvalue(), Limits(time_budget=0.3))
    assert result.truncated and time.monotonic() - started < 2


def test_zip_bomb_is_refused_before_inflating():
    bomb = replace_member(DOCX, "word/media/zeros.bin", b"\0" * 20_000_000)
    assert len(bomb) < 100_000
    assert extract_text(bomb, Limits(max_unpacked_bytes=5_000_000)).error == "unpacked_too_large"


def test_zip_member_lying_about_its_size():
    archive = replace_member(DOCX, "word/document.xml", zipfile.ZipFile(io.BytesIO(DOCX)).read("word/document.xml")
                             + b"<!--" + b"x" * 5_000_000 + b"-->")
    data = bytearray(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        info = source.getinfo("word/document.xml")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    struct.pack_into("<I", data, central + 24, 1000)
    result = extract_text(bytes(data), Limits(max_unpacked_bytes=1_000_000))
    assert result.error == "corrupt" and result.parts == []


@pytest.mark.parametrize(
    "data",
    [
        PDF[: len(PDF) // 2], b"%PDF-1.7\n" + b"garbage " * 100, PDF.replace(b"/Root 1 0 R", b"/Root 9 0 R"),
        DOCX[: len(DOCX) // 2], XLSX[: len(XLSX) // 2], DOCX[:2000] + b"\0" * 2000,
    ],
)
def test_broken_files_give_an_error_not_an_exception(data):
    result = extract_text(data)
    assert result.error in ("corrupt", "unsupported") or result.parts
    if result.error:
        assert result.parts == [] and str(result.error_message)


def test_entity_expansion_is_refused():
    sheet_xml = zipfile.ZipFile(io.BytesIO(XLSX)).read("xl/worksheets/sheet1.xml")
    sheet_xml = sheet_xml.replace(b"<worksheet", LAUGHS + b"<worksheet", 1).replace("姓名".encode(), b"&lol9;")
    assert extract_text(replace_member(XLSX, "xl/worksheets/sheet1.xml", sheet_xml)).error == "corrupt"
    body = zipfile.ZipFile(io.BytesIO(DOCX)).read("word/document.xml")
    body = body.replace(b"<w:document", LAUGHS + b"<w:document", 1).replace("关于王某的公示".encode(), b"&lol9;")
    assert extract_text(replace_member(DOCX, "word/document.xml", body)).error == "corrupt"


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password, "owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf():
    assert extract_text(_encrypted("secret")).error == "encrypted"
    assert extract_text(_encrypted("")).parts[0].location == "p.1"


def test_isolated_extraction_matches_in_process():
    assert extract_text_isolated(DOCX) == extract_text(DOCX)
    assert extract_text_isolated(b"").error == "empty"


def _hang(data, limits, run):
    while True:
        pass
    yield


def test_isolated_extraction_kills_a_hanging_parser(monkeypatch):
    monkeypatch.setitem(extract._EXTRACTORS, "pdf", _hang)
    monkeypatch.setattr(extract, "STARTUP_GRACE", 0.5)
    started = time.monotonic()
    result = extract_text_isolated(PDF, Limits(time_budget=0.5), start_method="fork")
    assert result.error == "timeout" and time.monotonic() - started < 3


def test_isolated_extraction_caps_memory():
    text = ("联系电话 13812345678\n" * 1_000_000).encode()
    result = extract_text_isolated(text, Limits(max_memory=64 * 1024 * 1024, max_bytes=len(text)))
    assert result.error == "corrupt" and result.parts == []


def test_parts_name_their_place_for_the_reviewer():
    docx = extract_text(make_docx(["说明"], [["姓名", "电话"], ["张三", "13812345678"]]))
    xlsx = extract_text(make_xlsx({"名单": [["姓名"], ["张三"], [None], ["李四"]]}))
    pdf = extract_text(make_pdf(["第一页", "第二页"]))
    with translation.override("en"):
        assert [part.label for part in docx.parts][:3] == [
            "paragraph 1", "table 1, row 1, column 1", "table 1, row 1, column 2"]
        assert [part.label for part in xlsx.parts] == ["sheet “名单” A1", "sheet “名单” A2", "sheet “名单” A4"]
        assert [part.label for part in pdf.parts] == ["page 1", "page 2"]
