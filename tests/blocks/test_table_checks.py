"""Financial tables around the workflow (cms/moderation/table_checks.py) and the grid editor's form side
(blocks/tables.py: one JSON field per table, read back into the same stored value)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from blocks import FinancialTableBlock
from blocks.table_widget import FinancialTableBlockAdapter
from cms.models import DisclosurePage, Domain
from cms.moderation.table_checks import total_problems
from tests.moderation.conftest import act, submit, text_block

pytestmark = pytest.mark.usefixtures("english")  # messages as written (tests/blocks/conftest.py)

CAPTION = "2026年11月村级财务收支明细"
WRONG = "Financial table “2026年11月村级财务收支明细”, column “支出”: the rows add up to 20,000.50, " \
        "but the totals row says 20,000.00."


def raw_table(totals=("合计", "50,000.00", "20,000.00", "6"), caption=CAPTION):
    return {
        "caption": caption, "unit": "yuan",
        "columns": [{"heading": "项目", "kind": "text"}, {"heading": "收入", "kind": "amount"},
                    {"heading": "支出", "kind": "amount"}, {"heading": "笔数", "kind": "integer"}],
        "rows": [["上级转移支付", "50,000.00", "", "1"], ["道路修缮材料费", "", "12,000.50", "3"],
                 ["保洁人员工资", "", "8,000.00", "2"]],
        "totals_row": list(totals),
    }


@pytest.fixture
def block():
    return FinancialTableBlock()


# ---- the stored value and its problems ----

def test_total_problems_name_table_column_and_sum(block):
    problems = block.to_python(raw_table()).total_problems()
    assert [problem.message for problem in problems] == [WRONG]
    assert (problems[0].code, problems[0].expected, problems[0].given) == ("total_mismatch", "20,000.50", "20,000.00")


def test_a_blank_total_of_a_summed_column_is_a_problem_once_the_totals_row_is_filled(block):
    problems = block.to_python(raw_table(totals=("合计", "50000", "20000.50", ""))).total_problems()
    assert [(p.column, p.code, p.expected) for p in problems] == [("笔数", "total_missing", "6")]
    assert problems[0].message == ("Financial table “2026年11月村级财务收支明细”, column “笔数”: the total is missing; "
                                   "the rows add up to 6.")


def test_no_problem_without_totals_row_with_right_totals_or_with_a_non_number(block):
    assert block.to_python(raw_table(totals=())).total_problems() == []
    assert block.to_python(raw_table(totals=("合计", "50000", "20,000.50", "6"))).total_problems() == []
    # A total that is not a number is refused on the cell itself ("is not a number"), not as a sum.
    assert block.to_python(raw_table(totals=("合计", "五万", "20,000.50", "6"))).total_problems() == []


def test_a_table_without_caption_is_still_named(block):
    problems = block.to_python(raw_table(caption="")).total_problems()
    assert problems[0].message.startswith("Financial table “(no caption)”")


def test_the_chinese_message():
    with translation.override("zh-hans"):
        problems = FinancialTableBlock().to_python(raw_table()).total_problems()
        assert problems[0].message == ("财务表格“2026年11月村级财务收支明细”的“支出”列：各行相加为 20,000.50，"
                                       "但合计行填写的是 20,000.00。")


# ---- the grid's form side ----

def test_form_state_round_trips_through_the_posted_json_keeping_ids(block):
    value = block.to_python(raw_table())
    state = block.get_form_state(value)
    assert state["columns"][2] == {"id": value["columns"].bound_blocks[2].id, "heading": "支出", "kind": "amount"}
    assert state["rows"][1]["cells"] == ["道路修缮材料费", "", "12,000.50", "3"]
    posted = block.value_from_datadict({"body-0-value-grid": json.dumps(state)}, {}, "body-0-value")
    assert block.get_prep_value(posted)["columns"] == block.get_prep_value(value)["columns"]
    assert [child.id for child in posted["rows"].bound_blocks] == [child.id for child in value["rows"].bound_blocks]
    assert [list(row) for row in posted["rows"]] == [list(row) for row in value["rows"]]
    assert not block.value_omitted_from_data({"body-0-value-grid": "{}"}, {}, "body-0-value")
    assert block.value_omitted_from_data({}, {}, "body-0-value")


@pytest.mark.parametrize("posted", ["", "not json", "[1, 2]", '{"columns": "x", "rows": [1, {"cells": 5}]}',
                                    '{"columns": [{"kind": "evil", "heading": 3}], "unit": "dollars"}',
                                    "[" * 100000])
def test_malformed_grid_posts_give_a_clear_error_never_a_crash(block, posted):
    value = block.value_from_datadict({"p-grid": posted}, {}, "p")
    assert value["unit"] == "yuan"
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_adapter_sends_chinese_strings_and_a_starting_grid(block):
    with translation.override("zh-hans"):
        _, state, meta = FinancialTableBlockAdapter().js_args(block)
    assert meta["strings"]["ADD_ROW"] == "添加行" and meta["strings"]["CAPTION"] == "表格名称"
    assert [column["kind"] for column in state["columns"]] == ["text", "amount"] and len(state["rows"]) == 3
    assert meta["summedKinds"] == ["amount", "integer"]


# ---- around the workflow ----

@pytest.fixture
def item(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")


def table_body(**kwargs):
    return [{"type": "financial_table", "value": raw_table(**kwargs)}, text_block()]


@pytest.fixture
def entry(tree, item):
    entry = tree.add_entry(item, "2026年11月东山村村级财务收支公开", publish=False, body=table_body(),
                           owner=tree.users["a_editor"])
    entry.save_revision(user=tree.users["a_editor"])
    return DisclosurePage.objects.get(pk=entry.pk)


def test_the_page_lists_the_problems_of_every_table(entry):
    assert [problem.message for problem in total_problems(entry)] == [WRONG]


def test_submitting_a_wrong_total_is_refused_and_nothing_stays(entry, tree):
    with pytest.raises(ValidationError) as refused:
        submit(entry, tree.users["a_editor"])
    assert refused.value.messages == [WRONG]
    assert not WorkflowState.objects.filter(object_id=str(entry.pk)).exists()


def test_resuming_after_changes_were_requested_is_refused_too(tree, item):
    entry = tree.add_entry(item, "2026年10月收支公开", publish=False, owner=tree.users["a_editor"],
                           body=table_body(totals=("合计", "50000", "20000.50", "6")))
    submit(entry, tree.users["a_editor"])
    act(entry, tree.users["a_reviewer"], "reject", comment="请核对。")
    entry = DisclosurePage.objects.get(pk=entry.pk)
    entry.body = table_body()
    entry.save_revision(user=tree.users["a_editor"])
    state = entry.current_workflow_state
    with pytest.raises(ValidationError):
        state.resume(tree.users["a_editor"])
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_NEEDS_CHANGES


def grid_post(client, entry, table, **actions):
    response = client.get(f"/admin/pages/{entry.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data.update(nested_form_data({"body": {
        "count": "1", "0": {"type": "financial_table", "deleted": "", "order": "0", "id": "",
                            "value": {"grid": json.dumps(table)}}}}))
    data.update(actions)
    return data


def grid_state(**kwargs):
    block = FinancialTableBlock()
    return block.get_form_state(block.to_python(raw_table(**kwargs)))


def test_saving_a_draft_with_a_wrong_total_saves_it_and_warns(entry, tree, client):
    client.force_login(tree.users["a_editor"])
    before = entry.revisions.count()
    response = client.post(f"/admin/pages/{entry.pk}/edit/", grid_post(client, entry, grid_state()), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "it cannot be submitted for review until it does" in content
    assert WRONG in content
    entry = DisclosurePage.objects.get(pk=entry.pk)
    assert entry.revisions.count() == before + 1
    assert list(entry.get_latest_revision_as_object().body[0].value["totals_row"]) == ["合计", "50000.00",
                                                                                       "20000.00", "6"]


def test_no_warning_when_the_totals_add_up(entry, tree, client):
    client.force_login(tree.users["a_editor"])
    data = grid_post(client, entry, grid_state(totals=("合计", "50000", "20,000.50", "6")))
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data, follow=True)
    assert "cannot be submitted for review" not in response.content.decode()


def test_submitting_from_the_editor_is_refused_with_the_same_message(entry, tree, client):
    client.force_login(tree.users["a_editor"])
    before = entry.revisions.count()
    data = grid_post(client, entry, grid_state(), **{"action-submit": "submit"})
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data)
    assert response.status_code == 200, "the form comes back with the error"
    assert WRONG in json.dumps(response.context["form"].errors.as_data()["body"][0].as_json_data(),
                               ensure_ascii=False)
    assert entry.revisions.count() == before
    assert not WorkflowState.objects.filter(object_id=str(entry.pk)).exists()
    data = grid_post(client, entry, grid_state(totals=("合计", "50000", "20,000.50", "6")), **{"action-submit": "s"})
    assert client.post(f"/admin/pages/{entry.pk}/edit/", data).status_code == 302
    assert DisclosurePage.objects.get(pk=entry.pk).current_workflow_state is not None


def test_a_wrong_total_never_goes_live_whatever_the_path(entry):
    """The going-live guard (cms/moderation/signals.py) checks the totals too: a revision published by
    code, by scheduled publishing or by the last approval of a draft a reviewer saved."""
    with pytest.raises(ValidationError) as refused:
        entry.get_latest_revision().publish()
    assert refused.value.messages == [WRONG]
    assert not DisclosurePage.objects.get(pk=entry.pk).live


def test_bulk_publishing_a_wrong_total_is_refused_with_the_reason(entry, tree, client):
    client.force_login(tree.users["a_approver"])
    url = f"/admin/bulk/wagtailcore/page/publish/?id={entry.pk}"
    response = client.post(url, {}, follow=True)
    assert response.status_code == 200
    assert not DisclosurePage.objects.get(pk=entry.pk).live
    shown = " ".join(str(message) for message in response.context["messages"])
    assert WRONG in shown
