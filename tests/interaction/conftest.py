"""Shared fixtures of the interaction tests (留言 feedback, 征求意见 consultations): kept generic on purpose."""

import datetime

import pytest
from django.test import RequestFactory

from portal.client import _execute_in_process, document


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per address in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def run_operation(file_name, operation, variables, address="203.0.113.7"):
    """Run a committed operation the way the portal does (in-process, as an anonymous reader, in Chinese)."""
    from django.utils import translation

    request = RequestFactory().post("/", REMOTE_ADDR=address)
    with translation.override("zh-hans"):
        return _execute_in_process(request, document(file_name), variables, operation)


@pytest.fixture
def fixed_today(monkeypatch):
    """``fixed_today(date)`` makes ``timezone.localdate()`` answer that date; returns it."""
    from django.utils import timezone

    def fix(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return fix
