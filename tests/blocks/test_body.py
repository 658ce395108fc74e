"""The body stream: every block type together, as the page stores, indexes and edits it."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.blocks import BlockWidget

from blocks import DisclosureBodyBlock, iter_block_errors
from cms.models import DisclosurePage

pytestmark = pytest.mark.django_db

BLOCK_TYPES = {"rich_text", "financial_table", "public_expenses", "person_list", "attachments", "gallery",
               "key_facts", "legal_basis"}


@pytest.fixture
def raw_body(make_document, make_image, pdf_bytes):
    document = make_document("budget.pdf", pdf_bytes, title="2026年部门预算公开表")
    image = make_image(caption="村民代表会议现场")
    return [
        {"type": "rich_text", "value": "<p>现将2026年部门预算公开如下。</p>"},
        {"type": "financial_table", "value": {
            "caption": "一般公共预算支出表", "unit": "ten_thousand_yuan",
            "columns": [{"heading": "科目", "kind": "text"}, {"heading": "支出", "kind": "amount"}],
            "rows": [["一般公共服务支出", "1,000.25"], ["教育支出", "234.25"]],
            "totals_row": ["合计", "1,234.50"],
        }},
        {"type": "public_expenses", "value": {
            "year": 2026, "stage": "budget", "unit": "ten_thousand_yuan",
            "overseas_travel": {"budget": "0", "actual": None},
            "vehicle_purchase": {"budget": "0", "actual": None},
            "vehicle_operation": {"budget": "12.5", "actual": None},
            "official_reception": {"budget": "3", "actual": None},
            "explanation": "",
        }},
        {"type": "person_list", "value": {
            "title": "任前公示", "explanation": "公示期5个工作日。",
            "people": [{"name": "王五", "gender": "female", "birth_month": "1988-11", "education": "研究生",
                        "current_post": "县财政局副局长", "proposed_post": "县财政局局长"}],
        }},
        {"type": "attachments", "value": [{"document": document.pk, "title": ""}]},
        {"type": "gallery", "value": [{"image": image.pk, "caption": ""}]},
        {"type": "key_facts", "value": [{"label": "预算总额", "value": "1,234.50 万元"}]},
        {"type": "legal_basis", "value": {"source": "中华人民共和国预算法", "article": "第十四条",
                                          "quote": "经本级人民代表大会或者本级人民代表大会常务委员会批准的预算……"}},
    ]


def test_page_body_uses_the_block():
    assert isinstance(DisclosurePage._meta.get_field("body").stream_block, DisclosureBodyBlock)
    assert set(DisclosureBodyBlock().child_blocks) == BLOCK_TYPES
    assert DisclosureBodyBlock().check() == []


def test_every_block_type_is_accepted_and_round_trips(raw_body):
    field = DisclosurePage._meta.get_field("body")
    block = field.stream_block
    value = block.clean(block.to_python(raw_body))

    assert [child.block_type for child in value] == [item["type"] for item in raw_body]
    stored = field.get_prep_value(value)
    again = field.to_python(json.loads(json.dumps(stored, cls=DjangoJSONEncoder)))
    assert field.get_prep_value(again) == stored
    assert again[1].value.totals()[1] == again[1].value.given_totals()[1]
    assert str(again[2].value.totals().budget_total) == "15.5"
    assert again[4].value[0].display_title == "2026年部门预算公开表"


def test_searchable_content_reaches_every_block(raw_body):
    field = DisclosurePage._meta.get_field("body")
    content = field.get_searchable_content(field.stream_block.to_python(raw_body))
    for text in ("一般公共预算支出表", "教育支出", "王五", "县财政局局长", "2026年部门预算公开表",
                 "村民代表会议现场", "预算总额", "中华人民共和国预算法"):
        assert any(text in item for item in content), text


def test_errors_are_reported_per_stream_item(raw_body):
    raw_body[1]["value"]["totals_row"] = ["合计", "1,200.00"]
    raw_body[3]["value"]["people"][0]["birth_month"] = "1988"
    block = DisclosureBodyBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(raw_body))
    assert [path for path, _ in iter_block_errors(excinfo.value)] == [
        (1,), (1, "totals_row", 1), (3, "people", 0, "birth_month"),
    ]
    json.dumps(excinfo.value.as_json_data())


def test_admin_editor_renders_every_block(raw_body):
    block = DisclosureBodyBlock()
    html = BlockWidget(block).render("body", block.to_python(raw_body))
    for text in ("一般公共预算支出表", "王五", "1988-11", "12.5"):
        assert json.dumps(text)[1:-1] in html, text
