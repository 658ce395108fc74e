"""Files after publication (cms.file_checks): a file that live entries show cannot be replaced, renamed or
re-captioned around the personal-data guard; text is extracted on upload and replacement; search follows.

Each admin case posts Wagtail's own edit form as the owning unit's editor."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

import cms.file_checks  # noqa: F401  (connects its receivers until CmsConfig.ready() imports it)
from cms.models import DisclosureDocument, DisclosureImage
from search.models import IndexTask
from tests.privacy.files import make_docx

from .helpers import body, collection_of, make_document, make_image

ID_NUMBER = "11010519491231002X"
ID_MASKED = "110105********002X"


def docx_upload(text: str, name: str = "张三身份证.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_docx([text]),
                              content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def png_upload(name: str = "新照片.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "black").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def live(tree, rows):
    """A live public entry showing a document and an image, and a draft showing others."""
    document, image = make_document(tree.village_a, "公示附件"), make_image(tree.village_a, "公示照片")
    entry = tree.add_entry(rows["public"], "低保公示", body=body(document, image, "live"))
    draft_document, draft_image = make_document(tree.village_a, "草稿附件"), make_image(tree.village_a, "草稿照片")
    draft = tree.add_entry(rows["public"], "草稿条目", publish=False, body=body(draft_document, draft_image, "draft"))
    return {"entry": entry, "document": document, "image": image, "draft": draft,
            "draft_document": draft_document, "draft_image": draft_image}


@pytest.fixture
def editor(client, tree):
    client.force_login(tree.users["a_editor"])
    return client


def download(client, document) -> bytes:
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def edit_document(client, document, **data):
    data = {"title": document.title, "collection": document.collection_id, "tags": "", **data}
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)


def edit_image(client, image, **data):
    data = {"title": image.title, "collection": image.collection_id, "tags": "", "caption": image.caption,
            "alt_text": "", **data}
    return client.post(reverse("wagtailimages:edit", args=[image.pk]), data)


def queued(entry) -> bool:
    return IndexTask.objects.filter(page_id=entry.pk).exists()


# Documents in the admin


def test_a_replacement_with_personal_data_is_refused_and_the_old_file_kept(tree, live, editor):
    document = live["document"]
    before = document.file.name
    old_bytes = download(editor, document)
    editor.force_login(tree.users["a_editor"])
    response = edit_document(editor, document, file=docx_upload(f"名单：张三 {ID_NUMBER}"))
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["file"])
    assert "低保公示" in error and live["entry"].index_number in error
    assert ID_MASKED in error and ID_NUMBER not in error
    document.refresh_from_db()
    assert document.file.name == before and document.extracted_text == ""
    assert download(editor, document) == old_bytes


def test_a_clean_replacement_is_read_stored_randomly_and_reindexed(tree, live, editor):
    document, entry = live["document"], live["entry"]
    IndexTask.objects.all().delete()
    response = edit_document(editor, document, file=docx_upload("已脱敏的低保名单"))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    document.refresh_from_db()
    assert document.extracted_text == "已脱敏的低保名单" and document.extraction_error == ""
    assert "张三身份证" not in document.file.name and document.file.name.endswith(".docx")
    assert document.original_filename == "张三身份证.docx"
    assert queued(entry)
    assert b"PK" == download(editor, document)[:2]


def test_a_new_title_with_personal_data_is_refused(live, editor):
    document = live["document"]
    response = edit_document(editor, document, title=f"张三 {ID_NUMBER}")
    assert response.status_code == 200
    assert ID_MASKED in " ".join(response.context["form"].non_field_errors())
    document.refresh_from_db()
    assert document.title == "公示附件"


def test_an_unreadable_replacement_is_refused(live, editor):
    document = live["document"]
    response = edit_document(editor, document, file=png_upload("扫描件.png"))
    assert response.status_code == 200
    assert "cannot be checked" in " ".join(response.context["form"].errors["file"])


def test_a_file_no_live_entry_shows_is_replaced_and_read_after_commit(live, editor,
                                                                     django_capture_on_commit_callbacks):
    document = live["draft_document"]
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_document(editor, document, file=docx_upload(f"草稿名单 {ID_NUMBER}"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert ID_NUMBER in document.extracted_text  # the guard meets it when the draft is published


def test_the_edit_form_shows_the_name_as_uploaded(live, editor):
    document = live["document"]
    response = editor.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert "公示附件.pdf" in response.content.decode()


# In code


def test_a_replacement_in_code_is_refused_too(live):
    document = live["document"]
    before = document.file.name
    document.file = ContentFile(make_docx([f"张三 {ID_NUMBER}"]), name="新名单.docx")
    document._set_file_hash()
    with pytest.raises(ValidationError) as caught:
        document.save()
    assert "低保公示" in " ".join(caught.value.messages)
    assert DisclosureDocument.objects.get(pk=document.pk).file.name == before


def test_an_upload_is_read_by_the_background_job(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = DisclosureDocument(title="新附件", collection=collection_of(tree.village_a))
        document.file.save("联系人名单.docx", ContentFile(make_docx(["联系人 13812345678"])), save=False)
        document._set_file_hash()
        document.save()
    document.refresh_from_db()
    assert "13812345678" in document.extracted_text
    assert "联系人名单" not in document.file.name and document.original_filename == "联系人名单.docx"


def test_the_job_skips_a_file_replaced_meanwhile(live):
    from cms.file_checks import extract_document_text

    document = live["draft_document"]
    assert extract_document_text.call(document.pk, "documents/other.pdf") == "stale"


# Images


def test_a_new_picture_under_a_live_entry_is_refused(live, editor):
    image = live["image"]
    before = image.file.name
    response = edit_image(editor, image, file=png_upload())
    assert response.status_code == 200
    assert "低保公示" in " ".join(response.context["form"].errors["file"])
    image.refresh_from_db()
    assert image.file.name == before


def test_a_caption_with_personal_data_is_refused(live, editor):
    image = live["image"]
    response = edit_image(editor, image, caption="户主 13812345678")
    assert response.status_code == 200
    assert "138****5678" in " ".join(response.context["form"].non_field_errors())
    assert DisclosureImage.objects.get(pk=image.pk).caption == ""


def test_a_clean_caption_is_saved_and_reindexed(live, editor):
    image, entry = live["image"], live["entry"]
    IndexTask.objects.all().delete()
    response = edit_image(editor, image, caption="村民代表会议现场")
    assert response.status_code == 302
    assert DisclosureImage.objects.get(pk=image.pk).caption == "村民代表会议现场"
    assert queued(entry)


def test_a_picture_no_live_entry_shows_can_be_replaced(live, editor):
    image = live["draft_image"]
    response = edit_image(editor, image, file=png_upload("张三家.png"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert "张三家" not in image.file.name and image.original_filename == "张三家.png"
