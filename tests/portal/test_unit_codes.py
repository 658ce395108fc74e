"""Units whose region code is a township's (9 digits) or a village's (12 digits), as 统计用区划代码 give
them and the full demo (manage.py load_demo) uses: their portal pages answered 404 while the portal took
6 digits only — found by the load test (bench/load.py), whose crawl followed the unit list's links."""

import pytest

from cms.units import create_organisation
from portal.views import UNIT_CODE, split_page_path


@pytest.mark.parametrize("code", ["330199-000", "330199100-000", "330199100201-000", "330199-00A"])
def test_county_township_and_village_codes_are_unit_codes(code):
    assert UNIT_CODE.match(code)


@pytest.mark.parametrize("code", ["3301991-000", "33019910-000", "3301991002010-000", "budget-2026", "330199-"])
def test_other_segments_are_not(code):
    assert not UNIT_CODE.match(code)


def test_page_path_of_a_village_entry():
    path = "/330199-000/330199100-000/330199100201-000/village/村级财务/财务收支情况/accounts-2025-01/"
    assert split_page_path(path) == ("330199100201-000", "VILLAGE", ["村级财务", "财务收支情况", "accounts-2025-01"])


def test_township_and_village_pages_answer(portal, demo):
    township = create_organisation(demo.units["county"], name="东山乡人民政府", short_name="东山乡", level="township",
                                   region_code="330199100", department_code="000", publishes_government=True)
    village = create_organisation(township, name="东山村村民委员会", short_name="东山村", level="village",
                                  region_code="330199100201", department_code="000", publishes_village=True)
    units = portal.get("/units/").content.decode()
    assert 'href="/units/330199100-000/"' in units and 'href="/units/330199100201-000/"' in units
    for path in ("/units/330199100-000/", "/units/330199100-000/government/", "/units/330199100201-000/",
                 "/units/330199100201-000/village/", "/units/330199100201-000/board/",
                 "/units/330199100201-000/feed.xml", "/feedback/units/330199100201-000/", village.page.url):
        assert portal.get(path).status_code == 200, path
