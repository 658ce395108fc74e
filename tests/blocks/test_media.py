"""Attachments (checked against the upload rules) and galleries."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.test import override_settings

from blocks import AttachmentBlock, GalleryImageBlock, iter_block_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # english: tests/blocks/conftest.py


@pytest.fixture
def block():
    return AttachmentBlock()


@pytest.mark.parametrize(("name", "fixture", "extension"), [
    ("budget.pdf", "pdf_bytes", "pdf"),
    ("explanation.docx", "docx_bytes", "docx"),
    ("accounts.xlsx", "xlsx_bytes", "xlsx"),
])
def test_real_documents_are_accepted(block, make_document, request, name, fixture, extension):
    document = make_document(name, request.getfixturevalue(fixture), title="2026年部门预算")
    value = block.clean(block.to_python({"document": document.pk, "title": ""}))

    assert value["document"] == document
    assert value.display_title == "2026年部门预算"
    assert value.file_extension == extension
    assert value.file_size == document.file.size


def test_executable_named_pdf_is_refused(block, make_document, exe_bytes):
    document = make_document("budget.pdf", exe_bytes, title="预算")
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"document": document.pk, "title": "预算说明"}))

    [(path, message)] = iter_block_errors(excinfo.value)
    assert path == ("document",)
    assert message.startswith("“预算” cannot be attached: Only PDF, DOCX, XLSX, JPEG and PNG files are accepted")
    assert excinfo.value.block_errors["document"].code == "bad_type"


def test_content_that_does_not_match_the_name_is_refused(block, make_document, docx_bytes):
    document = make_document("budget.pdf", docx_bytes, title="预算")
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"document": document.pk, "title": ""}))
    assert excinfo.value.block_errors["document"].code == "name_mismatch"


def test_oversized_file_is_refused(block, make_document, pdf_bytes):
    document = make_document("budget.pdf", pdf_bytes, title="预算")
    with override_settings(DISCLOSURE_MAX_ATTACHMENT_BYTES=len(pdf_bytes) - 1):
        with pytest.raises(ValidationError) as excinfo:
            block.clean(block.to_python({"document": document.pk, "title": ""}))
    [(_, message)] = iter_block_errors(excinfo.value)
    assert excinfo.value.block_errors["document"].code == "too_large"
    assert "the limit is" in message


def test_file_missing_from_storage_is_refused(block, make_document, pdf_bytes):
    document = make_document("budget.pdf", pdf_bytes, title="预算")
    document.file.storage.delete(document.file.name)
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"document": document.pk, "title": ""}))
    assert excinfo.value.block_errors["document"].code == "missing"


def test_guard_is_not_deferred_for_drafts(block, make_document, exe_bytes):
    document = make_document("budget.pdf", exe_bytes)
    with pytest.raises(ValidationError):
        block.clean_deferred(block.to_python({"document": document.pk, "title": ""}))


def test_document_is_required(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"document": None, "title": "附件"}))
    assert [path for path, _ in iter_block_errors(excinfo.value)] == [("document",)]


def test_attachment_round_trip_and_search(block, make_document, pdf_bytes):
    document = make_document("budget.pdf", pdf_bytes, title="预算表")
    value = block.clean(block.to_python({"document": document.pk, "title": "2026年部门预算公开表"}))
    prep = json.loads(json.dumps(block.get_prep_value(value), cls=DjangoJSONEncoder))
    assert prep == {"document": document.pk, "title": "2026年部门预算公开表"}
    assert block.to_python(prep)["document"] == document
    assert block.get_searchable_content(value) == ["2026年部门预算公开表"]
    assert block.get_searchable_content(block.to_python({"document": document.pk, "title": ""})) == ["预算表"]


def test_gallery_caption_falls_back_to_the_image_caption(make_image):
    block = GalleryImageBlock()
    image = make_image(title="IMG_0001", caption="村民代表会议现场")

    own = block.clean(block.to_python({"image": image.pk, "caption": "2026年6月村民代表会议"}))
    fallback = block.clean(block.to_python({"image": image.pk, "caption": ""}))
    bare = block.to_python({"image": make_image(title="IMG_0002").pk, "caption": ""})

    assert own.display_caption == "2026年6月村民代表会议"
    assert fallback.display_caption == "村民代表会议现场"
    assert bare.display_caption == "" and bare.alt_text == "IMG_0002"
    assert block.get_searchable_content(own) == ["2026年6月村民代表会议"]
    assert block.get_searchable_content(fallback) == ["村民代表会议现场"]
    assert block.get_searchable_content(bare) == []
    assert block.to_python(block.get_prep_value(own))["image"] == image


def test_gallery_image_is_required():
    block = GalleryImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "caption": "会议"}))
