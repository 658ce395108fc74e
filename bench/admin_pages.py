"""Admin pages at real size: server time and SQL queries of the pages editors and reviewers open most.

    .venv/bin/python bench/admin_pages.py [--entries 300] [--requests 25]

Runs on the README's default set-up (SQLite, embedded search) in a fresh temporary directory: a county, a
township and a village with their groups and one account per role (郭勇 editor, 王芳 reviewer, 李强 secrecy
reviewer, 赵敏 村务监督委员会, 陈静 approver), and one catalogue row of the village holding ``--entries``
entries (a text and a financial table each): most published, some waiting at each step of the procedure,
some sent back, some drafts. Each page is requested with Django's test Client through the whole stack
(session, middleware, Wagtail's admin views and hooks, templates) as the account named, ``--requests`` times
after three warm-up requests; pages take turns request by request so that a change of load on a shared
machine weighs on all alike. SQL queries are counted once per page, apart from the timing (counting turns
on Django's debug cursor). Goal (issue 11): every admin page ≤ 300 ms server time.
"""

import argparse
import datetime
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import fresh_django, interleaved, report

GOAL_MS = 300.0
NAMES = {"editor": ("郭", "勇"), "reviewer": ("王", "芳"), "secrecy_reviewer": ("李", "强"),
         "supervisor": ("赵", "敏"), "approver": ("陈", "静")}
TOPICS = ["村级财务收支", "道路修缮工程", "低保资金发放", "集体资产租赁", "耕地地力保护补贴", "村民代表会议决议"]
# How many of the entries wait at each step (the rest are published).
WAITING = {"review": 12, "secrecy": 8, "supervision": 6, "approval": 6, "returned": 6, "draft": 6}
# Published entries made one by one after those; any further ones are bulk copies (fast at 100k).
BULK_AFTER = 50


def percentiles(values: list[float]) -> dict:
    from bench.search_bench import percentile

    return {"p50": round(percentile(values, 50), 1), "p95": round(percentile(values, 95), 1),
            "max": round(max(values), 1), "n": len(values)}


