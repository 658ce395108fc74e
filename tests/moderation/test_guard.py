"""The personal-data guard on every path that makes an entry live."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cms.models import DisclosureDocument, DisclosurePage
from cms.moderation import guard
from cms.moderation.models import PublicContact, SensitiveWord

from .admin_forms import edit_post_data
from .conftest import (
    ID_MASKED, ID_NUMBER, act, attachment_block, block, current, person_block, replace_file, table_block, text_block,
    to_approval,
)

EXEMPTION = {"outcome": "disclose", "exemption": True, "exemption_reason": "惩戒公示",
             "exemption_basis": "《失信被执行人名单信息公布办法》第六条"}


@pytest.fixture
def finding_bodies(make_document):
    """Bodies with an ID number in a table cell, a person list and an attachment."""
    return {
        "table cell": lambda: [table_block(ID_NUMBER)],
        "person list": lambda: [person_block(f"身份证{ID_NUMBER}")],
        "attachment": lambda: [attachment_block(make_document(f"名单：张三 {ID_NUMBER}"))],
    }


def refusals(entry):
    return PageLogEntry.objects.filter(page_id=entry.pk, action="moderation.publish_refused")


# Programmatic revision.publish()

@pytest.mark.parametrize("where", ["table cell", "person list", "attachment"])
def test_publishing_a_revision_with_an_id_number_is_refused(make_entry, users, finding_bodies, where):
    entry = make_entry(body=finding_bodies[where]())
    with pytest.raises(ValidationError) as caught:
        entry.get_latest_revision().publish(user=users["a_approver"])
    assert any(ID_MASKED in message for message in caught.value.messages)
    assert ID_NUMBER not in " ".join(caught.value.messages)
    assert not DisclosurePage.objects.get(pk=entry.pk).live


def test_locations_name_the_block_row_and_cell(make_entry):
    entry = make_entry(body=[text_block(), table_block(ID_NUMBER)])
    (item,) = guard.scan(entry.get_latest_revision().as_object()).items
    assert "(block 2)" in item.finding.location and "Row 1" in item.finding.location
    assert "Cell 2" in item.finding.location and item.maskable


def test_attachment_text_is_extracted_once_and_cached(make_entry, make_document):
    document = make_document(f"张三 {ID_NUMBER}")
    entry = make_entry(body=[attachment_block(document)])
    report = guard.scan(entry.get_latest_revision().as_object())
    assert [item.maskable for item in report.items] == [False]
    document.refresh_from_db()
    assert ID_NUMBER in document.extracted_text
    replace_file(document, "已脱敏名单")  # a replaced file is read again
    assert DisclosureDocument.objects.get(pk=document.pk).extracted_text == ""
    assert not guard.scan(entry.get_latest_revision().as_object()).items


def test_publishing_without_findings_works(make_entry, users):
    entry = make_entry(body=[text_block(), table_block(), person_block()])
    entry.get_latest_revision().publish(user=users["a_approver"])
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_sensitive_words_and_public_contacts_are_admin_data(make_entry, users, tree):
    assert SensitiveWord.objects.filter(word="艾滋病").exists()  # seeded
    entry = make_entry(body=[text_block("<p>咨询电话：0571-80000100，监督电话：0571 8000 0200</p>")])
    assert len(guard.scan(entry.get_latest_revision().as_object()).items) == 2
    PublicContact.objects.create(value="0571-80000100", note="村委会办公室")
    tree.township.contact_phone = "0571-80000200"  # a unit's office telephone is public too
    tree.township.save()
    assert not guard.scan(entry.get_latest_revision().as_object()).items
    SensitiveWord.objects.create(word="低保户张三")
    entry = make_entry(body=[text_block("<p>低保户张三</p>")], slug="word")
    assert [item.finding.kind for item in guard.scan(entry.get_latest_revision().as_object()).items] == [
        "sensitive_word"]


# Exemption recorded on the revision going live

def test_an_exemption_on_the_published_revision_lets_it_through(make_entry, users):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    to_approval(entry, users, **EXEMPTION)
    act(entry, users["a_approver"], "approve")
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_an_exemption_does_not_cover_a_later_revision(make_entry, users):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    to_approval(entry, users, **EXEMPTION)
    act(entry, users["a_approver"], "approve")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    entry.summary = "补充说明"
    with pytest.raises(ValidationError):
        entry.save_revision(user=users["a_approver"]).publish(user=users["a_approver"])


# The last workflow task

def test_approval_with_findings_is_rolled_back_and_explained(at_approval_with_new_findings, users):
    entry = at_approval_with_new_findings()
    url = act(entry, users["a_approver"], "approve")
    assert url == reverse("moderation:findings", args=(entry.pk,)) + "?refused=1"
    entry, state = current(entry)
    assert not entry.live and state.status == "in_progress" and "ApprovalTask" in type(state.task.specific).__name__
    assert ID_MASKED in refusals(entry).get().data["messages"][1]


def test_approval_modal_shows_the_findings_instead_of_failing(at_approval_with_new_findings, users, client):
    entry, state = current(at_approval_with_new_findings())
    client.force_login(users["a_approver"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, "approve", state.pk))
    response = client.get(url)
    assert response.status_code == 200 and ID_MASKED in response.json()["html"]
    response = client.post(url, {"comment": "同意", "task_state_id": state.pk},
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert response.json()["step"] == "action" and ID_MASKED in response.json()["html"]
    assert not DisclosurePage.objects.get(pk=entry.pk).live


def test_approval_in_the_admin_publishes_a_clean_entry(make_entry, users, client):
    entry = make_entry(body=[text_block()])
    to_approval(entry, users)
    entry, state = current(entry)
    client.force_login(users["a_approver"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, "approve", state.pk))
    response = client.post(url, {"comment": "同意", "task_state_id": state.pk},
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["step"] == "success"
    assert DisclosurePage.objects.get(pk=entry.pk).live


# Publishing from the page editor

@pytest.mark.parametrize("where", ["table cell", "person list"])
def test_editor_publish_with_findings_shows_them(make_entry, users, client, where):
    body = [table_block(ID_NUMBER)] if where == "table cell" else [person_block(f"身份证{ID_NUMBER}")]
    entry = make_entry(body=body)
    client.force_login(users["a_approver"])
    data = edit_post_data(client, entry, body, **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("moderation:findings", args=(entry.pk,))
    assert ID_MASKED in response.content.decode()
    assert not DisclosurePage.objects.get(pk=entry.pk).live
    assert refusals(entry).get().user == users["a_approver"]


def test_editor_publish_of_an_attachment_with_findings_shows_them(make_entry, users, client, make_document):
    body = [attachment_block(make_document(f"张三 {ID_NUMBER}"))]
    entry = make_entry(body=body)
    client.force_login(users["a_approver"])
    data = edit_post_data(client, entry, body, **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data, follow=True)
    content = response.content.decode()
    assert ID_MASKED in content and "replace the file" in content
    assert not DisclosurePage.objects.get(pk=entry.pk).live


def test_editor_publish_without_findings_publishes(make_entry, users, client):
    body = [text_block(), table_block()]
    entry = make_entry(body=body)
    client.force_login(users["a_approver"])
    data = edit_post_data(client, entry, body, **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data)
    assert response.status_code == 302
    assert DisclosurePage.objects.get(pk=entry.pk).live


# Scheduled publishing

def make_due(revision):
    """Let the time of a scheduled revision pass, as publish_due_entries later finds it."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def schedule(entry, user):
    """Approve the latest revision for publication in an hour, then let the hour pass."""
    draft = DisclosurePage.objects.get(pk=entry.pk).get_latest_revision().as_object()
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = draft.save_revision(user=user)
    revision.publish(user=user)
    make_due(revision)
    return revision


