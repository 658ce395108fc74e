"""Real file bytes for the attachment and gallery blocks, builders for documents and images, and the
blocks' messages in English (the msgids) for the tests that compare them."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image


@pytest.fixture(scope="session")
def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def docx_bytes():
    from docx import Document

    document = Document()
    document.add_paragraph("关于2026年度部门预算的说明")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def xlsx_bytes():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["项目", "金额"])
    workbook.active.append(["办公费", 1234.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def exe_bytes():
    """The start of a Windows executable (MZ header, PE signature), to be renamed .pdf."""
    header = bytearray(512)
    header[0:2] = b"MZ"
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    header[0x80:0x84] = b"PE\0\0"
    return bytes(header)


@pytest.fixture
def make_document(db):
    from cms.models import DisclosureDocument

    def make(name: str, content: bytes, title: str = "") -> DisclosureDocument:
        return DisclosureDocument.objects.create(title=title or name, file=ContentFile(content, name=name))

    return make


@pytest.fixture
def make_image(db):
    from cms.models import DisclosureImage

    def make(title: str = "会议现场", caption: str = "") -> DisclosureImage:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), "white").save(buffer, "PNG")
        return DisclosureImage.objects.create(title=title, caption=caption,
                                              file=ImageFile(buffer, name="meeting.png"))

    return make


@pytest.fixture
def english():
    """Messages as written in the code (the English msgids), whatever the project's language."""
    with translation.override("en"):
        yield
