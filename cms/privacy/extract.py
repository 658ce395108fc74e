"""Text from attachments (PDF, DOCX, XLSX, plain text) for the privacy scan.

The type is judged by content, never by name. Limits on input size, unpacked
size, characters, pages, sheets, rows and wall-clock time keep a broken or
hostile file from stalling the caller; broken files give a result with an
error code, never an exception. ``extract_text`` checks the time budget
between parts (pages, paragraphs, rows); ``extract_text_isolated`` also runs
the parser in a child process that is killed when the budget is spent and
capped in memory.
"""

import datetime
import io
import multiprocessing
import resource
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import docx
import filetype
import openpyxl
from django.utils.translation import gettext_lazy as _
from docx.table import Table
from pypdf import PdfReader

from cms.conf import setting

HEAD_BYTES = 8192
MAX_ZIP_MEMBERS = 10_000
STARTUP_GRACE = 10.0

ERRORS = {
    "empty": _("The file is empty."),
    "too_large": _("The file is larger than the extraction limit."),
    "unpacked_too_large": _("The file unpacks to more than the extraction limit."),
    "unsupported": _("The content of this file is not PDF, DOCX, XLSX or plain text."),
    "encrypted": _("The file is protected by a password."),
    "corrupt": _("The file is damaged and could not be read."),
    "timeout": _("Reading the file took longer than the time budget."),
}


@dataclass(frozen=True)
class Limits:
    """Resource limits for one extraction; ``max_memory`` applies in the isolated mode only."""

    max_bytes: int = 50 * 1024 * 1024
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_chars: int = 2_000_000
    max_pages: int = 500
    max_sheets: int = 50
    max_rows: int = 200_000
    time_budget: float = 20.0
    max_memory: int = 2 * 1024 * 1024 * 1024


DEFAULT_LIMITS = Limits()


PLACES = {
    "page": _("page %(page)s"),
    "paragraph": _("paragraph %(paragraph)s"),
    "table": _("table %(table)s, row %(row)s, column %(column)s"),
    "header": _("header"),
    "footer": _("footer"),
    "cell": _("sheet “%(sheet)s” %(cell)s"),
    "line": _("line %(line)s"),
}


@dataclass
class Part:
    """Text from one place in a file: ``location`` is the short form (``p.2``, ``para 4``, ``table 1 r2c3``,
    ``Sheet1!B3``, ``line 7``), ``place`` the same as data (``("cell", {"sheet": "Sheet1", "cell": "B3"})``)
    and ``label`` its translated name, as the reviewer reads it (docs/privacy.md, "Attachments")."""

    location: str
    text: str
    place: tuple = ()

    @property
    def label(self) -> str:
        if not self.place:
            return self.location
        kind, values = self.place
        return str(PLACES[kind]) % values


@dataclass
class Extraction:
    """What was read: ``truncated`` when a limit stopped reading, ``error`` (a key of ERRORS) when it failed."""

    kind: str | None = None
    parts: list[Part] = field(default_factory=list)
    truncated: bool = False
    error: str | None = None
    detail: str = ""

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)

    @property
    def error_message(self) -> str | None:
        return ERRORS[self.error] if self.error else None

    def fields(self, prefix: str = "") -> Iterator[tuple[str, str]]:
        """``(location, text)`` pairs for ``scan_fields``, e.g. ``("attachment:foo.pdf p.2", "...")``."""
        for part in self.parts:
            yield (f"{prefix} {part.location}" if prefix else part.location), part.text