def test_scheduled_publishing_skips_entries_with_findings_and_publishes_the_rest(make_entry, users, finding_bodies):
    blocked = make_entry(body=finding_bodies["attachment"](), slug="blocked")
    clean = make_entry(body=[text_block()], slug="clean", title="干净的条目")
    blocked_revision = schedule(blocked, users["a_approver"])
    schedule(clean, users["a_approver"])
    call_command("publish_due_entries", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert DisclosurePage.objects.get(pk=clean.pk).live
    assert not DisclosurePage.objects.get(pk=blocked.pk).live
    assert Revision.objects.get(pk=blocked_revision.pk).approved_go_live_at is None
    assert refusals(blocked).count() == 1


def test_wagtails_own_publish_scheduled_cannot_make_a_guarded_entry_live(make_entry, users, finding_bodies):
    """Our scheduler has its own name; an operator running Wagtail's command still meets the guard."""
    blocked = make_entry(body=finding_bodies["attachment"](), slug="blocked")
    schedule(blocked, users["a_approver"])
    with pytest.raises(ValidationError):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    assert not DisclosurePage.objects.get(pk=blocked.pk).live


def test_scheduled_publishing_of_an_exempted_revision(make_entry, users):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    entry_page = DisclosurePage.objects.get(pk=entry.pk)
    entry_page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    entry_page.save_revision(user=users["a_editor"])
    to_approval(entry, users, **EXEMPTION)
    act(entry, users["a_approver"], "approve")
    revision = DisclosurePage.objects.get(pk=entry.pk).get_latest_revision()
    assert revision.approved_go_live_at is not None
    make_due(revision)
    call_command("publish_due_entries", stdout=open("/dev/null", "w"))
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_bulk_publish_is_refused_with_the_findings(make_entry, users, client):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    client.force_login(users["a_approver"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={entry.pk}"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert response.status_code == 200
    assert not DisclosurePage.objects.get(pk=entry.pk).live
    assert ID_MASKED in response.content.decode()


def test_unknown_block_types_and_rich_text_links_are_scanned(make_entry):
    entry = make_entry(body=[
        text_block('<p>联系 <a href="mailto:zhangsan@example.com">张三</a></p>'),
        block("key_facts", [{"label": "联系电话", "value": "13812345678"}]),
        block("legal_basis", {"source": "条例", "article": "", "quote": f"公民身份号码{ID_NUMBER}"}),
    ])
    kinds = sorted(str(item.finding.kind) for item in guard.scan(entry.get_latest_revision().as_object()).items)
    assert kinds == ["email", "id_number", "mobile"]


def test_approving_from_the_editor_with_new_findings_explains_instead_of_failing(
        at_approval_with_new_findings, users, client, settings):
    import json

    # With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT the re-posted body counts as an edit and restarts the
    # procedure instead of publishing.
    settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
    entry = at_approval_with_new_findings()
    body = list(entry.body.raw_data)
    client.force_login(users["a_approver"])
    data = edit_post_data(client, entry, body, **{
        "action-workflow-action": "true", "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps({"comment": "同意"}),
    })
    response = client.post(reverse("wagtailadmin_pages:edit", args=(entry.pk,)), data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("moderation:findings", args=(entry.pk,))
    assert ID_MASKED in response.content.decode()
    entry, state = current(entry)
    assert not entry.live and state is not None and state.status == "in_progress"


def resubmit_after_correction(entry, users):
    """The approver asks for a correction; the editor edits the title and resubmits."""
    act(entry, users["a_approver"], "reject", comment="请更正标题")
    draft = DisclosurePage.objects.get(pk=entry.pk)
    draft.title = "更正后的标题"
    draft.save_revision(user=users["a_editor"])
    DisclosurePage.objects.get(pk=entry.pk).current_workflow_state.resume(user=users["a_editor"])


def test_an_exemption_does_not_follow_a_correction_until_the_workflow_restarts(make_entry, users, settings):
    settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
    entry = make_entry(body=[table_block(ID_NUMBER)])
    to_approval(entry, users, **EXEMPTION)
    resubmit_after_correction(entry, users)
    assert type(current(entry)[1].task.specific).__name__ == "ApprovalTask"  # resumes where it was rejected
    assert act(entry, users["a_approver"], "approve").endswith("?refused=1")
    assert not DisclosurePage.objects.get(pk=entry.pk).live
    # "Restart workflow": every step again, and the secrecy review exempts the corrected revision.
    entry = DisclosurePage.objects.get(pk=entry.pk)
    entry.current_workflow_state.cancel(user=users["a_editor"])
    to_approval(entry, users, **EXEMPTION)
    act(entry, users["a_approver"], "approve")
    assert DisclosurePage.objects.get(pk=entry.pk).live


# 区分处理: what the secrecy review withholds never reaches the public

WITHHOLD = {"outcome": "disclose", "ground": "personal_privacy", "legal_basis": "《政府信息公开条例》第十五条",
            "withheld_description": "补助对象名单"}


def test_a_withheld_attachment_block_does_not_block_publishing(make_entry, make_document, users):
    document = make_document("补助对象名单")
    listing = attachment_block(document)
    entry = make_entry(body=[text_block(), listing])
    to_approval(entry, users, **WITHHOLD, withheld_blocks=[listing["id"]])
    replace_file(document, f"名单：张三 {ID_NUMBER}")
    revision = DisclosurePage.objects.get(pk=entry.pk).get_latest_revision()
    assert guard.scan(revision.as_object()).items  # found, but only in what is withheld
    assert not guard.check(revision.as_object(), revision.pk).items
    assert act(entry, users["a_approver"], "approve") is None
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_a_file_in_a_block_that_is_not_withheld_still_blocks(make_entry, make_document, users):
    document = make_document("补助对象名单")
    listing = attachment_block(document)
    entry = make_entry(body=[text_block(), listing])
    to_approval(entry, users, **WITHHOLD, withheld_blocks=[entry.body[0].id])
    replace_file(document, f"名单：张三 {ID_NUMBER}")
    assert act(entry, users["a_approver"], "approve").endswith("?refused=1")
    assert not DisclosurePage.objects.get(pk=entry.pk).live


def test_the_secrecy_review_may_withhold_the_block_with_the_findings(make_entry, make_document, users):
    listing = attachment_block(make_document(f"名单：张三 {ID_NUMBER}"))
    entry = make_entry(body=[text_block(), listing])
    to_approval(entry, users, **WITHHOLD, withheld_blocks=[listing["id"]])
    act(entry, users["a_approver"], "approve")
    assert DisclosurePage.objects.get(pk=entry.pk).live


def test_a_withheld_table_block_does_not_block_publishing_but_the_rest_still_does(make_entry, users):
    table = table_block(ID_NUMBER)
    entry = make_entry(body=[text_block("<p>联系电话13812345678</p>"), table])
    revision = entry.get_latest_revision()
    report = guard.check(revision.as_object(), revision.pk, withheld={table["id"]})
    assert [str(item.finding.kind) for item in report.items] == ["mobile"]
    assert [str(item.finding.kind) for item in guard.scan(revision.as_object()).items] == ["mobile", "id_number"]


def test_a_file_shown_by_a_public_block_too_is_still_checked(make_entry, make_document):
    document = make_document(f"名单：张三 {ID_NUMBER}")
    hidden, shown = attachment_block(document), attachment_block(document)
    entry = make_entry(body=[hidden, shown])
    revision = entry.get_latest_revision()
    assert guard.check(revision.as_object(), revision.pk, withheld={hidden["id"]}).blocking
    assert not guard.check(revision.as_object(), revision.pk, withheld={hidden["id"], shown["id"]}).items


def test_withholding_needs_a_review_of_this_revision_or_an_earlier_one(make_entry, make_document, users):
    listing = attachment_block(make_document(f"名单：张三 {ID_NUMBER}"))
    entry = make_entry(body=[listing])
    with pytest.raises(ValidationError):
        entry.get_latest_revision().publish(user=users["a_approver"])
    assert not DisclosurePage.objects.get(pk=entry.pk).live


# Exact places in attachments

def test_a_finding_in_an_attachment_names_its_paragraph(make_entry):
    from django.core.files.base import ContentFile

    from tests.privacy.files import make_docx

    data = make_docx(["名单说明", f"张三 {ID_NUMBER}"])
    document = DisclosureDocument.objects.create(title="名单.docx", file=ContentFile(data, name="名单.docx"))
    entry = make_entry(body=[attachment_block(document)])
    (item,) = guard.scan(entry.get_latest_revision().as_object()).items
    assert item.finding.location == "Attachment “名单.docx”, paragraph 2" and not item.maskable


def test_a_finding_in_a_spreadsheet_names_its_sheet_and_cell(make_entry):
    from django.core.files.base import ContentFile

    from tests.privacy.files import make_xlsx

    data = make_xlsx({"名单": [["序号", "姓名", "证件号码"], [1, "张三", "已脱敏"], [2, "李四", ID_NUMBER]]})
    document = DisclosureDocument.objects.create(title="名单.xlsx", file=ContentFile(data, name="名单.xlsx"))
    entry = make_entry(body=[attachment_block(document)])
    (item,) = guard.scan(entry.get_latest_revision().as_object()).items
    assert item.finding.location == "Attachment “名单.xlsx”, sheet “名单” C3"
