"""Withholding grounds by domain (docs/moderation.md "Withholding grounds") and 政策解读 三同步
(docs/moderation.md "三同步"): the forms offer the entry's domain's grounds only, the server refuses others;
a policy under a row requiring an interpretation warns its approver and lands on the supervision list
until an interpretation is linked, in either direction."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import (
    GROUNDS_BY_DOMAIN,
    CatalogueItemPage,
    DisclosureLink,
    DisclosurePage,
    Domain,
    LinkKind,
    Organisation,
    WithheldPart,
    WithholdingGround,
)
from cms.moderation.interpretation import missing_interpretation
from cms.supervision_hooks import INTERPRETATION_MISSING, cms_findings

from .conftest import to_approval
from .test_dashboard import dashboard_action


def test_every_domain_has_its_list_and_every_ground_a_domain():
    assert set(GROUNDS_BY_DOMAIN) == set(Domain.values)
    assert set().union(*GROUNDS_BY_DOMAIN.values()) == set(WithholdingGround.values)
    assert WithholdingGround.PARTY_INTERNAL in GROUNDS_BY_DOMAIN[Domain.PARTY]
    assert WithholdingGround.PARTY_INTERNAL not in GROUNDS_BY_DOMAIN[Domain.GOVERNMENT]
    assert WithholdingGround.THREE_SECURITIES not in GROUNDS_BY_DOMAIN[Domain.VILLAGE]


@pytest.mark.parametrize(("domain", "good", "bad"), [
    (Domain.VILLAGE, "personal_privacy", "three_securities"),
    (Domain.PARTY, "party_internal", "administrative_enquiry"),
    (Domain.GOVERNMENT, "third_party", "party_internal"),
])
def test_withheld_parts_take_their_domains_grounds_only(tree, domain, good, bad):
    unit = tree.village_a if domain != Domain.GOVERNMENT else tree.township
    row = tree.add_item(unit, domain, "事项", slug=f"row-{domain}")
    entry = tree.add_entry(row, "条目", publish=False)
    WithheldPart(page=entry, description="名单", ground=good, legal_basis="依据").full_clean()
    with pytest.raises(ValidationError) as caught:
        WithheldPart(page=entry, description="名单", ground=bad, legal_basis="依据").full_clean()
    assert "is not a withholding ground of" in " ".join(caught.value.message_dict["ground"])
    form = DisclosurePage.get_edit_handler().get_form_class()(instance=entry, for_user=tree.users["admin"],
                                                             parent_page=row)
    offered = {value for value, _label in form.formsets["withheld_parts"].empty_form.fields["ground"].choices if value}
    assert offered == set(GROUNDS_BY_DOMAIN[domain])


def test_the_secrecy_review_offers_and_accepts_the_village_grounds_only(make_entry, users, client):
    from .conftest import act, submit

    entry = make_entry(title="涉及隐私的村务", slug="privacy")
    submit(entry, users["a_editor"])
    act(entry, users["a_reviewer"], "approve")
    state = DisclosurePage.objects.get(pk=entry.pk).current_workflow_task_state
    client.force_login(users["a_secrecy_reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(entry.pk, "review", state.pk))
    data = {"task_state_id": state.pk, "outcome": "exempt", "reason": "涉及个人隐私", "legal_basis": "村务公开规定"}
    response = client.post(url, {**data, "ground": "three_securities"}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["step"] == "action" and "Select a valid choice" in response.json()["html"]
    assert "三安全" not in response.json()["html"] and "Personal privacy" in response.json()["html"]
    assert dashboard_action(client, entry, users["a_secrecy_reviewer"], "review", ground="personal_privacy",
                            outcome="exempt", reason="涉及个人隐私", legal_basis="村务公开规定")


@pytest.fixture
def policy_row(item):
    CatalogueItemPage.objects.filter(pk=item.pk).update(requires_interpretation=True)
    return CatalogueItemPage.objects.get(pk=item.pk)


def findings(tree):
    units = Organisation.objects.filter(path__startswith=tree.township.path)
    return [f for f in cms_findings(units, None) if f["kind"] == INTERPRETATION_MISSING]


def test_the_approver_is_warned_and_the_policy_lands_on_the_supervision_list(tree, policy_row, make_entry, users,
                                                                              client):
    entry = make_entry(title="东山村集体资产管理办法", slug="policy")
    assert missing_interpretation(entry)
    to_approval(entry, users)
    client.force_login(users["a_approver"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk]), follow=True).content.decode()
    assert "政策解读 三同步" in edit and "东山村集体资产管理办法" in edit
    messages = dashboard_action(client, entry, users["a_approver"], "approve", comment="")
    assert any("政策解读 三同步" in message for message in messages), messages
    listed = findings(tree)
    assert [f["subject"] for f in listed] == ["东山村集体资产管理办法"]
    assert listed[0]["kind_label"] == "政策解读未同步" and listed[0]["organisation"] == tree.village_a


@pytest.mark.parametrize("direction", ["interpretation_links_policy", "policy_links_interpretation"])
def test_a_linked_interpretation_in_either_direction_satisfies_it(tree, policy_row, direction):
    policy = tree.add_entry(policy_row, "集体资产管理办法")
    assert [f["subject"] for f in findings(tree)] == ["集体资产管理办法"]
    other_row = tree.add_item(tree.village_a, Domain.VILLAGE, "政策解读", slug="interpretations")
    interpretation = tree.add_entry(other_row, "《集体资产管理办法》解读")
    if direction == "interpretation_links_policy":
        DisclosureLink.objects.create(page=interpretation, kind=LinkKind.INTERPRETS, target=policy)
    else:
        DisclosureLink.objects.create(page=policy, kind=LinkKind.INTERPRETS, target=interpretation)
    assert not missing_interpretation(DisclosurePage.objects.get(pk=policy.pk))
    assert findings(tree) == []


def test_rows_without_the_requirement_ask_nothing(tree, item):
    entry = tree.add_entry(item, "普通村务")
    assert not missing_interpretation(entry) and findings(tree) == []