def build(entries: int) -> dict:
    """The village, its accounts and one catalogue row with ``entries`` entries in every state."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Site
    from wagtail.users.models import UserProfile

    from cms.models import (
        CatalogueItemPage,
        CataloguePage,
        DisclosurePage,
        Domain,
        Role,
    )
    from cms.models.organisations import VillageRole
    from cms.units import create_organisation, platform_name
    from tests.moderation.conftest import DISCLOSE, act, submit, table_block, text_block

    call_command("migrate", verbosity=0)
    Site.objects.update(site_name=platform_name())
    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True)
    township = create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township",
                                   region_code="330199", department_code="101", publishes_party=True,
                                   publishes_government=True)
    village = create_organisation(township, name="东山村村民委员会", short_name="东山村", level="village",
                                  region_code="330199", department_code="10101", publishes_party=True,
                                  publishes_village=True)
    User = get_user_model()
    users = {}
    for role in [*Role.values, VillageRole.SUPERVISOR]:
        family, given = NAMES[role]
        user = User.objects.create_user(f"a_{role}", f"a_{role}@example.invalid", "pw", last_name=family,
                                        first_name=given)
        user.groups.add(village.group_for(role))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
        users[role] = user

    catalogue = CataloguePage.objects.get(organisation=village, domain=Domain.VILLAGE)
    item = catalogue.add_child(instance=CatalogueItemPage(title="村级财务", slug="finance"))
    item.save_revision().publish()
    states = [state for state, count in WAITING.items() for _ in range(count)]
    states += ["published"] * max(0, entries - len(states))
    editor = users["editor"]
    by_state = {}
    normal = states[:min(entries, len(states) + BULK_AFTER)]
    for number, state in enumerate(normal):
        topic = TOPICS[number % len(TOPICS)]
        entry = item.add_child(instance=DisclosurePage(
            title=f"2026年东山村{topic}公开（第{number + 1}期）", slug=f"entry-{number + 1}", live=False,
            owner=editor, summary=f"东山村{topic}情况，2026年{number % 12 + 1}月。",
            body=[text_block(f"<p>现将{topic}情况公布如下，第{number + 1}期。</p>"), table_block("1号")]))
        revision = entry.save_revision(user=editor)
        if state == "published":
            revision.publish(user=users["approver"])
        elif state != "draft":
            entry = DisclosurePage.objects.get(pk=entry.pk)
            submit(entry, editor)
            if state == "returned":
                act(entry, users["reviewer"], "reject", comment="请补充收支凭证编号。")
            if state in ("secrecy", "supervision", "approval"):
                act(entry, users["reviewer"], "approve", comment="")
            if state in ("supervision", "approval"):
                act(entry, users["secrecy_reviewer"], "review", **DISCLOSE)
            if state == "approval":
                act(entry, users["supervisor"], "approve", comment="")
        by_state.setdefault(state, entry.pk)
    if entries > len(normal):  # the rest in bulk: copies of a published one (cms/bulk.py, tests/cms/test_bulk.py)
        from cms.bulk import EntryCloner, NewEntry

        cloner = EntryCloner(DisclosurePage.objects.get(pk=by_state["published"]))
        for start in range(len(normal), entries, 2000):
            numbers = range(start, min(entries, start + 2000))
            cloner.clone([NewEntry(title=f"2026年东山村{TOPICS[n % len(TOPICS)]}公开（第{n + 1}期）",
                                   published_on=datetime.date(2016 + n % 11, n % 12 + 1, n % 28 + 1),
                                   summary=f"东山村{TOPICS[n % len(TOPICS)]}情况。") for n in numbers],
                         [f"entry-{n + 1}" for n in numbers])
            print(f"  {min(entries, start + 2000)} entries", file=sys.stderr, flush=True)
    return {"users": users, "item": item.pk, "entries": by_state}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=300, help="entries under the catalogue row")
    parser.add_argument("--requests", type=int, default=25, help="timed requests per page")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: bench/results/admin-pages-<date>.json)")
    args = parser.parse_args()

    workdir = fresh_django("admin-bench-")
    try:
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench.search_bench import machine
        from bench.harness import git_commit

        settings.DEBUG = False  # no SQL logging, as in production
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # Wagtail's notices, unprinted
        started = time.perf_counter()
        built = build(args.entries)
        results = {"date": datetime.date.today().isoformat(), "commit": git_commit(), "machine": machine(),
                   "database": "SQLite", "entries_in_row": args.entries, "requests": args.requests,
                   "build_seconds": round(time.perf_counter() - started, 1),
                   "load_average_at_start": round(os.getloadavg()[0], 2), "goal_ms": GOAL_MS}
        clients = {}
        for role, user in built["users"].items():
            clients[role] = Client(HTTP_HOST="localhost")
            clients[role].force_login(user)
        item, entries = built["item"], built["entries"]
        pages = {f"dashboard ({role})": (role, "/admin/") for role in built["users"]}
        pages.update({
            f"explorer of the row, {args.entries} entries (editor)": ("editor", f"/admin/pages/{item}/"),
            f"explorer of the row, {args.entries} entries (approver)": ("approver", f"/admin/pages/{item}/"),
            "new entry form (editor)": ("editor", f"/admin/pages/add/cms/disclosurepage/{item}/"),
            "edit form, entry sent back (editor)": ("editor", f"/admin/pages/{entries['returned']}/edit/"),
            "edit form, entry at 审核 (reviewer)": ("reviewer", f"/admin/pages/{entries['review']}/edit/"),
            "edit form, published entry (approver)": ("approver", f"/admin/pages/{entries['published']}/edit/"),
            "moderation queue: workflow tasks report (reviewer)": ("reviewer", "/admin/reports/workflow_tasks/"),
            "moderation queue: workflows report (approver)": ("approver", "/admin/reports/workflow/"),
            "personal-data findings (editor)": ("editor", f"/admin/moderation/entries/{entries['returned']}/personal-data/"),
        })

        def request(name):
            role, path = pages[name]
            response = clients[role].get(path)
            assert response.status_code == 200, (name, path, response.status_code)

        queries = {}
        for name in pages:
            for _ in range(3):  # warm up: templates, caches, the first session read
                request(name)
            with CaptureQueriesContext(connection) as captured:
                request(name)
            queries[name] = len(captured.captured_queries)
        names = list(pages)
        times = dict(zip(names, interleaved([lambda _n, name=name: request(name) for name in names],
                                            args.requests)))
        figures = {}
        for name in pages:
            figures[name] = {"path": pages[name][1], "ms": percentiles(times[name]), "sql_queries": queries[name],
                             "goal_met": percentiles(times[name])["p95"] <= GOAL_MS}
            row = figures[name]
            print(f"{name}: p50 {row['ms']['p50']} ms, p95 {row['ms']['p95']} ms, {row['sql_queries']} SQL",
                  file=sys.stderr)
        results.update(pages=figures, all_goals_met=all(row["goal_met"] for row in figures.values()),
                       load_average_at_end=round(os.getloadavg()[0], 2),
                       total_seconds=round(time.perf_counter() - started, 1))
        target = args.json or ROOT / "bench" / "results" / f"admin-pages-{results['date']}.json"
        report(results, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
