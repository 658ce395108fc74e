"""The demo feedback (interaction/demo.py): every state at 东山乡 and its village, overdue ones seen from
December 2026, published, private and rated replies, a masked question; a second run adds nothing."""

import datetime

from cms.models import Role
from interaction import clocks
from interaction.demo import ensure_demo_feedback
from interaction.models import Feedback
from interaction.public import published_feedback
from interaction.workflow import State
from tests.conftest import make_user


def test_demo_feedback(tree):
    for prefix, unit in (("township", tree.township), ("village", tree.village_a)):
        make_user(f"{prefix}_editor", unit.group_for(Role.EDITOR))
        make_user(f"{prefix}_reviewer", unit.group_for(Role.REVIEWER))
    item = tree.add_item(tree.village_a, "village", "集体资产管理")
    tree.add_entry(item, "2026年东山村春耕补贴发放标准")
    units = {"dongshan": tree.township, "dongshan_village": tree.village_a}
    created = ensure_demo_feedback(units)
    assert created == Feedback.objects.count() == 24
    assert ensure_demo_feedback(units) == 0
    village = Feedback.objects.filter(organisation=tree.village_a)
    assert set(village.values_list("state", flat=True)) == set(State.values)
    assert set(village.values_list("target", flat=True)) == {"entry", "row", "unit"}
    assert {"satisfied", "fairly", "dissatisfied"} <= set(village.values_list("satisfaction", flat=True))
    overdue = [f for f in Feedback.objects.all() if clocks.clock(f, datetime.date(2026, 12, 7)).overdue]
    assert len(overdue) >= 2
    assert village.get(idempotency_key__endswith="complex").complex
    published = published_feedback().filter(organisation=tree.village_a)
    assert published.count() == 3
    assert all("330199198001011239" not in f.public_question for f in published)
    assert not village.get(state=State.ANSWERED, keep_private=True).is_published


def test_the_demo_loader_and_the_daily_command_know_feedback(tree):
    from io import StringIO

    from django.core.management import call_command
    from wagtail import hooks

    from interaction.demo import demo_stage

    assert demo_stage in hooks.get_hooks("load_demo_stage")
    out = StringIO()
    call_command("send_feedback_reminders", stdout=out)
    assert "0 reminder(s) sent." in out.getvalue()
