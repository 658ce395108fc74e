"""Rich text, key facts and legal-basis quotes."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from blocks import RICH_TEXT_FEATURES, DisclosureRichTextBlock, KeyFactBlock, LegalBasisBlock


def test_rich_text_features_are_restricted():
    block = DisclosureRichTextBlock()
    assert block.features == list(RICH_TEXT_FEATURES)
    assert set(block.features) == {"h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"}
    assert DisclosureRichTextBlock(features=["bold"]).features == ["bold"]


def test_rich_text_searchable_content_is_plain_text():
    block = DisclosureRichTextBlock()
    value = block.to_python("<h2>一、基本情况</h2><p>本年度<b>三公经费</b>支出下降。</p>")
    [text] = block.get_searchable_content(value)
    assert "一、基本情况" in text and "三公经费" in text and "<b>" not in text
    assert block.get_prep_value(block.to_python(block.get_prep_value(value))) == value.source


def test_rich_text_is_required():
    with pytest.raises(ValidationError):
        DisclosureRichTextBlock().clean(RichText(""))


def test_key_fact():
    block = KeyFactBlock()
    value = block.clean(block.to_python({"label": "项目总投资", "value": "1,200 万元"}))
    assert block.get_searchable_content(value) == ["项目总投资", "1,200 万元"]
    assert block.to_python(block.get_prep_value(value)) == value
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "项目总投资", "value": ""}))


def test_legal_basis():
    block = LegalBasisBlock()
    value = block.clean(block.to_python({
        "source": "中华人民共和国政府信息公开条例", "article": "第二十条",
        "quote": "行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息……",
    }))
    assert value.citation == "《中华人民共和国政府信息公开条例》第二十条"
    content = block.get_searchable_content(value)
    assert content[0] == "中华人民共和国政府信息公开条例"
    assert "第二十条" in content and any("主动公开" in text for text in content)
    assert block.to_python(block.get_prep_value(value)) == value

    quoted = block.to_python({"source": "《村民委员会组织法》", "article": "", "quote": "村务公开……"})
    assert quoted.citation == "《村民委员会组织法》"
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"source": "条例", "article": "", "quote": ""}))
