"""Fault 5 (docs/faults.md): an attachment whose text extraction would run for minutes (a PDF "bomb": its
one page draws a form that draws another ten times, four levels deep, each drawing a thousand text runs —
about ten minutes of pypdf on this machine, from 18 KB).

The extraction runs in a child process killed after ``ATTACHMENT_EXTRACTION_SECONDS`` (plus the start-up
allowance): the upload completes, the document records ``timeout``, the entry is published and indexed
without that file's text, the secrecy guard lists the file as not checked, and the search worker never
waits on a file (it reads the stored text only).
"""

import io
import time

import pytest
from django.core.files.base import ContentFile

from cms.models import DisclosureDocument, DisclosurePage
from cms.moderation import guard
from cms.moderation.attachments import error_message
from search.backends import get_backend
from search.models import IndexTask

from .support import check_consistent, command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUDGET, STARTUP = 1, 4  # seconds: the settings below, small so that the test is quick


def pdf_bomb(depth: int = 4, fanout: int = 10, leaf: int = 1000) -> bytes:
    """A valid PDF of one page whose text extraction costs fanout**depth × leaf text runs."""
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    first_form, contents = 5, 5 + depth + 1
    bodies[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> "
                 b"/XObject << /X0 %d 0 R >> >> /Contents %d 0 R >>" % (first_form, contents))
    for level in range(depth + 1):
        number = first_form + level
        if level < depth:
            stream = b" ".join(b"/X Do" for _ in range(fanout))
            resources = b"<< /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >>" % (number + 1)
        else:
            stream = b"BT /F1 12 Tf " + b" ".join(b"1 0 Td (loop) Tj" for _ in range(leaf)) + b" ET"
            resources = b"<< /Font << /F1 4 0 R >> >>"
        bodies[number] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources
                          + b" /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    bodies[contents] = b"<< /Length 6 >>\nstream\n/X0 Do\nendstream"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(bodies):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + bodies[number] + b"\nendobj\n")
    xref, size = out.tell(), max(bodies) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    out.write(b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, size)))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def test_the_bomb_is_a_valid_pdf_whose_text_costs_far_more_than_the_budget():
    from pypdf import PdfReader

    small = pdf_bomb(depth=1, leaf=50)  # the same structure, cheap: 10 × 50 runs are read
    assert PdfReader(io.BytesIO(small)).pages[0].extract_text().count("loop") == 500
    assert len(pdf_bomb()) < 20_000


def test_a_hanging_attachment_is_cut_off_and_the_entry_is_published_and_indexed_without_its_text(
        tree, settings):
    settings.ATTACHMENT_EXTRACTION_SECONDS = BUDGET
    settings.ATTACHMENT_EXTRACTION_STARTUP_SECONDS = STARTUP
    item = tree.add_item(tree.township, "government", "财政资金", slug="funds", sequence=2, code="0201")

    started = time.monotonic()
    document = DisclosureDocument.objects.create(  # the upload: its text is read after commit (file_checks)
        title="预算附表", file=ContentFile(pdf_bomb(), name="budget-tables.pdf"))
    took = time.monotonic() - started
    assert took < BUDGET + STARTUP + 10, f"the extraction was not cut off ({took:.1f} s)"  # margin for a loaded CI
    document.refresh_from_db()
    assert document.extraction_error == "timeout" and document.extracted_text == ""

    entry = tree.add_entry(item, "2026年财政预算公开", body=[
        {"type": "rich_text", "value": "<p>一般公共预算收入12.5亿元。</p>", "id": "b1"},
        {"type": "attachments", "id": "att", "value": [
            {"type": "item", "id": "i1", "value": {"document": document.pk, "title": ""}}]}])
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.live  # the publication stands
    report = guard.check(entry, entry.live_revision_id)
    (unchecked,) = report.unchecked  # what the reviewer reads: this file was not checked, and why
    assert "预算附表" in unchecked.location and unchecked.reason == error_message("timeout")

    assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()
    get_backend().ensure_index()
    started = time.monotonic()
    command("search_worker", "--once", "--no-auto-rebuild")
    assert time.monotonic() - started < 10  # the worker reads stored text, it never waits on a file
    assert not IndexTask.objects.filter(done_at__isnull=True).exists()
    backend = get_backend()
    backend.refresh()
    source = backend.get_sources([entry.pk])[entry.pk]
    assert "12.5亿元" in source["body"] and source["attachments"] == ""
    check_consistent()
