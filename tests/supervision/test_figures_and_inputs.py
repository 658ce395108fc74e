"""Figures through the hooks (applications' reply times), the content checks' SQL queries not growing with the
entries, and the admin pages' query parameters fuzzed: never a server error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervision.checks import run_checks
from supervision.figures import all_figures
from supervision.timeliness import subtree
from tests.applications.conftest import new_application, walk

from .conftest import D

pytestmark = pytest.mark.django_db


def test_applications_reply_times_reach_the_figures(tree, rows):
    application = new_application(tree.township, received_on=D(2026, 9, 24))
    handler = tree.users["admin"]
    walk(application, handler, ("register", D(2026, 9, 24)), ("start", D(2026, 9, 25)),
         ("reply", D(2026, 10, 12), {"outcome": "disclosed"}))
    figures = all_figures(subtree(tree.township), D(2026, 7, 1), D(2026, 12, 31), today=D(2026, 11, 2))
    value, evidence = figures["application_reply_days"]["values"][tree.township.pk]
    # Received Thursday 24 September; replied Monday 12 October: 28, 29, 30 September, 8, 9, 10 (Saturday) and
    # 12 October — the Mid-Autumn and National Day holidays not counted.
    assert value == 7.0 and "7" in evidence
    assert figures["application_on_time"]["values"][tree.township.pk][0] == 100.0
    assert tree.village_a.pk not in figures["application_reply_days"]["values"]


def _check_queries():
    with CaptureQueriesContext(connection) as captured:
        run_checks(today=D(2026, 11, 2), external=False)
    return len(captured.captured_queries)


def test_content_checks_do_not_query_per_entry(tree, rows):
    body = [("rich_text", '<p><a linktype="page" id="999999">旧链接</a></p>')]
    tree.add_entry(rows.monthly, "一条", body=body)
    run_checks(today=D(2026, 11, 2), external=False)
    small = _check_queries()
    for n in range(8):
        tree.add_entry(rows.monthly, f"第{n}条", body=body)
        tree.add_item(tree.village_b, "village", f"村务{n}", time_limit_kind="periodic", cadence="monthly",
                      slug=f"q-{n}")
    run_checks(today=D(2026, 11, 2), external=False)  # the new findings are created once
    large = _check_queries()
    assert large == small


@pytest.mark.parametrize("name", ["supervision:index", "supervision:findings", "supervision:assessment",
                                  "supervision:circulars"])
def test_admin_parameters_fuzzed(client, tree, supervisor, name):
    client.force_login(supervisor)
    url = reverse(name)
    text = st.text(max_size=12) | st.sampled_from(["", "0", "-1", "99999999999999999999", "2026", "xlsx", "open"])

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(unit=text, year=text, kind=text, status=text)
    def fuzz(unit, year, kind, status):
        params = {"unit": unit, "year": year, "kind": kind, "status": status}
        params = {k: v.replace("\x00", "") for k, v in params.items()}
        response = client.get(url, params)
        assert response.status_code == 200

    fuzz()