class _Refused(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code, self.detail = code, detail


class _Run:
    """Counts characters and time for one extraction and records truncation."""

    def __init__(self, limits: Limits, result: Extraction):
        self.result = result
        self.deadline = time.monotonic() + limits.time_budget
        self.chars_left = limits.max_chars

    def expired(self) -> bool:
        if time.monotonic() <= self.deadline:
            return False
        self.result.truncated, self.result.detail = True, "time budget spent"
        return True

    def add(self, location: str, text: str, place: tuple = ()) -> bool:
        """Keep one part; False when there is no room or time for it."""
        if self.expired():
            return False
        text = text.strip()
        if not text:
            return True
        if self.chars_left <= 0:
            self.result.truncated = True
            return False
        if len(text) > self.chars_left:
            text, self.result.truncated = text[: self.chars_left], True
        self.result.parts.append(Part(location, text, place))
        self.chars_left -= len(text)
        return True

    def truncate(self) -> None:
        self.result.truncated = True


def detect_kind(data: bytes) -> str | None:
    """``pdf``, ``docx``, ``xlsx`` or ``text`` judged from the bytes, or None."""
    guess = filetype.guess(data[:HEAD_BYTES])
    if guess is not None and guess.extension in ("pdf", "docx", "xlsx"):
        return guess.extension
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if guess is None and _looks_like_text(data[:HEAD_BYTES]):
        return "text"
    return None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return controls <= len(head) // 100


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _text(data: bytes, limits: Limits, run: _Run):
    for number, line in enumerate(_decode(data).splitlines(), 1):
        yield f"line {number}", line, ("line", {"line": number})


def _pdf(data: bytes, limits: Limits, run: _Run):
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise _Refused("encrypted", repr(exc)) from exc
        if not opened:
            raise _Refused("encrypted")
    pages = reader.pages
    count = len(pages)
    for index in range(min(count, limits.max_pages)):
        yield f"p.{index + 1}", pages[index].extract_text() or "", ("page", {"page": index + 1})
    if count > limits.max_pages:
        run.truncate()


def _check_unpacked_size(data: bytes, limits: Limits) -> None:
    """Zip bombs: the declared sizes bound what zipfile will inflate, so their sum is checked first."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > limits.max_unpacked_bytes:
        raise _Refused("unpacked_too_large")


def _docx(data: bytes, limits: Limits, run: _Run):
    _check_unpacked_size(data, limits)
    document = docx.Document(io.BytesIO(data))
    paragraphs = tables = rows = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for row_number, row in enumerate(block.rows, 1):
                rows += 1
                if rows > limits.max_rows:
                    run.truncate()
                    return
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield (f"table {tables} r{row_number}c{len(seen)}", cell.text,
                               ("table", {"table": tables, "row": row_number, "column": len(seen)}))
        else:
            paragraphs += 1
            yield f"para {paragraphs}", block.text, ("paragraph", {"paragraph": paragraphs})
    for section in document.sections:
        for place, part in (("header", section.header), ("footer", section.footer)):
            if not part.is_linked_to_previous:
                yield place, "\n".join(p.text for p in part.paragraphs), (place, {})


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _xlsx(data: bytes, limits: Limits, run: _Run):
    _check_unpacked_size(data, limits)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = workbook.worksheets
        if len(sheets) > limits.max_sheets:
            run.truncate()
        rows = 0
        for sheet in sheets[: limits.max_sheets]:
            sheet.reset_dimensions()
            for row in sheet.iter_rows():
                rows += 1
                if rows > limits.max_rows or run.expired():
                    run.truncate()
                    return
                for cell in row:
                    if cell.value is not None:
                        yield (f"{sheet.title}!{cell.coordinate}", _cell_text(cell.value),
                               ("cell", {"sheet": sheet.title, "cell": cell.coordinate}))
    finally:
        workbook.close()


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "text": _text}


def _read(source, limits: Limits) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read(limits.max_bytes + 1)


def extract_text(source, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    """Read the text of a PDF, DOCX, XLSX or plain-text file given as bytes or a binary file."""
    data = _read(source, limits)
    result = Extraction()
    if not data:
        result.error = "empty"
    elif len(data) > limits.max_bytes:
        result.error = "too_large"
    else:
        result.kind = detect_kind(data)
        if result.kind is None:
            result.error = "unsupported"
    if result.error:
        return result
    run = _Run(limits, result)
    parts = _EXTRACTORS[result.kind](data, limits, run)
    try:
        for location, text, place in parts:
            if not run.add(location, text, place):
                break
    except _Refused as exc:
        result.error, result.detail = exc.code, exc.detail
    except Exception as exc:  # any parser failure on a damaged file, MemoryError and RecursionError included
        result.error, result.detail = "corrupt", f"{type(exc).__name__}: {exc}"[:500]
    finally:
        parts.close()
    if result.error:
        result.parts, result.truncated = [], False
    return result


def _child(data: bytes, limits: Limits, sender) -> None:
    if limits.max_memory:
        resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory, limits.max_memory))
    try:
        result = extract_text(data, limits)
    except BaseException as exc:
        result = Extraction(error="corrupt", detail=type(exc).__name__)
    sender.send(result)
    sender.close()


def configured_limits() -> Limits:
    """The default limits with the time budget of the settings (docs/faults.md, "A file that hangs the
    extraction"): ``ATTACHMENT_EXTRACTION_SECONDS`` (default 20) for reading one file."""
    return replace(DEFAULT_LIMITS, time_budget=float(setting("ATTACHMENT_EXTRACTION_SECONDS", 20)))


def extract_text_isolated(source, limits: Limits | None = None, start_method: str = "forkserver") -> Extraction:
    """``extract_text`` in a child process, killed after the time budget (plus start-up) and capped in memory.

    Without ``limits``, the configured ones (:func:`configured_limits`); the child may take
    ``ATTACHMENT_EXTRACTION_STARTUP_SECONDS`` (default 10) more to start."""
    limits = limits or configured_limits()
    data = _read(source, limits)
    if not data or len(data) > limits.max_bytes:
        return extract_text(data, limits)
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload([__name__])
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(data, limits, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(limits.time_budget + float(setting("ATTACHMENT_EXTRACTION_STARTUP_SECONDS", STARTUP_GRACE))):
            return receiver.recv()
        error = "timeout"
    except (EOFError, OSError):
        error = "corrupt"
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    return Extraction(kind=detect_kind(data), error=error, detail=f"child process exit code {process.exitcode}")
