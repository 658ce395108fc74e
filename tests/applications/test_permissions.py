"""Who sees what (docs/applications.md §4), role × unit × state: only the unit's handlers and approvers
see an application; a parent unit sees counts; editors, reviewers and other units see nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from applications import permissions, services
from applications.workflow import State

from .conftest import new_application, walk

D = datetime.date
# A path into each state, from received (dates in autumn 2026).
PATHS = {
    State.RECEIVED: [],
    State.REGISTERED: [("register", D(2026, 9, 24))],
    State.COMPLETION_REQUESTED: [("request_completion", D(2026, 9, 25), {"completion_due_on": D(2026, 10, 9)})],
    State.IN_PROGRESS: [("register", D(2026, 9, 24)), ("start", D(2026, 9, 25))],
    State.THIRD_PARTY: [("register", D(2026, 9, 24)), ("start", D(2026, 9, 25)),
                        ("consult_third_party", D(2026, 9, 28), {"third_party": "某公司"})],
    State.REPLIED: [("register", D(2026, 9, 24)),
                    ("reply", D(2026, 9, 25), {"outcome": "disclosed", "legal_basis": ""})],
    State.WITHDRAWN: [("withdraw", D(2026, 9, 25))],
}
SEES = {"a_handler", "a_approver"}
NOBODY_ELSE = ["a_editor", "a_reviewer", "a_secrecy_reviewer", "b_handler", "b_approver", "t_handler",
               "t_approver", "t_editor"]


@pytest.mark.parametrize("state", list(PATHS))
def test_only_the_units_handlers_and_approvers_see_it(office, state):
    application = walk(new_application(office.village_a), office.users["a_handler"], *PATHS[state])
    assert application.state == state
    for username in SEES:
        assert permissions.can_see(office.users[username], application), username
    for username in NOBODY_ELSE:
        user = office.users[username]
        assert not permissions.can_see(user, application), username
        assert services.available_transitions(application, user) == [], username
    assert not permissions.visible_applications(AnonymousUser()).exists()


@pytest.mark.parametrize("state", list(PATHS))
def test_transitions_offered_by_role(office, state):
    application = walk(new_application(office.village_a), office.users["a_handler"], *PATHS[state])
    on = D(2026, 9, 29)
    handler = {t.name for t in services.available_transitions(application, office.users["a_handler"], on)}
    approver = {t.name for t in services.available_transitions(application, office.users["a_approver"], on)}
    assert approver == ({"approve_extension"} if state == State.IN_PROGRESS else set())
    expected = {
        State.RECEIVED: {"register", "request_completion", "transfer", "withdraw"},
        State.REGISTERED: {"request_completion", "start", "reply", "transfer", "withdraw"},
        State.COMPLETION_REQUESTED: {"receive_completion", "withdraw"},
        State.IN_PROGRESS: {"consult_third_party", "reply", "transfer", "withdraw"},
        State.THIRD_PARTY: {"third_party_answered", "withdraw"},
        State.REPLIED: {"close"},
        State.WITHDRAWN: set(),
    }[state]
    assert handler == expected


def test_a_parent_unit_sees_counts_not_contents(office):
    walk(new_application(office.village_a), office.users["a_handler"], ("register", D(2026, 9, 24)))
    new_application(office.village_a)
    new_application(office.village_b)
    township_handler = office.users["t_handler"]
    assert not permissions.visible_applications(township_handler).exists()
    counts = {(row["organisation__name"], row["state"]): row["n"]
              for row in permissions.child_unit_counts(township_handler)}
    assert counts == {("东山村村民委员会", "received"): 1, ("东山村村民委员会", "registered"): 1,
                      ("西河村村民委员会", "received"): 1}
    assert permissions.child_unit_counts(office.users["a_handler"]) == []
    assert permissions.child_unit_counts(office.users["a_editor"]) == []


def test_every_unit_gets_its_handlers_group(office):
    for unit in (office.county, office.township, office.village_a, office.village_b):
        group = unit.application_office.handlers
        assert unit.name in group.name
        assert group.permissions.filter(codename="change_application").exists()


def test_existing_units_get_their_group_by_command(office):
    from django.core.management import call_command

    from applications.models import ApplicationOffice

    ApplicationOffice.objects.filter(organisation=office.village_b).delete()
    call_command("ensure_application_offices", verbosity=0)
    assert ApplicationOffice.objects.get(organisation=office.village_b).handlers.permissions.filter(
        codename="view_application").exists()
