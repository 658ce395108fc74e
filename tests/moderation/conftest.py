"""Fixtures of the procedure tests: village supervisors, entries with and without personal data, and
helpers that drive Wagtail's workflow API."""

import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from cms.models import DisclosureDocument, DisclosurePage, Domain
from cms.models.organisations import VillageRole
from tests.conftest import make_user

ID_NUMBER = "11010519491231002X"  # GB 11643 check digit valid
ID_MASKED = "110105********002X"


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def text_block(html="<p>村务公开内容。</p>"):
    return block("rich_text", html)


def table_block(cell="村民甲"):
    return block("financial_table", {
        "caption": "补贴发放明细", "unit": "yuan",
        "columns": [{"heading": "姓名", "kind": "text"}, {"heading": "证件", "kind": "text"},
                    {"heading": "金额", "kind": "amount"}],
        "rows": [["张三", cell, "100.00"]], "totals_row": [],
    })


def person_block(post="东山村党支部书记"):
    return block("person_list", {
        "title": "拟任人选", "explanation": "公示期5个工作日",
        "people": [{"name": "李四", "gender": "male", "birth_month": "1980-01", "education": "大学",
                    "current_post": post, "proposed_post": ""}],
    })


def attachment_block(document):
    return block("attachments", [{"document": document.pk, "title": ""}])


def docx_bytes(text):
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English source strings; the admin shows Chinese once translations exist."""
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
    with translation.override("en"):
        yield


@pytest.fixture
def make_document(db):
    def make(text, name="名单.docx"):
        return DisclosureDocument.objects.create(title=name, file=ContentFile(docx_bytes(text), name=name))
    return make


def replace_file(document, text, name="新名单.docx"):
    """Replace a document's file in the media library (no revision of the entry is made)."""
    document.file = ContentFile(docx_bytes(text), name=name)
    document._set_file_hash()
    document.save()
    return document


@pytest.fixture
def at_approval_with_new_findings(make_entry, make_document, users):
    """An entry at 审批 whose attachment was replaced with one holding an ID number after the secrecy
    review: the approval itself meets the guard (whatever WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT)."""
    def make():
        document = make_document("已脱敏名单")
        entry = make_entry(body=[text_block(), attachment_block(document)])
        to_approval(entry, users)
        replace_file(document, f"张三 {ID_NUMBER}")
        return entry
    return make


@pytest.fixture
def users(tree):
    """The tree's users plus the villages' supervision committees (a_supervisor, b_supervisor)."""
    tree.users["a_supervisor"] = make_user("a_supervisor", tree.village_a.group_for(VillageRole.SUPERVISOR))
    tree.users["b_supervisor"] = make_user("b_supervisor", tree.village_b.group_for(VillageRole.SUPERVISOR))
    return tree.users


@pytest.fixture
def item(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务", slug="finance")


@pytest.fixture
def make_entry(tree, item, users):
    """A draft entry of village A owned by its editor: ``make_entry(body=[...], **fields)``."""
    def make(body=None, title="2026年第三季度村级财务公开", **fields):
        entry = tree.add_entry(item, title, publish=False, body=body or [text_block()],
                               owner=users["a_editor"], **fields)
        entry.save_revision(user=users["a_editor"])
        return DisclosurePage.objects.get(pk=entry.pk)
    return make


def submit(entry, user):
    """提出: start the entry's workflow as ``user`` (what the editor's "Submit" does)."""
    return entry.get_workflow().start(entry, user)


def current(entry):
    entry = DisclosurePage.objects.get(pk=entry.pk)
    return entry, entry.current_workflow_task_state


def act(entry, user, action, **data):
    """Perform a workflow action on the entry's current task through the task's own API."""
    entry, state = current(entry)
    return state.task.specific.on_action(state, user, action, **data)


def step_name(entry) -> str:
    _entry, state = current(entry)
    return state.task.specific.__class__.__name__ + ":" + state.task.name if state else ""


def actions(entry, user) -> set[str]:
    entry, state = current(entry)
    if state is None:
        return set()
    return {name for name, _label, _modal in state.task.specific.get_actions(entry, user)}


DISCLOSE = {"outcome": "disclose", "notes": "可以公开"}


def through_secrecy(entry, users, **review):
    """Submit and pass 审核 and 保密审查 (with ``review`` data) as the unit's own reviewers."""
    submit(entry, users["a_editor"])
    act(entry, users["a_reviewer"], "approve", comment="内容准确")
    act(entry, users["a_secrecy_reviewer"], "review", **(review or DISCLOSE))


def to_approval(entry, users, **review):
    through_secrecy(entry, users, **review)
    act(entry, users["a_supervisor"], "approve")
