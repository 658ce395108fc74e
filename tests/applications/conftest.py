"""Applications at a village and its township, with handlers (the new group) beside the unit's roles."""

import datetime

import pytest

from applications import services
from applications.models import Application
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The status check counts per address in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(tree):
    """The tree's users plus the application handlers of both villages and the township."""
    for prefix, unit in (("a", tree.village_a), ("b", tree.village_b), ("t", tree.township)):
        tree.users[f"{prefix}_handler"] = make_user(f"{prefix}_handler", unit.application_office.handlers)
    return tree


def new_application(organisation, received_on=datetime.date(2026, 9, 24), channel="in_person", user=None,
                    **fields) -> Application:
    date_field = {"in_person": "submitted_on", "post": "signed_for_on"}.get(channel, "confirmed_on")
    values = {"applicant_type": "natural_person", "applicant_name": "张三", "phone": "13800001234",
              "information_title": "2026年城关镇低保资金发放情况", date_field: received_on, **fields}
    return services.register(Application(organisation=organisation, channel=channel, **values), user)


def walk(application, user, *steps):
    """Take transitions in turn: each step is (name, date) or (name, date, {data}) or with a comment."""
    for step in steps:
        name, on, data = step[0], step[1], (step[2] if len(step) > 2 else {})
        application = services.perform(application, name, user, comment=data.pop("comment", "依规办理"), on=on,
                                       **data)
    return application


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's /usr/bin/chromium through Playwright (skipped "
                                       "when that browser is missing)")
