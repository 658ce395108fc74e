"""E-mail reminders to the unit's handlers: overdue and due-soon applications, nothing for others."""

import datetime

from django.core import mail

from applications.reminders import send_reminders

from .conftest import new_application, walk

D = datetime.date


def test_handlers_get_overdue_and_due_soon_applications(office):
    handler = office.users["a_handler"]
    handler.email = "handler@example.invalid"
    handler.save()
    office.users["b_handler"].email = "b@example.invalid"
    office.users["b_handler"].save()
    new_application(office.village_a, received_on=D(2026, 9, 24), information_title="已逾期的申请")   # due 10-29
    new_application(office.village_a, received_on=D(2026, 10, 8), information_title="快到期的申请")   # due 11-05
    new_application(office.village_a, received_on=D(2026, 10, 30), information_title="不急的申请")
    walk(new_application(office.village_a, received_on=D(2026, 9, 24), information_title="已答复的申请"), handler,
         ("register", D(2026, 9, 24)), ("reply", D(2026, 9, 25), {"outcome": "disclosed"}))
    assert send_reminders(today=D(2026, 11, 2)) == 1
    message = mail.outbox[0]
    assert message.to == ["handler@example.invalid"] and "东山村村民委员会" in message.subject
    assert "已逾期的申请" in message.body and "快到期的申请" in message.body
    assert "不急的申请" not in message.body and "已答复的申请" not in message.body
    assert "Overdue by 2 working days" in message.body
