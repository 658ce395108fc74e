"""特定群体 (docs/catalogue.md): an entry narrowed to a specific group reaches that group — through a portal
token granted the group, on every read path alike (list, lookup by every key, catalogue, search) — and
nobody else: not an anonymous reader, not a token of another group, not a party token of the unit."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from cms.models import Audience, AudienceGroup, DeliveryRecord, DisclosurePage, Scope
from cms.supervision_hooks import GROUP_DELIVERY_MISSING, cms_findings
from cms.visibility import Reader, search_reader, visible_entries
from graphql_api.models import ApiToken
from search.types import Grant, SearchQueryError
from tests.graphql_api.search_support import demo_index


def issue(name, groups=(), organisations=(), scopes=()):
    token = ApiToken(name=name, scopes=list(scopes))
    raw = token.issue()
    token.save()
    token.organisations.set(organisations)
    token.audience_groups.set(groups)
    return raw


@pytest.fixture
def world(tree):
    allowance_row = tree.add_item(tree.village_a, "village", "低保对象", slug="allowance", audience="specific_group")
    public_row = tree.add_item(tree.village_a, "village", "村务工作", slug="work")
    party_row = tree.add_item(tree.village_a, "party", "党支部工作", slug="party")
    low = AudienceGroup.objects.create(organisation=tree.village_a, name="低保户")
    reps = AudienceGroup.objects.create(organisation=tree.village_a, name="村民代表")
    other = AudienceGroup.objects.create(organisation=tree.village_b, name="低保户")

    def narrowed(row, title, groups, **fields):
        entry = row.add_child(instance=DisclosurePage(title=title, slug=f"g-{DisclosurePage.objects.count()}",
                                                      live=False, audience=Audience.SPECIFIC_GROUP, **fields))
        entry.audience_groups.set(groups)
        entry.save_revision().publish()
        entry.refresh_from_db()
        return entry

    entries = {
        "low": narrowed(allowance_row, "GROUPONLY低保金发放明细", [low]),
        "reps": narrowed(public_row, "GROUPONLY村民代表会议材料", [reps]),
        "both": narrowed(public_row, "GROUPONLY低保评议结果", [low, reps]),
        "party_unit": narrowed(party_row, "GROUPONLY党内评议", [low], scope=Scope.UNIT_MEMBERS),
        "public": tree.add_entry(public_row, "PUBLICENTRY村务公开"),
    }
    tokens = {
        None: None,
        "low": issue("低保户门户", [low]),
        "reps": issue("村民代表门户", [reps]),
        "other_village": issue("西河村低保户", [other]),
        "party": issue("东山村党建网", organisations=[tree.village_a], scopes=["all_members", "unit_members", "specific"]),
    }
    return tree, entries, tokens, {"low": low, "reps": reps, "other": other}


EXPECTED = {
    None: {"public"},
    "low": {"public", "low", "both"},
    "reps": {"public", "reps", "both"},
    "other_village": {"public"},
    "party": {"public"},
}


def gql(query, variables=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = Client().post("/graphql/", json.dumps({"query": query, "variables": variables or {}}),
                             content_type="application/json", **headers)
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    return payload["data"]


def names(entries, ids):
    return {name for name, entry in entries.items() if entry.pk in ids}


@pytest.mark.parametrize("reader", list(EXPECTED))
def test_list_lookup_and_catalogue(world, reader):
    tree, entries, tokens, _groups = world
    token = tokens[reader]
    data = gql("{ disclosures(first: 100) { totalCount nodes { id } } }", token=token)
    assert names(entries, {int(node["id"]) for node in data["disclosures"]["nodes"]}) == EXPECTED[reader]
    for name, entry in entries.items():
        for argument, kind, value in (("id", "ID", str(entry.pk)), ("indexNumber", "String", entry.index_number),
                                      ("urlPath", "String", entry.url_path)):
            found = gql(f"query($v: {kind}!) {{ disclosure({argument}: $v) {{ id }} }}", {"v": value}, token=token)
            assert (found["disclosure"] is not None) == (name in EXPECTED[reader]), (reader, name, argument)
    data = gql("""query($org: ID!) { catalogue(organisation: $org, domain: VILLAGE) {
        items { title latestEntries(first: 10) { id } } } }""", {"org": tree.village_a.pk}, token=token)
    seen = {int(e["id"]) for item in data["catalogue"]["items"] for e in item["latestEntries"]}
    assert names(entries, seen) == EXPECTED[reader] - {"party_unit"}


def test_search_finds_group_entries_only_with_their_group(world, tmp_path):
    _tree, entries, tokens, _groups = world
    with demo_index(tmp_path):
        for reader, expected in EXPECTED.items():
            data = gql('{ search(query: "GROUPONLY", first: 50, facets: [DOMAIN]) { total hits { entry { id } } '
                       'facets { name buckets { key count } } } }', token=tokens[reader])
            found = names(entries, {int(hit["entry"]["id"]) for hit in data["search"]["hits"]})
            assert found == expected - {"public"}, reader
            assert data["search"]["total"] == len(found)
            counts = [bucket["count"] for facet in data["search"]["facets"] for bucket in facet["buckets"]]
            assert sum(counts) == len(found), reader


def test_the_search_reader_carries_the_groups(world):
    _tree, _entries, _tokens, groups = world
    reader = search_reader(Reader(group_ids=frozenset({groups["low"].pk})))
    assert reader.grants == (Grant("group", group_ids=frozenset({groups["low"].pk})),)
    assert search_reader(Reader()).grants == ()
    with pytest.raises(SearchQueryError):
        Grant("group")  # a group grant always names its groups
    with pytest.raises(SearchQueryError):
        Grant("all_members", group_ids=frozenset({1}))


def test_visible_entries_directly(world):
    _tree, entries, _tokens, groups = world
    anonymous = set(visible_entries().values_list("pk", flat=True))
    assert names(entries, anonymous) == {"public"}
    other = set(visible_entries(Reader(group_ids=frozenset({groups["other"].pk}))).values_list("pk", flat=True))
    assert names(entries, other) == {"public"}


def test_the_entry_form_requires_its_units_groups(world):

    tree, entries, _tokens, groups = world
    entry = entries["low"]
    form_class = DisclosurePage.get_edit_handler().get_form_class()
    with translation.override("en"):
        def errors(audience, chosen):
            data = {"title": entry.title, "slug": entry.slug, "audience": audience, "disclosure_attribute": "proactive",
                    "topic": "other", "audience_groups": [g.pk for g in chosen],
                    "body-count": "0", "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0",
                    "withheld_parts-TOTAL_FORMS": "0", "withheld_parts-INITIAL_FORMS": "0"}
            form = form_class(data, instance=entry, for_user=tree.users["a_editor"], parent_page=entry.get_parent())
            form.is_valid()
            return form.errors.get("audience_groups", [])

        assert errors("specific_group", [groups["low"]]) == []
        assert errors("specific_group", []) == ["Name the specific group(s) this entry is disclosed to."]
        assert "Select a valid choice" in errors("specific_group", [groups["other"]])[0]  # another unit's group
        assert errors("", [groups["low"]]) == []  # the row's audience is a specific group
    public = DisclosurePage.objects.get(pk=entries["public"].pk)
    with translation.override("en"):
        form = form_class({"title": public.title, "slug": public.slug, "audience": "", "audience_groups": [groups["low"].pk],
                           "disclosure_attribute": "proactive", "topic": "other", "body-count": "0",
                           "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0", "withheld_parts-TOTAL_FORMS": "0",
                           "withheld_parts-INITIAL_FORMS": "0"},
                          instance=public, for_user=tree.users["a_editor"], parent_page=public.get_parent())
        form.is_valid()
        assert form.errors["audience_groups"] == ["Only an entry for a specific group names groups."]


def test_delivery_records_and_the_supervision_finding(world, tree):
    from django.core.files.base import ContentFile

    from cms.models import DisclosureDocument, Organisation
    from tests.lifecycle.helpers import pdf_bytes

    _tree, entries, _tokens, groups = world
    organisations = Organisation.objects.filter(path__startswith=tree.township.path)
    missing = {f["subject"] for f in cms_findings(organisations, None) if f["kind"] == GROUP_DELIVERY_MISSING}
    assert missing == {entries[name].title for name in ("low", "reps", "both", "party_unit")}
    proof = DisclosureDocument.objects.create(title="公开栏照片", file=ContentFile(pdf_bytes(), name="proof.pdf"))
    record = DeliveryRecord(entry=entries["low"], group=groups["low"], delivered_on="2026-02-13", channel="notice_board",
                            place="东山村村务公开栏", delivered_by="村委会文书", recipients="低保户 12 户", proof=proof)
    record.full_clean()
    record.save()
    wrong = DeliveryRecord(entry=entries["low"], group=groups["reps"], delivered_on="2026-02-13", channel="on_site",
                           place="入户", delivered_by="文书", recipients="村民代表", proof=proof)
    with pytest.raises(ValidationError):
        wrong.full_clean()
    missing = {f["subject"] for f in cms_findings(organisations, None) if f["kind"] == GROUP_DELIVERY_MISSING}
    assert entries["low"].title not in missing
    finding = next(f for f in cms_findings(organisations, None) if f["kind"] == GROUP_DELIVERY_MISSING)
    assert finding["kind_label"] == "特定群体未送达" and finding["organisation"] == tree.village_a
    assert finding["url"].startswith("/admin/pages/")


def test_delivery_records_are_listed_per_unit(world, tree, client):
    from django.core.files.base import ContentFile

    from cms.models import DisclosureDocument
    from tests.lifecycle.helpers import pdf_bytes

    _tree, entries, _tokens, groups = world
    proof = DisclosureDocument.objects.create(title="签到表", file=ContentFile(pdf_bytes(), name="sign.pdf"))
    DeliveryRecord.objects.create(entry=entries["reps"], group=groups["reps"], delivered_on="2026-10-09",
                                  channel="on_site", place="第三村民小组会议", delivered_by="文书",
                                  recipients="村民代表 23 人", proof=proof)
    client.force_login(tree.users["a_editor"])
    listing = client.get("/admin/delivery_records/")
    assert listing.status_code == 200 and "第三村民小组会议" in listing.content.decode()
    client.force_login(tree.users["b_editor"])
    listing = client.get("/admin/delivery_records/")
    assert listing.status_code == 200 and "第三村民小组会议" not in listing.content.decode()
    client.force_login(tree.users["a_approver"])
    assert "村民代表" in client.get("/admin/audience_groups/").content.decode()


def test_a_group_token_is_issued_in_the_admin(world, client):
    import re

    from django.contrib.auth import get_user_model

    _tree, entries, _tokens, groups = world
    client.force_login(get_user_model().objects.create_superuser("tokens", "t@example.invalid", "pw"))
    response = client.post("/admin/api_tokens/new/", {"name": "低保户门户2", "audience_groups": [groups["low"].pk],
                                                      "expires_at": ""})
    assert response.status_code == 200, response.content[:2000]
    raw = re.search(rb'id="api-token"[^>]*>(dpt_[^<]+)<', response.content).group(1).decode()
    data = gql("{ disclosures(first: 100) { nodes { id } } }", token=raw)
    assert names(entries, {int(node["id"]) for node in data["disclosures"]["nodes"]}) == {"public", "low", "both"}
    for refused in ({"name": "空令牌"}, {"name": "只有范围", "scopes": ["all_members"]}):
        response = client.post("/admin/api_tokens/new/", {**refused, "expires_at": ""})
        assert response.status_code == 200 and b'id="api-token"' not in response.content
        assert not ApiToken.objects.filter(name=refused["name"]).exists()
