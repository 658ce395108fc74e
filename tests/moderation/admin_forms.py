"""POST data of the page editor for an entry: its fields as the edit form renders them, and its body
(rendered by JavaScript in the browser) converted from the stored JSON."""

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text

from blocks.text import RICH_TEXT_FEATURES
from cms.models import DisclosurePage


def _value(block, raw):
    if isinstance(block, blocks.StreamBlock):
        data = {str(i): {"type": item["type"], "value": _value(block.child_blocks[item["type"]], item["value"]),
                         "deleted": "", "order": str(i), "id": item.get("id", "")}
                for i, item in enumerate(raw)}
        return {**data, "count": str(len(raw))}
    if isinstance(block, blocks.ListBlock):
        items = [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw]
        data = {str(i): {"value": _value(block.child_block, item), "deleted": "", "order": str(i), "id": ""}
                for i, item in enumerate(items)}
        return {**data, "count": str(len(items))}
    if isinstance(block, blocks.StructBlock):
        return {name: _value(child, raw.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(raw or "", features=list(RICH_TEXT_FEATURES))
    return "" if raw is None else str(raw)


def edit_post_data(client, entry, raw_body, **actions) -> dict:
    """The editor's POST for ``entry`` with ``raw_body`` (stored JSON) and the given action buttons."""
    response = client.get(f"/admin/pages/{entry.pk}/edit/")
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    stream_block = DisclosurePage._meta.get_field("body").stream_block
    data.update(nested_form_data({"body": _value(stream_block, raw_body)}))
    data.update(actions)
    return data
