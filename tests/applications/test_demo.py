"""The demo applications (applications/demo.py): every state at two units, overdue ones, one awaiting 补正,
one extended, one with a third party, replies with several outcomes and fees; table 三 balances; a second
run adds nothing."""

import datetime

from applications import clocks
from applications.annual_report import table_three
from applications.demo import ensure_demo_applications
from applications.models import Application
from applications.workflow import State


def test_demo_applications(office):
    units = {"dongshan": office.township, "civil_affairs": office.county}
    created = ensure_demo_applications(units, "demo-password-2026")
    assert created == Application.objects.count() > 15
    assert ensure_demo_applications(units, "demo-password-2026") == 0
    township = Application.objects.filter(organisation=office.township)
    assert set(township.values_list("state", flat=True)) == set(State.values)
    assert Application.objects.filter(organisation=office.county).exists()
    today = datetime.date(2026, 12, 7)
    overdue = [a for a in Application.objects.all() if clocks.clock(a, today).overdue]
    assert len(overdue) >= 2
    assert township.get(state=State.EXTENDED).extension_days == 20
    assert township.filter(state=State.THIRD_PARTY).count() == 1
    assert township.get(state=State.COMPLETION_REQUESTED).completion_due_on == datetime.date(2026, 12, 11)
    outcomes = set(Application.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert {"disclosed", "partly_disclosed", "withheld_6", "not_processed_3", "unavailable_1", "unavailable_2",
            "other_1", "other_3"} <= outcomes
    fees = sorted(Application.objects.filter(fee_amount__gt=0).values_list("fee_amount", flat=True))
    assert fees == [150, 1100]
    for unit in units.values():
        table_three(unit, 2026).check()
