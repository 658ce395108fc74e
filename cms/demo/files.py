"""Small real files made in code for the demo: PDF, DOCX and XLSX attachments and PNG photos.

The PDF uses the reader-supplied Adobe-GB1 font STSong-Light (as every PDF viewer has it), so its
Chinese text is real text that can be extracted and indexed; no font file is needed.
"""

import io
import random
from dataclasses import dataclass

import docx
import openpyxl
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject,
)
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from cms.models import DisclosureDocument, DisclosureImage
from cms.uploads import ATTACHMENT_KINDS

A4_POINTS = (595, 842)
PDF_FONT_SIZE = 12
PDF_LINE_HEIGHT = 20
PDF_LINES_PER_PAGE = 36
PHOTO_SIZE = (480, 320)


@dataclass(frozen=True)
class Sheet:
    """A table for a spreadsheet or a document: a header row and data rows."""

    header: tuple[str, ...]
    rows: tuple[tuple, ...]


def _cjk_font() -> DictionaryObject:
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): NameObject("/STSong-Light"),
        NameObject("/Flags"): NumberObject(6),
        NameObject("/FontBBox"): ArrayObject([NumberObject(n) for n in (-25, -254, 1000, 880)]),
        NameObject("/ItalicAngle"): NumberObject(0),
        NameObject("/Ascent"): NumberObject(880),
        NameObject("/Descent"): NumberObject(-120),
        NameObject("/CapHeight"): NumberObject(880),
        NameObject("/StemV"): NumberObject(93),
    })
    cid_font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType0"),
        NameObject("/BaseFont"): NameObject("/STSong-Light"),
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("GB1"),
            NameObject("/Supplement"): NumberObject(2),
        }),
        NameObject("/FontDescriptor"): descriptor,
    })
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject("/STSong-Light-UniGB-UCS2-H"),
        NameObject("/Encoding"): NameObject("/UniGB-UCS2-H"),
        NameObject("/DescendantFonts"): ArrayObject([cid_font]),
    })


def pdf_bytes(lines: list[str]) -> bytes:
    """An A4 PDF with the lines as text (wrapped onto further pages when long)."""
    writer = PdfWriter()
    width, height = A4_POINTS
    for start in range(0, max(len(lines), 1), PDF_LINES_PER_PAGE):
        page = writer.add_blank_page(width=width, height=height)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): _cjk_font()}),
        })
        operators = ["BT", f"/F1 {PDF_FONT_SIZE} Tf", f"{PDF_LINE_HEIGHT} TL", f"56 {height - 72} Td"]
        for line in lines[start:start + PDF_LINES_PER_PAGE]:
            operators.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
        operators.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(operators).encode("ascii"))
        page.replace_contents(stream)
    writer.add_metadata({"/Producer": "disclosure-cms demo"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(title: str, paragraphs: list[str], sheet: Sheet | None = None) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if sheet is not None:
        table = document.add_table(rows=1, cols=len(sheet.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, sheet.header):
            cell.text = str(text)
        for row in sheet.rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(title: str, sheet: Sheet) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = title[:31]
    worksheet.append(list(sheet.header))
    for row in sheet.rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes(rng: random.Random) -> bytes:
    """A small landscape 'photo': sky, hills, fields and a row of buildings in random colours."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    sky_top, sky_bottom = (rng.randint(90, 140), rng.randint(150, 190), 235), (205, 225, 245)
    horizon = int(height * rng.uniform(0.45, 0.6))
    for y in range(horizon):
        share = y / horizon
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * share) for a, b in zip(sky_top, sky_bottom)))
    hill = [(0, horizon)] + [(x, horizon - rng.randint(10, 60)) for x in range(0, width + 80, 80)] + [(width, horizon)]
    draw.polygon(hill, fill=(70, rng.randint(110, 140), 80))
    draw.rectangle([0, horizon, width, height], fill=(rng.randint(90, 130), rng.randint(140, 170), 70))
    for row in range(horizon + 20, height, 28):
        draw.line([(0, row), (width, row + rng.randint(-8, 8))], fill=(80, 120, 60), width=2)
    x = rng.randint(10, 60)
    while x < width - 60:
        w, h = rng.randint(40, 70), rng.randint(40, 90)
        draw.rectangle([x, horizon - h, x + w, horizon + 10], fill=(rng.randint(200, 240),) * 3,
                       outline=(120, 120, 120))
        draw.polygon([(x - 4, horizon - h), (x + w // 2, horizon - h - 20), (x + w + 4, horizon - h)],
                     fill=(rng.randint(120, 170), 60, 50))
        x += w + rng.randint(20, 80)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def create_document(collection: Collection, title: str, filename: str, data: bytes,
                    text: str = "") -> DisclosureDocument:
    """Store an attachment in the unit's collection; its type is the one its extension names."""
    extension = filename.rsplit(".", 1)[-1]
    document = DisclosureDocument(title=title, collection=collection, mime_type=ATTACHMENT_KINDS[extension],
                                  extracted_text=text, file_size=len(data), file_hash=hash_filelike(io.BytesIO(data)))
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def create_image(collection: Collection, title: str, filename: str, data: bytes, caption: str = "") -> DisclosureImage:
    image = DisclosureImage(title=title, collection=collection, caption=caption, file_size=len(data),
                            file_hash=hash_filelike(io.BytesIO(data)))
    image.file.save(filename, ContentFile(data), save=False)
    image.width, image.height = PHOTO_SIZE
    image.save()
    return image
