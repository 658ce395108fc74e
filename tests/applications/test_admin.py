"""The office's admin pages: list with due dates and overdue state, registration, actions offered by role,
the letter, the dashboard queues; nobody outside the unit gets in."""

import datetime

import pytest
from django.urls import reverse

from applications.models import Application

from .conftest import new_application, walk

D = datetime.date


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 11, 3))
    return D(2026, 11, 3)


def test_the_list_shows_due_dates_days_left_and_overdue(client, office, today):
    late = new_application(office.village_a, received_on=D(2026, 9, 24), information_title="逾期的申请")
    new_application(office.village_a, received_on=D(2026, 10, 30), information_title="新申请")
    new_application(office.village_b, information_title="别村的申请")
    client.force_login(office.users["a_handler"])
    page = client.get(reverse("applications:index")).content.decode()
    assert "逾期的申请" in page and "新申请" in page and "别村的申请" not in page
    assert "2026-10-29" in page and "Overdue by 3 working days" in page and "applications-row-overdue" in page
    overdue = client.get(reverse("applications:index") + "?show=overdue").content.decode()
    assert "逾期的申请" in overdue and "新申请" not in overdue
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "逾期的申请" in dashboard and late.tracking_code in dashboard


def test_outsiders_get_nothing(client, office, today):
    application = new_application(office.village_a)
    for username in ("a_editor", "b_handler", "t_editor"):
        client.force_login(office.users[username])
        assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
        assert client.get(reverse("applications:letter", args=[application.pk])).status_code == 404
    client.force_login(office.users["a_editor"])
    refused = client.get(reverse("applications:index"))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # Wagtail's "no permission"
    client.force_login(office.users["t_handler"])
    page = client.get(reverse("applications:index")).content.decode()
    assert "东山村村民委员会" in page and application.information_title not in page  # counts, not contents


def test_register_in_person_and_take_actions(client, office, today):
    client.force_login(office.users["a_handler"])
    response = client.post(reverse("applications:register"), {
        "organisation": office.village_a.pk, "channel": "post", "signed_for_on": "2026-10-30",
        "applicant_type": "legal_person", "organisation_kind": "legal_services", "applicant_name": "某律师事务所",
        "phone": "0571-8888 1234", "information_title": "某项目环评批复", "form_wanted": "paper",
        "delivery_wanted": "post", "postal_address": "城关镇人民路1号"})
    application = Application.objects.get()
    assert response.status_code == 302 and application.received_on == D(2026, 10, 30)
    detail = reverse("applications:detail", args=[application.pk])
    page = client.get(detail).content.decode()
    assert 'value="register"' in page and 'value="approve_extension"' not in page
    client.post(detail, {"action": "register", "register-on": "2026-11-02", "register-comment": ""})
    client.post(detail, {"action": "start", "start-on": "2026-11-02"})
    client.post(detail, {"action": "note", "text": "与县司法局会商"})
    application.refresh_from_db()
    assert application.state == "in_progress" and application.notes.count() == 1
    response = client.post(detail, {"action": "reply", "reply-on": "2026-11-03", "reply-outcome": "withheld_1",
                                    "reply-fee_method": "none"}, follow=True)
    assert "Give the legal basis" in response.content.decode()
    client.post(detail, {"action": "reply", "reply-on": "2026-11-03", "reply-outcome": "disclosed",
                         "reply-fee_method": "by_pages", "reply-pages": "35"})
    application.refresh_from_db()
    assert application.state == "replied" and application.fee_amount == 50
    letter = client.get(reverse("applications:letter", args=[application.pk]))
    assert letter.status_code == 200 and letter["Content-Type"].endswith("wordprocessingml.document")
    pdf = client.get(reverse("applications:letter_format", args=[application.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("applications:letter_format", args=[application.pk, "exe"])).status_code == 404
    client.force_login(office.users["a_approver"])
    assert client.post(detail, {"action": "close", "close-on": "2026-11-03"}).status_code == 302
    application.refresh_from_db()
    assert application.state == "replied"  # approvers do not close applications


def test_the_registration_form_refuses_a_missing_receipt_date_in_chinese(client, office, today, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(office.users["a_handler"])
    response = client.post(reverse("applications:register"), {
        "organisation": office.village_a.pk, "channel": "in_person", "applicant_type": "natural_person",
        "applicant_name": "孙七", "phone": "13800001111", "information_title": "x", "form_wanted": "paper",
        "delivery_wanted": "pick_up"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "请填写该申请渠道规定的收到申请日期" in response.content.decode()
    assert not Application.objects.exists()


def test_approver_approves_the_extension_in_the_admin(client, office, today):
    application = walk(new_application(office.village_a, received_on=D(2026, 10, 30)), office.users["a_handler"],
                       ("register", D(2026, 10, 30)), ("start", D(2026, 11, 2)))
    client.force_login(office.users["a_approver"])
    detail = reverse("applications:detail", args=[application.pk])
    assert 'value="approve_extension"' in client.get(detail).content.decode()
    client.post(detail, {"action": "approve_extension", "approve_extension-on": "2026-11-03",
                         "approve_extension-extension_days": "10", "approve_extension-comment": "情况复杂"})
    application.refresh_from_db()
    assert application.state == "extended" and application.extension_days == 10


def test_information_of_public_interest_becomes_a_draft_entry(client, office, today):
    from cms.models import DisclosurePage
    from tests.conftest import make_user

    row = office.add_item(office.village_a, "village", "财务公开")
    application = walk(new_application(office.village_a, received_on=D(2026, 10, 30)), office.users["a_handler"],
                       ("register", D(2026, 10, 30)), ("reply", D(2026, 11, 2), {"outcome": "disclosed"}))
    editor_handler = make_user("ae_handler", office.village_a.application_office.handlers, office.village_a.editors)
    detail = reverse("applications:detail", args=[application.pk])
    client.force_login(office.users["a_handler"])  # a handler who may not add entries is not offered it
    assert "draft_entry" not in client.get(detail).content.decode()
    client.force_login(editor_handler)
    assert 'value="draft_entry"' in client.get(detail).content.decode()
    client.post(detail, {"action": "draft_entry", "row": str(row.pk)})
    entry = DisclosurePage.objects.get(title=application.information_title)
    assert not entry.live and entry.get_parent().pk == row.pk and entry.organisation_id == office.village_a.pk
    application.refresh_from_db()
    assert application.proactive_entry_id == entry.pk
    assert application.events.filter(action="draft_entry", actor=editor_handler).exists()
    assert 'value="draft_entry"' not in client.get(detail).content.decode()  # once


def test_assign_to_a_department_and_a_handler(client, office, today):
    from cms.units import create_organisation

    department = create_organisation(office.township, name="城关镇财政所", short_name="财政所", level="department",
                                     region_code="330199", department_code="10199", publishes_government=True)
    application = new_application(office.township)
    client.force_login(office.users["t_handler"])
    detail = reverse("applications:detail", args=[application.pk])
    page = client.get(detail).content.decode()
    assert "城关镇财政所" in page and "东山村村民委员会" not in page  # the unit and its departments only
    client.post(detail, {"action": "assign", "department": department.pk,
                         "assignee": office.users["t_handler"].pk})
    application.refresh_from_db()
    assert application.responsible_department == department and application.assignee == office.users["t_handler"]
    assert application.events.filter(action="assign").exists()
    client.post(detail, {"action": "assign", "department": office.village_a.pk})  # not offered: refused
    application.refresh_from_db()
    assert application.responsible_department == department
