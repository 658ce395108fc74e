"""Reading and writing the catalogue table as XLSX (openpyxl) or CSV, with bounds on what is read.

CSV is written as UTF-8 with a BOM so that Excel opens it; on reading, UTF-8, UTF-16 (with BOM) and
GB18030 (a superset of GBK) are accepted. The type of a file is judged by its content, not its name.
"""

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from cms.conf import setting

from .errors import CatalogueFileError, refuse

logger = logging.getLogger(__name__)

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
MAX_ROWS = setting("CATALOGUE_IMPORT_MAX_ROWS", 2000)
MAX_FILE_BYTES = setting("CATALOGUE_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024  # zip bombs
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 5  # title rows allowed above the header
FORMULA_PREFIXES = ("=", "+", "-", "@")
SHEET_TITLE = "公开目录"
COLUMN_WIDTHS = (6, 18, 22, 40, 40, 24, 16, 24, 10, 10, 10, 16)


def detect_format(data: bytes) -> str:
    """XLSX when the content is a ZIP archive, else CSV; the old binary .xls is refused."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        refuse(_("Old .xls workbooks are not accepted; save the file as .xlsx or CSV."))
    return "csv"


def read_table(data: bytes, format: str | None = None) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows as (row number, cell texts); refuses what is not a bounded XLSX or CSV."""
    if not data:
        refuse(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        refuse(_("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // (1024 * 1024)})
    rows = _xlsx_rows(data) if (format or detect_format(data)) == "xlsx" else _csv_rows(data)
    numbered = [(number, cells) for number, cells in enumerate(rows, start=1) if cells]
    if not numbered:
        refuse(_("The file has no rows."))
    return numbered


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]  # the guard written by write_table
    return text


def _bounded(rows: Iterable) -> list[list[str]]:
    """Cell texts of every row (empty rows as []), refusing more than MAX_ROWS rows with content."""
    table, filled = [], 0
    for values in rows:
        cells = [_cell_text(value) for value in values[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            filled += 1
            if filled > MAX_ROWS + HEADER_SEARCH_ROWS:
                refuse(_("The file has more than %(limit)s rows.") % {"limit": MAX_ROWS})
        table.append(cells)
    return table


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows; merged cells (e.g. one 一级事项 over several rows) give their value to each cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                refuse(_("The file is a ZIP archive but not an XLSX workbook."))
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                refuse(_("The workbook is too large once unpacked."))
        # Values are streamed first (bounded memory, row limit checked); merged ranges need a full load.
        streamed = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = streamed.worksheets[0]
        sheet.reset_dimensions()  # the stored dimension may be wrong: read to the real end
        table = _bounded(sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True))
        streamed.close()
        sheet = load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
        for merged in sheet.merged_cells.ranges:
            _fill_merged(table, merged, _cell_text(sheet.cell(merged.min_row, merged.min_col).value))
    except CatalogueFileError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for damaged files; none is shown to users
        logger.info("Unreadable XLSX upload", exc_info=True)
        refuse(_("The file cannot be read as an XLSX workbook."))
    return table


def _fill_merged(table: list[list[str]], merged, value: str) -> None:
    for row in range(merged.min_row, min(merged.max_row, len(table)) + 1):
        cells = table[row - 1]
        for column in range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1):
            cells.extend([""] * (column - len(cells)))
            cells[column - 1] = cells[column - 1] or value


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; binary content is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        encodings = ()
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
            return text
    refuse(_("The file is neither an XLSX workbook nor a CSV text file (UTF-8 or GBK)."))


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return _bounded(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        refuse(_("The file cannot be read as CSV."))


def _guard(text: str) -> str:
    """Formula injection guard for CSV: a leading ' before = + - @ (removed again on reading)."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def write_table(rows: list[list[str]], format: str) -> bytes:
    """Rows (header first) as an XLSX workbook or a CSV file (UTF-8 with BOM, CRLF, as Excel writes)."""
    if format == "csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows([[_guard(cell) for cell in row] for row in rows])
        return buffer.getvalue().encode("utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for column, width in enumerate(COLUMN_WIDTHS[:len(rows[0])], start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            cell = sheet.cell(r, c, text)
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(bold=r == 1)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
