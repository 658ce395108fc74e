"""Catalogue rows with time limits and notice periods, and helpers to publish at a given moment."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BEIJING)


@pytest.fixture
def clock(monkeypatch):
    """Set Django's clock: clock(moment) makes timezone.now() return that moment."""

    def set_now(moment: datetime.datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_now


@pytest.fixture
def rows(tree):
    """Rows of village A: prompt (20 and 1 working days), notices with and without a minimum, and a
    plain public row."""
    add = tree.add_item
    return {
        "prompt": add(tree.village_a, "village", "重大事项", slug="prompt", time_limit_kind="prompt"),
        "prompt_1": add(tree.village_a, "village", "紧急事项", slug="prompt-1", time_limit_kind="prompt",
                        working_days=1),
        "appointment": add(tree.village_a, "party", "干部任前公示", slug="appointment", time_limit_kind="prompt",
                           notice_min_working_days=5),
        "allowance": add(tree.village_a, "village", "低保公示", slug="allowance", time_limit_kind="prompt",
                         notice_min_working_days=7),
        "notices": add(tree.village_a, "village", "公示公告", slug="notices", time_limit_kind="prompt"),
        "public": add(tree.village_a, "village", "村务工作", slug="public"),
        "party_unit": add(tree.village_a, "party", "组织生活", slug="party-unit", scope="unit_members"),
    }


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the source language), whatever translations ship."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_admin(tree):
    """Every account of the tree uses the admin in English."""
    for user in tree.users.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    return tree
