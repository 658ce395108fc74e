"""A township with rows of every time limit and two villages; dates are set on the rows, as the engine reads
them, so that each rule is tested on fixed days of 2026 (Spring Festival, National Day)."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from cms.models import CatalogueItemPage, DisclosurePage
from supervision.permissions import SUPERVISORS_GROUP
from tests.conftest import make_user

D = datetime.date


@dataclass
class Rows:
    monthly: CatalogueItemPage
    prompt: CatalogueItemPage
    standing: CatalogueItemPage
    policy: CatalogueItemPage
    village_quarterly: CatalogueItemPage
    village_b_quarterly: CatalogueItemPage


@pytest.fixture
def rows(tree) -> Rows:
    return Rows(
        monthly=tree.add_item(tree.township, "government", "财政收支月报", time_limit_kind="periodic",
                              cadence="monthly", slug="monthly"),
        prompt=tree.add_item(tree.township, "government", "突发事件处置", time_limit_kind="prompt", working_days=20,
                             slug="prompt"),
        standing=tree.add_item(tree.township, "government", "机构职能", time_limit_kind="standing", slug="standing"),
        policy=tree.add_item(tree.township, "government", "政策文件", time_limit_kind="prompt", working_days=20,
                             requires_interpretation=True, slug="policy"),
        village_quarterly=tree.add_item(tree.village_a, "village", "村务收支", time_limit_kind="periodic",
                                        cadence="quarterly", slug="village-quarterly"),
        village_b_quarterly=tree.add_item(tree.village_b, "village", "西河村务收支", time_limit_kind="periodic",
                                          cadence="quarterly", slug="village-b-quarterly"),
    )


def published(tree, row, title, on: datetime.date, **fields) -> DisclosurePage:
    """A live entry of ``row`` first published on ``on``."""
    entry = tree.add_entry(row, title, **fields)
    at = datetime.datetime.combine(on, datetime.time(10), tzinfo=datetime.timezone.utc)
    DisclosurePage.objects.filter(pk=entry.pk).update(first_published_on=on, first_published_at=at,
                                                      last_published_at=at)
    entry.refresh_from_db()
    return entry


def rows_published_on(*rows, on: datetime.date):
    at = datetime.datetime.combine(on, datetime.time(10), tzinfo=datetime.timezone.utc)
    CatalogueItemPage.objects.filter(pk__in=[row.pk for row in rows]).update(first_published_at=at,
                                                                              last_published_at=at)


@pytest.fixture
def supervisor(db):
    return make_user("county_supervisor", Group.objects.get(name=SUPERVISORS_GROUP))
