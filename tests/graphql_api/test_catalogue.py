import datetime
from typing import NamedTuple

import pytest

from cms.schedule import next_due, period_end
from tests.graphql_api.demo import add_entry


class Row(NamedTuple):
    time_limit_kind: str
    cadence: str
    due_month: int | None = None
    due_day: int | None = None


@pytest.mark.parametrize("row, last, today, due", [
    # 每月10日前: the entry published on 8 September reports on August; September's is due by 10 October
    (Row("periodic", "monthly", 1, 10), datetime.date(2026, 9, 8), None, datetime.date(2026, 10, 10)),
    # annual report by 31 March (governments) and 31 January (departments) of the following year
    (Row("periodic", "yearly", 3, 31), datetime.date(2026, 3, 20), None, datetime.date(2027, 3, 31)),
    (Row("periodic", "yearly", 1, 31), datetime.date(2026, 1, 20), None, datetime.date(2027, 1, 31)),
    # no entry yet: the report on the previous period
    (Row("periodic", "yearly", 3, 31), None, datetime.date(2026, 2, 1), datetime.date(2026, 3, 31)),
    (Row("periodic", "quarterly", 1, 15), None, datetime.date(2026, 11, 22), datetime.date(2026, 10, 15)),
    # the day is at most the month's last: 31 in a 30-day month, 29 in February of a leap year
    (Row("periodic", "monthly", 1, 31), datetime.date(2026, 10, 5), None, datetime.date(2026, 11, 30)),
    (Row("periodic", "yearly", 2, 31), datetime.date(2027, 5, 1), None, datetime.date(2028, 2, 29)),
])
def test_rows_with_terms_are_due_after_the_period_they_report_on(row, last, today, due):
    assert next_due(row, last, today or datetime.date(2026, 11, 1)) == due


