"""The time limit's note carries a row's calendar-day notice minimum and its 政策解读三同步 requirement
through catalogue import and export (docs/catalogue.md)."""

import pytest

from cms.catalogue_io import catalogue_rows, export_catalogue, import_catalogue
from cms.catalogue_io.vocabulary import parse_time_limit
from cms.models import Domain

from .test_catalogue_io import csv_file, items

ROWS = [
    ["1", "村务管理", "", "村级事务", "《村民委员会组织法》", "长期公开", "村委会", "村务公开栏", "全社会", "主动", "村级"],
    ["1.1", "村务管理", "低保评议", "评议结果", "《社会救助暂行办法》", "及时公开；公示期不少于7日", "村委会",
     "村务公开栏", "全社会", "主动", "村级"],
    ["1.2", "村务管理", "惠农政策", "政策文件及解读", "《中华人民共和国政府信息公开条例》",
     "及时公开；政策解读三同步；批准后5日内", "村委会", "村务公开栏", "全社会", "主动", "村级"],
]


@pytest.mark.parametrize("cell,expected", [
    ("及时公开；公示期不少于7日", (7, None, False, "")),
    ("及时公开；公示期不少于15天", (15, None, False, "")),
    ("及时公开；公示期不少于7个自然日", (7, None, False, "")),
    ("及时公开；公示期不少于5个工作日", (None, 5, False, "")),
    ("及时公开；解读材料同步公开", (None, None, True, "")),
    ("及时公开；三同步；批准后5日内", (None, None, True, "批准后5日内")),
    ("及时公开；公示期不少于5个工作日；公示期不少于7日；政策解读三同步", (7, 5, True, "")),
])
def test_the_note_is_read(cell, expected):
    fields = parse_time_limit(cell)
    assert (fields["notice_min_days"], fields["notice_min_working_days"], fields["requires_interpretation"],
            fields["time_limit_note"]) == expected


def test_a_calendar_notice_out_of_range_is_refused():
    with pytest.raises(ValueError, match="367"):
        parse_time_limit("及时公开；公示期不少于367日")


def test_round_trip_keeps_the_calendar_minimum_and_the_interpretation(tree):
    village = tree.catalogue(tree.village_a, Domain.VILLAGE)
    import_catalogue(village, csv_file(ROWS))
    review = items(village).get(title="低保评议").specific
    policy = items(village).get(title="惠农政策").specific
    assert (review.notice_min_days, review.notice_min_working_days, review.requires_interpretation) == (7, None, False)
    assert (policy.requires_interpretation, policy.time_limit_note) == (True, "批准后5日内")
    exported = export_catalogue(village, "csv")
    other = tree.catalogue(tree.village_b, Domain.VILLAGE)
    import_catalogue(other, exported)
    assert catalogue_rows(other) == catalogue_rows(village)
    assert items(other).get(title="低保评议").specific.notice_min_days == 7
    assert items(other).get(title="惠农政策").specific.requires_interpretation
    assert "公示期不少于7日" in exported.decode("utf-8-sig") and "政策解读三同步" in exported.decode("utf-8-sig")
    # A file without the marker clears it: the file is the catalogue.
    again = import_catalogue(village, csv_file([ROWS[0], ROWS[1], ROWS[2][:5] + ["及时公开"] + ROWS[2][6:]]))
    assert again.updated and not items(village).get(title="惠农政策").specific.requires_interpretation
