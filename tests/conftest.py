"""Shared fixtures: a small organisation tree with one account per role."""

import os
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from cms.models import CatalogueItemPage, CataloguePage, DisclosurePage, Organisation, Role
from cms.units import create_organisation

from .db_snapshot import Snapshot

ORGANISATIONS = ("county", "township", "village_a", "village_b")


@dataclass
class Tree:
    county: Organisation
    township: Organisation
    village_a: Organisation
    village_b: Organisation
    users: dict = field(default_factory=dict)

    def catalogue(self, organisation: Organisation, domain: str) -> CataloguePage:
        return CataloguePage.objects.get(organisation=organisation, domain=domain)

    def add_item(self, organisation, domain, title, **fields) -> CatalogueItemPage:
        catalogue = self.catalogue(organisation, domain)
        slug = fields.pop("slug", f"item-{CatalogueItemPage.objects.count() + 1}")
        item = catalogue.add_child(instance=CatalogueItemPage(title=title, slug=slug, **fields))
        item.save_revision().publish()
        return item

    def add_entry(self, item, title, publish=True, **fields) -> DisclosurePage:
        slug = fields.pop("slug", f"entry-{DisclosurePage.objects.count() + 1}")
        entry = item.add_child(instance=DisclosurePage(title=title, slug=slug, live=False, **fields))
        revision = entry.save_revision()
        if publish:
            revision.publish()
            entry.refresh_from_db()
        return entry


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.invalid", "pw")
    user = User.objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(*groups)
    return user


def build_tree() -> Tree:
    """The real build: four units with their groups, catalogues and workflows, one account per role."""
    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True)
    township = create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township",
                                   region_code="330199", department_code="101", publishes_party=True,
                                   publishes_government=True)
    village_a = create_organisation(township, name="东山村村民委员会", short_name="东山村", level="village",
                                    region_code="330199", department_code="10101", publishes_party=True,
                                    publishes_village=True)
    village_b = create_organisation(township, name="西河村村民委员会", short_name="西河村", level="village",
                                    region_code="330199", department_code="10102", publishes_party=True,
                                    publishes_village=True)
    result = Tree(county, township, village_a, village_b)
    for role in Role.values:
        result.users[f"a_{role}"] = make_user(f"a_{role}", village_a.group_for(role))
        result.users[f"b_{role}"] = make_user(f"b_{role}", village_b.group_for(role))
        result.users[f"t_{role}"] = make_user(f"t_{role}", township.group_for(role))
    result.users["admin"] = make_user("admin", superuser=True)
    return result


@pytest.fixture(scope="session")
def tree_snapshot(django_db_setup, django_db_blocker):
    """The real build of the tree, once per session and before any test's own fixtures (patched dates,
    languages…), read as rows and rolled back (tests/db_snapshot.py), with the day and language it was
    built in and the keys of its units and accounts."""
    if os.environ.get("TREE_SNAPSHOT") == "0":  # the real build every time (to compare timings)
        return None
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            result, snapshot = Snapshot.take(build_tree)
            pks = {name: getattr(result, name).pk for name in ORGANISATIONS}
            pks["users"] = {key: user.pk for key, user in result.users.items()}
            transaction.set_rollback(True)
    except Exception:  # noqa: BLE001 - e.g. a database a transactional test flushed: each test builds its own
        return None
    return snapshot, pks, (timezone.localdate(), translation.get_language())


@pytest.fixture
def tree(db, tree_snapshot) -> Tree:
    """The tree of ``build_tree``, replayed from the session's snapshot inside the test's transaction, so
    every test still gets a fresh tree of its own. A transactional test, a database not as the build found
    it, or another day or language than the build's (a test that patches today's date) gets the real build."""
    if tree_snapshot is None or tree_snapshot[2] != (timezone.localdate(), translation.get_language()) \
            or not tree_snapshot[0].applies():
        return build_tree()
    snapshot, pks, _context = tree_snapshot
    snapshot.replay()
    organisations = Organisation.objects.in_bulk([pks[name] for name in ORGANISATIONS])
    result = Tree(*(organisations[pks[name]] for name in ORGANISATIONS))
    users = get_user_model().objects.in_bulk(pks["users"].values())
    result.users = {key: users[pk] for key, pk in pks["users"].items()}
    return result


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Test rollbacks send no signals: start every test with the working-day cache empty."""
    from cms.workdays.service import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _fresh_kept_rows():
    """Test rollbacks send no signals: start every test without the API's kept rows and units."""
    from graphql_api.core.kept import start_new_generation

    start_new_generation()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests flush the database (migration data included): run them after every other
    test, including tests that reach the database only through module-scoped fixtures."""

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
            return True
        return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))

    items.sort(key=transactional)