@pytest.mark.parametrize("cadence, last, due", [
    ("monthly", datetime.date(2026, 9, 10), datetime.date(2026, 10, 31)),
    ("monthly", datetime.date(2026, 12, 31), datetime.date(2027, 1, 31)),
    ("monthly", datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
    ("quarterly", datetime.date(2026, 9, 10), datetime.date(2026, 12, 31)),
    ("quarterly", datetime.date(2026, 10, 1), datetime.date(2027, 3, 31)),
    ("half_yearly", datetime.date(2026, 3, 1), datetime.date(2026, 12, 31)),
    ("half_yearly", datetime.date(2026, 7, 1), datetime.date(2027, 6, 30)),
    ("yearly", datetime.date(2026, 9, 10), datetime.date(2027, 12, 31)),
])
def test_next_due_is_end_of_following_period(cadence, last, due):
    assert next_due(Row("periodic", cadence), last, datetime.date(2026, 11, 1)) == due


def test_no_entries_yet_means_due_at_end_of_current_period():
    assert next_due(Row("periodic", "quarterly"), None, datetime.date(2026, 11, 22)) == datetime.date(2026, 12, 31)
    assert period_end(datetime.date(2024, 2, 10), "monthly") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize("kind", ["standing", "by_stage", "prompt"])
def test_other_time_limits_have_no_item_due_date(kind):
    assert next_due(Row(kind, ""), datetime.date(2026, 1, 1), datetime.date(2026, 11, 1)) is None


def test_prompt_due_date_is_the_official_calendars(api, demo):
    """条例 §26 on the official calendar: formed 2026-02-10, 20 working days across the Spring Festival
    (15–23 February off, 14 and 28 February worked) → 2026-03-16, not the weekdays-only 2026-03-10."""
    entry = add_entry(demo.items["normative"], "关于春节后复工的通知", "after-spring-festival",
                      information_formed_on=datetime.date(2026, 2, 10))
    data = api.data("query($id: ID!) { disclosure(id: $id) { promptDueOn } }", {"id": entry.pk})
    assert data["disclosure"]["promptDueOn"] == "2026-03-16"


def test_catalogue_rows_carry_every_element(api, demo):
    data = api.data("""query($code: String!) { catalogue(organisationCode: $code, domain: GOVERNMENT) {
        title path organisation { code }
        items { id title fullName level parent { title } code categoryCode contentElements legalBasis
                timeLimit { kind cadence workingDays note noticeMinWorkingDays }
                responsibleDepartment { name } channels audience manner scope disclosureLevel
                lastPublishedOn nextDueOn isOverdue path
                latestEntries(first: 2) { title publishedOn } } } }""", {"code": "330199-000"})
    catalogue = data["catalogue"]
    assert catalogue["organisation"]["code"] == "330199-000"
    items = {item["title"]: item for item in catalogue["items"]}
    budget = items["财政预决算"]
    assert budget["timeLimit"] == {"kind": "PERIODIC", "cadence": "YEARLY", "workingDays": None, "note": "",
                                   "noticeMinWorkingDays": None}
    assert budget["channels"] == ["GOVERNMENT_WEBSITE", "GAZETTE"]
    assert budget["responsibleDepartment"]["name"] == "示范县财政局"
    assert budget["legalBasis"] == "《预算法》第十四条" and budget["level"] == 1
    assert budget["categoryCode"].startswith("ZW")
    assert budget["lastPublishedOn"] == "2026-01-20"
    assert budget["nextDueOn"] == "2027-12-31" and budget["isOverdue"] is False
    assert [e["title"] for e in budget["latestEntries"]] == ["2026年部门预算", "2025年决算"]
    normative = items["规范性文件"]
    assert normative["level"] == 2 and normative["parent"]["title"] == "政策文件"
    assert normative["fullName"] == "政策文件 / 规范性文件"
    assert normative["timeLimit"]["workingDays"] == 20 and normative["nextDueOn"] is None
    assert [row["title"] for row in catalogue["items"]].index("政策文件") < \
        [row["title"] for row in catalogue["items"]].index("规范性文件")


def test_monthly_village_accounts(api, demo):
    data = api.data("""query($id: ID!) { catalogue(organisation: $id, domain: VILLAGE) {
        items { title lastPublishedOn nextDueOn isOverdue } } }""", {"id": demo.units["village"].pk})
    item = data["catalogue"]["items"][0]
    last = datetime.date.fromisoformat(item["lastPublishedOn"])
    assert item["nextDueOn"] == period_end(last, "monthly", 1).isoformat()


def test_unknown_catalogues(api, demo):
    assert api.data('{ catalogue(organisationCode: "999-999", domain: PARTY) { title } }')["catalogue"] is None
    data = api.data("query($id: ID!) { catalogue(organisation: $id, domain: VILLAGE) { title } }",
                    {"id": demo.units["county"].pk})
    assert data["catalogue"] is None


def test_organisation_tree(api, demo):
    data = api.data("""{ organisations(rootsOnly: true) { code name level domains
        children { code level children { code } } } }""")
    county = data["organisations"][0]
    assert county["code"] == "330199-000" and county["level"] == "COUNTY"
    assert county["domains"] == ["PARTY", "GOVERNMENT"]
    assert {child["code"] for child in county["children"]} == {"330199-101", "330199-002"}
    township = next(child for child in county["children"] if child["code"] == "330199-101")
    assert township["children"] == [{"code": "330199-10101"}]

    by_level = api.data("{ organisations(level: VILLAGE) { code } }")["organisations"]
    assert by_level == [{"code": "330199-10101"}]
    party = api.data("{ organisations(domain: PARTY) { code } }")["organisations"]
    assert {org["code"] for org in party} == {"330199-000", "330199-101", "330199-10101"}
    below = api.data('{ organisations(parentCode: "330199-000", subtree: true) { code parent { code } } }')
    assert len(below["organisations"]) == 3
    one = api.data('{ organisation(code: "330199-101") { name office parent { name } } }')["organisation"]
    assert one["parent"]["name"] == "示范县人民政府"
    assert api.data('{ organisation(id: "999999") { name } }')["organisation"] is None


def test_choices_are_translated(api):
    data = api.data("{ choices(vocabulary: DISCLOSURE_ATTRIBUTE) { value label } }", HTTP_ACCEPT_LANGUAGE="en")
    assert {"value": "PROACTIVE", "label": "Proactive disclosure"} in data["choices"]
