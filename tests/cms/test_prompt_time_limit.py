"""Time limits of catalogue rows (docs/lifecycle.md). 条例 §26: a 及时公开 row may shorten the 20 working
days, never lengthen them — in the row's form (model validation) and in a catalogue import. Periodic rows
carry their terms (每月10日前, 次年3月31日前) as data, read from the import's note."""

import pytest
from django.core.exceptions import ValidationError

from cms.catalogue_io.vocabulary import parse_time_limit
from cms.models import Domain


@pytest.mark.parametrize("days", [1, 5, 20])
def test_a_prompt_row_may_shorten_the_statutory_time(tree, days):
    row = tree.add_item(tree.county, Domain.GOVERNMENT, "人事任免", slug=f"appointments-{days}",
                        time_limit_kind="prompt", working_days=days)
    row.full_clean()


@pytest.mark.parametrize("days", [0, 21, 365])
def test_a_prompt_row_may_not_lengthen_it(tree, days):
    row = tree.add_item(tree.county, Domain.GOVERNMENT, "人事任免", slug="appointments",
                        time_limit_kind="prompt")
    row.working_days = days
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "working_days" in raised.value.message_dict


def test_other_rows_keep_their_unused_working_days(tree):
    row = tree.add_item(tree.county, Domain.GOVERNMENT, "机构职能", slug="functions", time_limit_kind="standing")
    row.working_days = 365
    row.full_clean()


def test_the_import_refuses_a_longer_prompt_time_in_chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    assert parse_time_limit("信息形成或变更之日起15个工作日内")["working_days"] == 15
    with pytest.raises(ValueError) as raised:
        parse_time_limit("信息形成或变更之日起30个工作日内")
    assert "30" in str(raised.value) and "20" in str(raised.value)


@pytest.mark.parametrize("text, terms", [
    ("定期公开（每年）；每年3月31日前", (3, 31)),
    ("定期公开（每年）；次年1月31日前", (1, 31)),
    ("定期公开（每月）；每月10日前", (1, 10)),
    ("定期公开（每季度）；季后15日内", (1, 15)),
    ("定期公开（每季度）", (None, None)),
    ("长期公开；每月10日前更新", (None, None)),
])
def test_the_import_reads_the_terms_of_periodic_rows(text, terms):
    fields = parse_time_limit(text)
    assert (fields["due_month"], fields["due_day"]) == terms


def test_terms_need_a_periodic_row_and_both_parts(tree):
    row = tree.add_item(tree.county, Domain.GOVERNMENT, "年度报告", slug="annual-report",
                        time_limit_kind="periodic", cadence="yearly", due_month=3, due_day=31)
    row.full_clean()
    row.due_day = None
    with pytest.raises(ValidationError):
        row.full_clean()
    row.time_limit_kind, row.due_day = "standing", 31
    with pytest.raises(ValidationError):
        row.full_clean()


@pytest.mark.parametrize("month, day", [(0, 31), (13, 31), (3, 0), (3, 32)])
def test_terms_out_of_range_are_refused(tree, month, day):
    row = tree.add_item(tree.county, Domain.GOVERNMENT, "年度报告", slug="annual-report",
                        time_limit_kind="periodic", cadence="yearly")
    row.due_month, row.due_day = month, day
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert {"due_month", "due_day"} & set(raised.value.message_dict)
