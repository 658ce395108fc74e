"""Fixtures of the portal tests: the API tests' demo data (built once per module, rolled back after it)
with a real embedded search index of it, and the ``browser`` marker."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.graphql_api import demo as demo_module
from tests.graphql_api.search_support import demo_index


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's /usr/bin/chromium through Playwright (skipped "
                                       "when that browser is missing)")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cache.clear()
        with transaction.atomic():
            data = demo_module.build()
            for number in range(1, 13):  # enough hits for a second page of search results
                data.entries[f"monthly_{number}"] = demo_module.add_entry(
                    data.items["village_accounts"], f"村务财务收支公开第{number}期", f"monthly-{number}")
            yield data
            transaction.set_rollback(True)
        cache.clear()


@pytest.fixture(scope="module")
def index(demo, tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock(), demo_index(tmp_path_factory.mktemp("portal-search")) as backend:
        yield backend


@pytest.fixture
def portal(db, demo, index, client):
    """The test client on the portal, with the demo data and its search index."""
    return client
