"""Minimum consultation periods (consultations.rules; docs/interaction.md «征求意见»): calendar days, first and
last day included; party 预公开 ≥ 15 days public, ≥ 7 inside the party; government and village as the unit
configures (30 and 7 by default). Too short is refused by the service and the admin form, in Chinese."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consultations import rules
from consultations.choices import Kind
from consultations.models import Consultation, UnitConsultationRules
from tests.interaction.conftest_consultations import english, scene  # noqa: F401

D = datetime.date


@pytest.mark.parametrize("kind, days, accepted", [
    (Kind.GOVERNMENT, 29, False), (Kind.GOVERNMENT, 30, True),
    (Kind.PARTY_PUBLIC, 14, False), (Kind.PARTY_PUBLIC, 15, True),
    (Kind.PARTY_INTERNAL, 6, False), (Kind.PARTY_INTERNAL, 7, True),
])
def test_minimum_periods_are_refused_or_accepted(scene, kind, days, accepted):
    row = scene.party_row if kind.startswith("party") else scene.row
    entry = scene.entry(row=row)
    if accepted:
        consultation = scene.consultation(entry, kind=kind, days=days)
        assert rules.period_days(consultation.starts_on, consultation.ends_on) == days
    else:
        with pytest.raises(ValidationError) as refused:
            scene.consultation(entry, kind=kind, days=days)
        assert f"at least {rules.minimum_days(kind, scene.tree.township)} calendar days" in str(refused.value)
        assert f"has {days}." in str(refused.value)
        assert not Consultation.objects.exists()


def test_the_refusal_is_chinese_and_names_the_rule(scene):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        scene.consultation(scene.entry(row=scene.party_row), kind=Kind.PARTY_PUBLIC, start=D(2026, 10, 1),
                           end=D(2026, 10, 10))
    message = refused.value.message_dict["ends_on"][0]
    assert "不得少于15天" in message and "半个月" in message and "10天" in message, message


def test_calendar_days_count_holidays_spring_festival_and_national_day(scene):
    """Calendar days, not working days: a party consultation over the Spring Festival holiday (2026-02-15…23)
    of 15 days is long enough, though it has few working days; so is one over National Day."""
    spring = scene.consultation(scene.entry(row=scene.party_row), kind=Kind.PARTY_PUBLIC,
                                start=D(2026, 2, 12), end=D(2026, 2, 26))
    assert rules.period_days(spring.starts_on, spring.ends_on) == 15
    national = scene.consultation(scene.entry(row=scene.party_row, title="国庆期间的征求意见"),
                                  kind=Kind.PARTY_INTERNAL, start=D(2026, 10, 1), end=D(2026, 10, 7))
    assert rules.period_days(national.starts_on, national.ends_on) == 7


def test_a_unit_configures_its_government_minimum(scene, settings):
    UnitConsultationRules.objects.create(organisation=scene.tree.township, government_min_days=45)
    with pytest.raises(ValidationError):
        scene.consultation(days=40)
    scene.consultation(days=45)
    settings.DISCLOSURE = {"CONSULTATIONS_GOVERNMENT_MIN_DAYS": 20}
    assert rules.minimum_days(Kind.GOVERNMENT, scene.tree.county) == 20
    assert rules.minimum_days(Kind.GOVERNMENT, scene.tree.township) == 45


def test_kind_must_match_the_entry_domain_and_period_must_not_end_before_it_starts(scene):
    with pytest.raises(ValidationError) as refused:
        scene.consultation(kind=Kind.PARTY_PUBLIC, days=20)
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        scene.consultation(start=D(2026, 10, 10), end=D(2026, 10, 1))
    assert "ends before it starts" in refused.value.message_dict["ends_on"][0]


def test_the_admin_form_refuses_a_short_period(scene, client, english):
    client.force_login(scene.users["t_editor"])
    entry = scene.entry()
    data = {"entry": entry.pk, "kind": Kind.GOVERNMENT, "background": "背景", "how_to_take_part": "在线提交",
            "starts_on": "2026-10-01", "ends_on": "2026-10-20", "accepts_online": "on"}
    response = client.post("/admin/consultations/new/", data)
    assert response.status_code == 400
    assert "must last at least 30 calendar days" in response.content.decode()
    assert not Consultation.objects.exists()
    response = client.post("/admin/consultations/new/", {**data, "ends_on": "2026-10-30"})
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.entry_id == entry.pk
    edit = client.post(f"/admin/consultations/{consultation.pk}/edit/", {**data, "ends_on": "2026-10-05"})
    assert edit.status_code == 400 and "must last at least 30 calendar days" in edit.content.decode()
