"""Who sees what: anonymous readers, party portals' tokens of unit A / unit B, against entries in every
state, through every root field and through search (党务公开条例 §9; cms.visibility)."""

import pytest



PUBLIC = {"policy", "interpretation", "budget", "withheld_part", "notice_now", "party_public", "village_accounts"}
# notice_past is still live (the scheduler has not run) but its period ended: gone at read time.
NEVER = {"draft", "scheduled", "expired", "withdrawn", "withheld", "specific_group", "notice_past"}
# reader -> internal entries it may see besides the public ones
INTERNAL = {
    None: set(),
    "county_members": {"party_members", "party_unit"},   # county unit, all_members + unit_members
    "county_all_only": {"party_members"},                 # county unit, all_members only
    "township": {"township_unit"},                        # township unit, unit_members
    "county_subtree": {"party_unit", "township_unit"},    # county and below, unit_members
}
ALL = PUBLIC | NEVER | {"party_members", "party_unit", "township_unit"}
READERS = list(INTERNAL)


def expected(reader):
    return PUBLIC | INTERNAL[reader]


def token_of(demo, reader):
    return demo.tokens[reader] if reader else None


@pytest.mark.parametrize("reader", READERS)
def test_disclosures_list(api, demo, reader):
    data = api.data("{ disclosures(first: 100) { totalCount nodes { id } } }", token=token_of(demo, reader))
    ids = {int(node["id"]) for node in data["disclosures"]["nodes"]}
    names = {name for name, entry in demo.entries.items() if entry.pk in ids}
    assert names == expected(reader)
    assert data["disclosures"]["totalCount"] == len(expected(reader))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", sorted(ALL))
def test_single_entry_by_every_key(api, demo, reader, name):
    entry = demo.entry(name)
    token = token_of(demo, reader)
    visible = name in expected(reader)
    for argument, kind, value in (("id", "ID", str(entry.pk)), ("indexNumber", "String", entry.index_number),
                                  ("urlPath", "String", entry.url_path)):
        data = api.data(f"query($v: {kind}!) {{ disclosure({argument}: $v) {{ id title }} }}", {"v": value},
                        token=token)
        assert (data["disclosure"] is not None) == visible, (argument, name, reader)


@pytest.mark.parametrize("reader", READERS)
def test_catalogue_rows_and_latest_entries(api, demo, reader):
    county = demo.units["county"]
    data = api.data("""query($org: ID!) { catalogue(organisation: $org, domain: PARTY) {
        items { title scope latestEntries(first: 10) { id } } } }""", {"org": county.pk}, token=token_of(demo, reader))
    rows = {item["title"]: item for item in data["catalogue"]["items"]}
    seen = {int(entry["id"]) for item in rows.values() for entry in item["latestEntries"]}
    names = {name for name, entry in demo.entries.items() if entry.pk in seen}
    assert names == expected(reader) & {"party_public", "party_members", "party_unit"}
    assert "党委工作" in rows
    assert ("党费收缴" in rows) == (reader in ("county_members", "county_all_only"))
    assert ("组织生活" in rows) == (reader in ("county_members", "county_subtree"))


@pytest.mark.parametrize("reader", [None, "county_members"])
def test_links_only_reach_visible_entries(api, demo, reader):
    from cms.models import DisclosureLink

    link = DisclosureLink.objects.create(page=demo.entry("party_members"), kind="related", target=demo.entry("policy"))
    try:
        data = api.data("query($id: ID!) { disclosure(id: $id) { links { kind direction entry { id } } } }",
                        {"id": demo.entry("policy").pk}, token=token_of(demo, reader))
        linked = {int(link["entry"]["id"]) for link in data["disclosure"]["links"]}
        assert demo.entry("interpretation").pk in linked
        assert (demo.entry("party_members").pk in linked) == (reader == "county_members")
    finally:
        link.delete()


def test_withheld_parts_never_reach_anyone(api, demo):
    for reader in READERS:
        data = api.data("query($id: ID!) { disclosure(id: $id) { body { id ... on RichTextBlock { html text } } } }",
                        {"id": demo.entry("withheld_part").pk}, token=token_of(demo, reader))
        body = data["disclosure"]["body"]
        assert [block["id"] for block in body] == ["keep"]
        assert "SECRET" not in str(data)


def test_schema_has_no_review_or_applicant_data():
    """Nothing the API answers names review records, withheld parts, applicants' data, passwords or file
    text: the output types and their fields. (Input types may: the public application form sends the
    applicant's name and phone, which no answer returns.)"""
    import re

    from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    from graphql_api.schema import schema

    names = []
    for type_name, graphql_type in schema.graphql_schema.type_map.items():
        if type_name.startswith("__") or isinstance(graphql_type, GraphQLInputObjectType):
            continue
        names.append(type_name)
        if isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            names += [f"{type_name}.{field}" for field in graphql_type.fields]
    answered = " ".join(names).lower()
    for word in ("withheldpart", "withdrawalreason", "(?<!p)review", "secrecy", "applicant", "password", "digest",
                 "extractedtext", "identity", "email"):
        assert not re.search(word, answered), word



@pytest.mark.parametrize("reader", READERS)
def test_search_respects_grants(api, demo, index, reader):
    token = token_of(demo, reader)
    data = api.data("""{ search(query: "INTERNAL", first: 50) { total hits { entry { id } }
        facets { name buckets { key count } } } }""", token=token)
    found = {int(hit["entry"]["id"]) for hit in data["search"]["hits"]}
    names = {name for name, entry in demo.entries.items() if entry.pk in found}
    assert names == INTERNAL[reader]
    assert data["search"]["total"] == len(names)
    for word in ("DRAFT", "SCHEDULED", "EXPIRED", "WITHDRAWN", "WITHHELD", "SPECIFIC", "SECRET"):
        result = api.data(f'{{ search(query: "{word}") {{ total hits {{ entry {{ id }} }} }} }}', token=token)
        assert result["search"]["total"] == 0 and result["search"]["hits"] == [], (word, reader)


def test_search_facets_count_only_visible_entries(api, demo, index):
    def counts(token):
        data = api.data("""{ search(query: "INTERNAL", facets: [DOMAIN, ORGANISATION]) {
            facets { name buckets { key count organisation { name } } } } }""", token=token)
        return {facet["name"]: {b["key"]: b["count"] for b in facet["buckets"]} for facet in data["search"]["facets"]}

    assert sum(counts(None).get("DOMAIN", {}).values()) == 0
    assert counts(demo.tokens["county_members"])["DOMAIN"] == {"party": 2}
