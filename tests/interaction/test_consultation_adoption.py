"""After the period: staff mark each opinion adopted / partly / not adopted with a reason (shared by several), the
adoption report (采纳情况) is generated as a draft entry under the same catalogue row and goes through the unit's
normal procedure (审核 → 保密审查 → 审批); once live the consultation shows it. Supervision lists consultations
closed without a published report and periods shorter than the rule. The admin pages do the same."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.models import DisclosurePage, Organisation
from consultations import services
from consultations.choices import Channel, Outcome
from consultations.models import AdoptionReason, UnitConsultationRules
from consultations.supervision import findings
from tests.interaction.conftest import run_operation
from tests.interaction.conftest_consultations import english, scene  # noqa: F401
from tests.moderation.conftest import act, current

ID_NUMBER = "11010519491231002X"
DISCLOSE = {"outcome": "disclose", "notes": "可以公开"}


@pytest.fixture
def marked(scene):
    """A closed consultation with four opinions and one hidden, all marked; two share one reason."""
    consultation = scene.closed()
    adopted = scene.opinion(consultation, text=f"建议增加停车位。我的身份证号{ID_NUMBER}，电话13812345678。")
    partly = scene.opinion(consultation, text="建议周末延长营业时间到晚上十点。", channel=Channel.MEETING)
    rejected = [scene.opinion(consultation, text="建议取消所有摊位费。", channel=Channel.LETTER),
                scene.opinion(consultation, text="建议摊位费全部免收三年。")]
    scene.opinion(consultation, text="广告：低价出售摊位", author_name="", contact="")
    editor = scene.users["t_editor"]
    services.set_hidden(consultation, editor, [consultation.opinions.last().pk])
    services.decide(consultation, editor, [adopted.pk], Outcome.ADOPTED)
    services.decide(consultation, editor, [partly.pk], Outcome.PARTLY_ADOPTED, new_reason="周末延长至晚上八点。")
    assert services.decide(consultation, editor, [o.pk for o in rejected], Outcome.NOT_ADOPTED,
                           new_reason="摊位费标准由县发展改革局核定，本方案不作调整。") == 2
    return consultation


def test_opinions_are_marked_only_after_the_period_and_need_reasons(scene):
    open_one = scene.consultation()
    opinion = scene.opinion(open_one)
    editor = scene.users["t_editor"]
    with pytest.raises(ValidationError, match="once the consultation period has ended"):
        services.decide(open_one, editor, [opinion.pk], Outcome.ADOPTED)
    closed = scene.closed(entry=scene.entry(title="已结束"))
    first, second = scene.opinion(closed), scene.opinion(closed, text="第二条")
    with pytest.raises(ValidationError, match="Give the reason"):
        services.decide(closed, editor, [first.pk], Outcome.NOT_ADOPTED)
    services.decide(closed, editor, [first.pk], Outcome.NOT_ADOPTED, new_reason="与上位法不符。")
    reason = AdoptionReason.objects.get()
    services.decide(closed, editor, [second.pk], Outcome.PARTLY_ADOPTED, reason=reason)  # shared
    assert set(reason.opinions.values_list("pk", flat=True)) == {first.pk, second.pk}
    with pytest.raises(PermissionDenied):
        services.decide(closed, scene.users["a_editor"], [first.pk], Outcome.ADOPTED)  # another unit's staff


def test_the_report_is_generated_masked_and_goes_through_the_procedure(scene, marked):
    users = scene.users
    report = services.generate_report(marked, users["t_editor"])
    assert report.get_parent().pk == marked.entry.get_parent().pk and not report.live
    assert report.title == "关于《城关镇农贸市场改造方案》征求意见采纳情况的说明"
    text = str(report.body.raw_data)
    assert "《城关镇农贸市场改造方案》于" in text and "共收到意见4条" in text and "采纳1条，部分采纳1条，未采纳2条" in text
    assert ID_NUMBER not in text and "13812345678" not in text and "138****5678" in text
    assert "广告" not in text and "市民甲" not in text  # hidden opinions and names stay out
    assert "理由二：摊位费标准由县发展改革局核定，本方案不作调整。（涉及第3、4条意见）" in text
    assert list(report.links.values_list("target_id", flat=True)) == [marked.entry_id]
    with pytest.raises(ValidationError, match="already generated"):
        services.generate_report(marked, users["t_editor"])

    def public():
        return run_operation("consultations", "Consultation", {"id": str(marked.pk)})["data"]["consultation"]

    assert public()["adoptionReport"] is None  # in the procedure: not public
    report, state = current(report)
    assert state is not None and state.task.specific.__class__.__name__ == "GroupApprovalTask"  # submitted: 审核
    act(report, users["t_reviewer"], "approve", comment="内容准确")
    act(report, users["t_secrecy_reviewer"], "review", **DISCLOSE)
    act(report, users["t_approver"], "approve", comment="同意公开")
    report = DisclosurePage.objects.get(pk=report.pk)
    assert report.live
    answer = public()
    assert answer["adoptionReport"]["title"] == report.title and answer["opinionCount"] == 4
    with pytest.raises(ValidationError, match="published"):
        services.decide(marked, users["t_editor"], [marked.opinions.first().pk], Outcome.NOT_ADOPTED,
                        new_reason="改变")
    decision = scene.entry(title="城关镇农贸市场改造方案（正式）")
    services.link_decision(marked, users["t_editor"], decision)
    assert public()["decision"]["title"] == "城关镇农贸市场改造方案（正式）"


def test_the_report_waits_for_every_opinion_to_be_marked(scene):
    consultation = scene.closed()
    scene.opinion(consultation)
    with pytest.raises(ValidationError, match="1 opinions are not yet marked"):
        services.generate_report(consultation, scene.users["t_editor"])


def test_supervision_findings(scene, marked):
    today = scene.today
    organisations = Organisation.objects.filter(pk=scene.tree.township.pk)
    kinds = {(f["kind"], f["subject"]) for f in findings(organisations, today)}
    assert ("consultation_no_report", marked.entry.title) in kinds
    found = next(f for f in findings(organisations, today) if f["kind"] == "consultation_no_report")
    assert found["days_late"] == 1 and found["due_on"] == marked.ends_on and found["url"].endswith(f"/{marked.pk}/")
    UnitConsultationRules.objects.create(organisation=scene.tree.township, government_min_days=60)
    assert ("consultation_too_short", marked.entry.title) in {(f["kind"], f["subject"])
                                                               for f in findings(organisations, today)}
    assert not list(findings(Organisation.objects.filter(pk=scene.tree.village_a.pk), today))
    from wagtail import hooks

    assert findings in hooks.get_hooks("supervision_findings")


def test_admin_pages(scene, client, english):
    client.force_login(scene.users["t_reviewer"])
    consultation = scene.closed()
    index = client.get("/admin/consultations/?show=closed")
    assert index.status_code == 200 and consultation.entry.title in index.content.decode()
    detail = f"/admin/consultations/{consultation.pk}/"
    response = client.post(detail, {"action": "opinion", "channel": "meeting", "received_on": str(consultation.starts_on),
                                    "author_name": "村民代表", "contact": "", "text": "座谈会上提出：建议增设公厕。"})
    assert response.status_code == 302
    opinion = consultation.opinions.get()
    assert opinion.channel == "meeting" and opinion.entered_by == scene.users["t_reviewer"]
    client.post(detail, {"action": "decide", "opinions": [opinion.pk], "outcome": "adopted"})
    opinion.refresh_from_db()
    assert opinion.outcome == "adopted"
    page = client.get(detail).content.decode()
    assert "座谈会上提出" in page and "Generate the adoption report" in page
    client.force_login(scene.users["a_editor"])
    assert client.get(detail).status_code == 404  # another unit's staff
    client.force_login(scene.users["a_editor"])
    assert client.get("/admin/consultations/").status_code == 200
    assert consultation.entry.title not in client.get("/admin/consultations/?show=all").content.decode()


def test_the_entry_editor_offers_the_consultation(scene, client, english):
    entry = scene.entry()
    client.force_login(scene.users["t_editor"])
    page = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert f"/admin/consultations/new/?entry={entry.pk}" in page and "Open a consultation" in page
    form = client.get(f"/admin/consultations/new/?entry={entry.pk}").content.decode()
    assert f'value="{entry.pk}"' in form
    consultation = scene.consultation(entry)
    assert f"/admin/consultations/{consultation.pk}/" in client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    client.force_login(scene.users["a_editor"])
    assert "/admin/consultations/" not in client.get(f"/admin/pages/{scene.row.pk}/").content.decode()


def test_a_consulted_draft_is_not_deleted(scene, client, english):
    entry = scene.entry(publish=False)
    scene.consultation(entry)
    client.force_login(scene.users["t_editor"])
    response = client.post(f"/admin/pages/{entry.pk}/delete/")
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{entry.pk}/edit/")
    assert DisclosurePage.objects.filter(pk=entry.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "This entry has a consultation; it cannot be deleted." in page
