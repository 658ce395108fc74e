"""Person lists of notices: structure, month of birth, search text."""

import json
from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from blocks import PersonListBlock, YearMonthBlock, iter_block_errors

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def english_and_today():
    with translation.override("en"), mock.patch("blocks.people.timezone.localdate", return_value=TODAY):
        yield


@pytest.fixture
def block():
    return PersonListBlock()


def person(**changes):
    return {"name": "张三", "gender": "male", "birth_month": "1985-03", "education": "大学/法学学士",
            "current_post": "某镇党委委员", "proposed_post": "某镇党委副书记", **changes}


def notice(*people):
    return {"title": "2026年第3批拟提拔任用干部任前公示", "explanation": "公示期为5个工作日。",
            "people": list(people) or [person()]}


def test_valid_list_is_accepted(block):
    value = block.clean(block.to_python(notice(person(), person(name="李四", gender="female",
                                                                birth_month="1990.7"))))
    assert value.names() == ["张三", "李四"]
    assert value["people"][1]["birth_month"] == "1990-07"
    assert value["people"][1].birth_year == 1990
    assert value["people"][0].age_on(TODAY) == 41
    assert value["people"][1].gender_label == "female"


@pytest.mark.parametrize(("typed", "stored"), [
    ("1985-03", "1985-03"), ("1985-3", "1985-03"), ("1985.03", "1985-03"), ("1985/3", "1985-03"),
    ("1985年3月", "1985-03"), ("１９８５－０３", "1985-03"),
])
def test_month_of_birth_formats(typed, stored):
    assert YearMonthBlock().clean(typed) == stored


@pytest.mark.parametrize("typed", ["1985", "85-03", "1985-13", "1985-00", "1985-03-02", "March 1985"])
def test_bad_month_of_birth_is_refused(block, typed):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(notice(person(birth_month=typed))))
    assert list(iter_block_errors(excinfo.value)) == [
        (("people", 0, "birth_month"), "Enter a year and month as YYYY-MM, for example 1985-03."),
    ]


@pytest.mark.parametrize(("typed", "age"), [("2010-01", 16), ("1900-01", 126), ("2027-01", -1)])
def test_implausible_month_of_birth_is_refused(block, typed, age):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(notice(person(birth_month=typed))))
    [(path, message)] = iter_block_errors(excinfo.value)
    assert path == ("people", 0, "birth_month")
    assert message == f"{typed} gives an age of {age}; a month of birth must give an age from 18 to 100."


def test_age_limits_are_inclusive():
    assert YearMonthBlock().clean("2008-06") == "2008-06"  # 18 this month
    assert YearMonthBlock().clean("1926-06") == "1926-06"  # 100 this month


def test_gender_must_be_a_choice(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(notice(person(gender="unknown"))))
    assert [path for path, _ in iter_block_errors(excinfo.value)] == [("people", 0, "gender")]


def test_required_fields(block):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(notice(person(name="", birth_month="", current_post=""))))
    assert {path for path, _ in iter_block_errors(excinfo.value)} == {
        ("people", 0, "name"), ("people", 0, "birth_month"), ("people", 0, "current_post"),
    }
    assert block.clean(block.to_python(notice(person(education="", proposed_post=""))))


def test_a_list_needs_people(block):
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "公示", "explanation": "", "people": []}))


def test_round_trip(block):
    value = block.clean(block.to_python(notice(person(), person(name="李四"))))
    prep = json.loads(json.dumps(block.get_prep_value(value), cls=DjangoJSONEncoder))
    again = block.to_python(prep)
    assert block.get_prep_value(again) == block.get_prep_value(value)
    assert again.names() == ["张三", "李四"]


def test_searchable_content_has_names_and_posts_not_birth_or_gender(block):
    value = block.clean(block.to_python(notice(person(), person(name="李四"))))
    content = block.get_searchable_content(value)
    for text in ("2026年第3批拟提拔任用干部任前公示", "公示期为5个工作日。", "张三", "李四", "某镇党委副书记"):
        assert text in content
    assert "1985-03" not in content
    assert "male" not in content
