"""The statutory clocks on the official calendar (docs/applications.md §3): 20 working days from receipt,
补正 once within 7 and the restart, third-party time not counted, one extension of at most 20; across
Spring Festival and National Day 2026, and no guess for 2027."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications import clocks, services
from applications.workflow import State
from cms.workdays.models import CalendarYear

from .conftest import new_application, walk

D = datetime.date


def test_due_twenty_working_days_across_spring_festival(office):
    # 2026-02-15…23 off, Saturdays 14 and 28 February worked: 11,12,13,14 | 24…28 | 2…6 Mar | 9…13 | 16.
    application = new_application(office.village_a, received_on=D(2026, 2, 10))
    assert application.due_on == D(2026, 3, 16)


def test_due_across_national_day(office):
    # 2026-09-25 and 1…7 October off, Saturday 10 October worked.
    application = new_application(office.village_a, received_on=D(2026, 9, 24))
    assert application.due_on == D(2026, 10, 29)


def test_receipt_date_follows_the_channel(office):
    by_post = new_application(office.village_a, channel="post", received_on=D(2026, 9, 22),
                              confirmed_on=D(2026, 9, 30))
    assert by_post.received_on == D(2026, 9, 22)  # signed for, whatever else is filled in
    online = new_application(office.village_a, channel="online", received_on=D(2026, 9, 23),
                             submitted_on=D(2026, 9, 1))
    assert online.received_on == D(2026, 9, 23)
    from applications.models import Application

    with pytest.raises(ValidationError) as refused:
        services.register(Application(organisation=office.village_a, channel="post", applicant_type="natural_person",
                                      applicant_name="李四", phone="13900005678", information_title="x",
                                      submitted_on=D(2026, 9, 22)))
    assert "signed_for_on" in refused.value.message_dict


def test_completion_restarts_the_clock(office):
    handler = office.users["a_handler"]
    application = new_application(office.village_a, received_on=D(2026, 9, 24))
    application = walk(application, handler, ("register", D(2026, 9, 25)),
                       ("request_completion", D(2026, 10, 8), {"completion_due_on": D(2026, 10, 20)}))
    assert application.state == State.COMPLETION_REQUESTED and application.due_on is None
    state = clocks.clock(application, today=D(2026, 10, 9))
    assert not state.running and state.paused == "completion" and state.waiting_until == D(2026, 10, 20)
    application = walk(application, handler, ("receive_completion", D(2026, 10, 12)))
    assert application.clock_started_on == D(2026, 10, 12)
    assert application.due_on == D(2026, 11, 9)  # 20 working days from the completion, not from receipt


def test_completion_only_once_and_within_seven_working_days(office):
    handler = office.users["a_handler"]
    late = new_application(office.village_a, received_on=D(2026, 9, 24))
    # Seven working days after 24 September: 28, 29, 30 Sep, 8, 9, 10 (Saturday worked), 12 October.
    assert clocks.latest_completion_request_on(late) == D(2026, 10, 12)
    with pytest.raises(ValidationError, match="within 7 working days"):
        walk(late, handler, ("request_completion", D(2026, 10, 13), {"completion_due_on": D(2026, 10, 30)}))
    once = walk(new_application(office.village_a, received_on=D(2026, 9, 24)), handler,
                ("request_completion", D(2026, 9, 28), {"completion_due_on": D(2026, 10, 9)}),
                ("receive_completion", D(2026, 9, 29)))
    assert "request_completion" not in [t.name for t in services.available_transitions(once, handler, D(2026, 9, 30))]
    once.state = State.REGISTERED  # even if it were offered, the guard refuses a second request
    assert services.refusal(once, services.TRANSITIONS_BY_NAME["request_completion"], D(2026, 9, 30))


def test_no_completion_in_time_deems_withdrawn(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a, received_on=D(2026, 9, 24)), handler,
                       ("request_completion", D(2026, 9, 28), {"completion_due_on": D(2026, 10, 9)}))
    with pytest.raises(ValidationError, match="until 2026-10-09"):
        walk(application, handler, ("deem_withdrawn", D(2026, 10, 9)))
    application = walk(application, handler, ("deem_withdrawn", D(2026, 10, 12)))
    assert application.state == State.DEEMED_WITHDRAWN
    assert application.outcome == "other_1" and application.concluded_on == D(2026, 10, 12)


def test_third_party_time_is_not_counted(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a, received_on=D(2026, 9, 24)), handler,
                       ("register", D(2026, 9, 24)), ("start", D(2026, 9, 28)),
                       ("consult_third_party", D(2026, 10, 12), {"third_party": "某建设公司"}))
    state = clocks.clock(application, today=D(2026, 10, 14))
    assert state.paused == "third_party" and state.days_left == 13  # 7 of 20 used before the consultation
    assert state.waiting_until == D(2026, 11, 2)  # the third party's 15 working days
    application = walk(application, handler, ("third_party_answered", D(2026, 10, 19)))
    assert application.state == State.IN_PROGRESS and application.paused_working_days == 5
    assert application.due_on == D(2026, 11, 5)  # 29 October + the 5 working days of the consultation


def test_one_extension_of_at_most_twenty_by_the_approver(office):
    handler, approver = office.users["a_handler"], office.users["a_approver"]
    application = walk(new_application(office.village_a, received_on=D(2026, 9, 24)), handler,
                       ("register", D(2026, 9, 24)), ("start", D(2026, 9, 28)))
    assert "approve_extension" not in [t.name for t in services.available_transitions(application, handler)]
    with pytest.raises(PermissionDenied):
        walk(application, handler, ("approve_extension", D(2026, 10, 20), {"extension_days": 20}))
    with pytest.raises(ValidationError, match="1 to 20"):
        walk(application, approver, ("approve_extension", D(2026, 10, 20), {"extension_days": 21}))
    with pytest.raises(ValidationError, match="ran out"):
        walk(application, approver, ("approve_extension", D(2026, 10, 30), {"extension_days": 20}))
    application = walk(application, approver, ("approve_extension", D(2026, 10, 20), {"extension_days": 20}))
    assert application.state == State.EXTENDED and application.due_on == D(2026, 11, 26)
    assert application.extension_approved_by == approver
    assert application.events.get(action="approve_extension").actor == approver


def test_overdue_and_days_left(office):
    application = new_application(office.village_a, received_on=D(2026, 9, 24))
    assert clocks.clock(application, today=D(2026, 10, 27)) == clocks.Clock(
        running=True, due_on=D(2026, 10, 29), days_left=2, overdue=False)
    late = clocks.clock(application, today=D(2026, 11, 3))
    assert late.overdue and late.days_left == -3


def test_a_year_without_calendar_data_is_never_guessed(office, django_capture_on_commit_callbacks):
    """Received on 10 December 2026, the 20 working days reach 2027, whose schedule is not entered yet: the
    application is received (the right to apply does not wait), its due date stays pending and the lists
    say why; once 2027 is entered the date is set."""
    application = new_application(office.village_a, received_on=D(2026, 12, 10))
    assert application.state == State.RECEIVED and application.due_on is None
    pending = clocks.clock(application, today=D(2026, 12, 11))
    assert pending.running and pending.due_on is None and "2027" in pending.error
    with django_capture_on_commit_callbacks(execute=True):
        CalendarYear.objects.create(year=2027, complete=True)
    application.refresh_from_db()
    assert application.due_on.year == 2027
    assert new_application(office.village_a, received_on=D(2026, 12, 10)).due_on == application.due_on


def test_every_action_is_in_the_audit_trail(office):
    handler = office.users["a_handler"]
    application = walk(new_application(office.village_a, received_on=D(2026, 9, 24), user=handler), handler,
                       ("register", D(2026, 9, 24), {"comment": "已登记"}), ("start", D(2026, 9, 28)))
    services.add_note(application, handler, "与财政所会商：资料齐全")
    events = list(application.events.values_list("action", "from_state", "to_state", "actor__username", "comment"))
    assert events == [
        ("receive", "", "received", "a_handler", ""),
        ("register", "received", "registered", "a_handler", "已登记"),
        ("start", "registered", "in_progress", "a_handler", "依规办理"),
        ("note", "in_progress", "in_progress", "a_handler", "与财政所会商：资料齐全"),
    ]
    assert all(event.at for event in application.events.all())


def test_the_applicant_is_notified_of_completion_and_extension(office, django_capture_on_commit_callbacks, mailoutbox):
    handler, approver = office.users["a_handler"], office.users["a_approver"]
    application = new_application(office.village_a, received_on=D(2026, 9, 24), email="zhangsan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        application = walk(application, handler, ("request_completion", D(2026, 9, 28),
                                                  {"completion_due_on": D(2026, 10, 9), "comment": "请写明文号"}),
                           ("receive_completion", D(2026, 9, 29)), ("start", D(2026, 9, 30)))
        walk(application, approver, ("approve_extension", D(2026, 10, 20),
                                     {"extension_days": 15, "comment": "需调取多年档案"}))
    assert [message.to for message in mailoutbox] == [["zhangsan@example.com"]] * 2
    assert "补正告知" in mailoutbox[0].subject and "2026年10月09日" in mailoutbox[0].body
    assert "延期答复告知" in mailoutbox[1].subject and "延长15个工作日" in mailoutbox[1].body
    assert application.events.filter(action="notify_applicant").count() == 2
