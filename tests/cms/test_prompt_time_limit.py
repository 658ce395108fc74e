"""条例 §26 (docs/catalogue.md): a 及时公开 row may shorten the 20 working days, never lengthen them —
in the row's form (model validation) and in a catalogue import."""

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
