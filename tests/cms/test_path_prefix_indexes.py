"""Subtree queries (``path__startswith``) are answered from an index on SQLite too
(cms/migrations/0016_sqlite_path_prefix_indexes.py), and the index changes no answer."""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.models import Organisation

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has Django's pattern index")


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@sqlite_only
@pytest.mark.parametrize("model, index", [(Page, "cms_page_path_nocase"),
                                          (Organisation, "cms_organisation_path_nocase")])
def test_a_subtree_is_read_through_the_nocase_index(tree, model, index):
    root = model.objects.order_by("path").first()
    found = plan(model.objects.filter(path__startswith=root.path).values("pk"))
    assert f"USING COVERING INDEX {index}" in found or f"USING INDEX {index}" in found, found


def test_subtrees_are_the_same_with_the_index(tree):
    """What a prefix finds equals the nodes whose path starts with it (compared in Python)."""
    for model in (Page, Organisation):
        paths = list(model.objects.values_list("path", flat=True))
        for prefix in {path[:length] for path in paths for length in (4, 8, 12)}:
            found = set(model.objects.filter(path__startswith=prefix).values_list("path", flat=True))
            assert found == {path for path in paths if path.startswith(prefix)}
