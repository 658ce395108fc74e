"""An entry's metadata, relations and typed body blocks."""

import datetime


from .demo import TODAY


ENTRY = """query($id: ID!) { disclosure(id: $id) {
  id title path urlPath indexNumber documentNumber writtenOn publishedOn publishingBody disclosureAttribute topic
  summary keywords validity periodCovered noticeStart noticeEnd noticeInEffect domain audience scope isPreview
  organisation { code } catalogueItem { title }
  interpretations { title } interpretedPolicies { title }
  links { kind direction entry { title } }
  attachments { id title url fileName fileExtension mimeType size }
  body {
    __typename id type
    ... on RichTextBlock { html text }
    ... on FinancialTableBlock { caption unit unitLabel columns { heading kind summed }
                                 rows { text number } totals { text number } givenTotals { number } }
    ... on PublicExpensesBlock { year stage unit budget { overseasTravel vehicle total } actual { total } change
                                 explanation }
    ... on PersonListBlock { title explanation people { name gender birthMonth birthYear age currentPost
                                                        proposedPost } }
    ... on KeyFactsBlock { facts { label value } }
    ... on LegalBasisBlock { source article quote citation }
    ... on AttachmentsBlock { attachments { title url size } }
    ... on GalleryBlock { images { caption alt image { id width height
                                  thumbnail: rendition(size: THUMBNAIL) { url width height } } } }
  }
} }"""


def entry(api, demo, name, token=None):
    return api.data(ENTRY, {"id": demo.entry(name).pk}, token=token)["disclosure"]


def blocks_by_type(data):
    return {block["type"]: block for block in data["body"]}


def test_metadata(api, demo):
    data = entry(api, demo, "policy")
    assert data["title"] == "关于加强财政管理的通知"
    assert data["indexNumber"].startswith("330199-000-ZW") and data["documentNumber"] == "示政发〔2026〕12号"
    assert data["keywords"] == ["财政", "管理", "预算"]
    assert data["disclosureAttribute"] == "PROACTIVE" and data["validity"] == "VALID" and data["topic"] == "FINANCE"
    assert data["domain"] == "GOVERNMENT" and data["audience"] == "PUBLIC" and data["scope"] == "PUBLIC"
    assert data["publishingBody"] == "示范县人民政府"
    assert data["path"].endswith("/government/policy/normative/policy/")
    assert data["urlPath"].endswith(data["path"])
    assert data["organisation"]["code"] == "330199-000" and data["catalogueItem"]["title"] == "规范性文件"
    assert data["isPreview"] is False


def test_policy_and_interpretation_link_both_ways(api, demo):
    policy = entry(api, demo, "policy")
    interpretation = entry(api, demo, "interpretation")
    assert [e["title"] for e in policy["interpretations"]] == [interpretation["title"]]
    assert [e["title"] for e in interpretation["interpretedPolicies"]] == [policy["title"]]
    assert policy["links"] == [{"kind": "INTERPRETS", "direction": "INCOMING",
                                "entry": {"title": interpretation["title"]}}]
    data = api.data("query($id: ID!) { disclosure(id: $id) { links(direction: OUTGOING) { kind } } }",
                    {"id": demo.entry("policy").pk})
    assert data["disclosure"]["links"] == []


def test_notice_in_effect(api, demo):
    assert entry(api, demo, "notice_now")["noticeInEffect"] is True
    assert entry(api, demo, "notice_past") is None, "a notice whose period ended is gone before the scheduler runs"
    data = api.data("{ disclosures(filter: {noticesInEffect: true}) { nodes { title noticeEnd } } }")
    assert [n["title"] for n in data["disclosures"]["nodes"]] == ["干部任前公示"]


def test_typed_blocks(api, demo):
    data = entry(api, demo, "policy")
    blocks = blocks_by_type(data)
    assert set(blocks) == {"rich_text", "financial_table", "public_expenses", "person_list", "key_facts",
                           "legal_basis", "attachments", "gallery"}
    html = blocks["rich_text"]["html"]
    assert "<h2>" in html and "javascript" not in html and "<a " in html  # document link kept
    table = blocks["financial_table"]
    assert table["columns"][1] == {"heading": "金额", "kind": "amount", "summed": True}
    assert table["rows"][0] == [{"text": "办公费", "number": None}, {"text": "1200.50", "number": 1200.5},
                                {"text": "3", "number": 3.0}]
    assert [cell["number"] for cell in table["totals"]] == [None, 1500.5, 5.0]
    assert table["givenTotals"][1]["number"] == 1500.5
    expenses = blocks["public_expenses"]
    assert expenses["budget"] == {"overseasTravel": 1.5, "vehicle": 10.25, "total": 14.75}
    assert expenses["actual"]["total"] == 13.45 and round(expenses["change"], 2) == -1.3
    person = blocks["person_list"]["people"][0]
    assert person["name"] == "张三" and person["birthYear"] == 1985 and person["birthMonth"] == "1985-03"
    assert person["age"] == 41 if TODAY >= datetime.date(2026, 4, 1) else True
    assert blocks["key_facts"]["facts"] == [{"label": "项目总投资", "value": "1,200 万元"}]
    assert blocks["legal_basis"]["citation"] == "《中华人民共和国政府信息公开条例》第二十条"
    files = data["attachments"]
    assert files[0]["title"] == "附件一" and files[0]["fileExtension"] == "pdf" and files[0]["size"] > 0
    assert files[0]["mimeType"] == "application/pdf"
    image = blocks["gallery"]["images"][0]
    assert image["caption"] == "会议现场" and image["image"]["width"] == 640
    assert image["image"]["thumbnail"]["url"].startswith("http://testserver/")
    assert (image["image"]["thumbnail"]["width"], image["image"]["thumbnail"]["height"]) == (320, 240)


def test_rich_text_links_to_visible_entries_only(api, demo):
    html = blocks_by_type(entry(api, demo, "budget"))["rich_text"]["html"]
    assert f'href="{entry(api, demo, "policy")["path"]}"' in html
    assert "/documents/" in html


def test_filters(api, demo):
    def titles(filter, **extra):
        data = api.data("query($f: DisclosureFilter) { disclosures(filter: $f, first: 100) { nodes { title } } }",
                        {"f": filter}, **extra)
        return {node["title"] for node in data["disclosures"]["nodes"]}

    assert titles({"domains": ["VILLAGE"]}) == {"2026年9月村级财务公开"}
    assert titles({"organisationCode": "330199-101", "includeSubunits": True}) == {"2026年9月村级财务公开"}
    assert titles({"organisationCode": "330199-101"}) == set()
    assert titles({"catalogueItem": str(demo.items["policy"].pk)}) == {
        "关于加强财政管理的通知", "《关于加强财政管理的通知》政策解读"}
    assert titles({"published": {"start": "2026-01-01", "end": "2026-01-31"}}) == {"2026年部门预算"}
    assert titles({"periodCovered": "2025年"}) == {"2025年决算"}
    assert titles({"validities": ["REPEALED"]}) == set()
    assert titles({"disclosureAttributes": ["WITHHELD"]}) == set()
    assert titles({"topics": ["FINANCE"]}) == {"关于加强财政管理的通知"}
    assert titles({"organisation": "999999"}) == set()


def test_pagination_walks_forward_and_back(api, demo):
    query = """query($first: Int, $after: String, $last: Int, $before: String, $sort: DisclosureSort) {
        disclosures(first: $first, after: $after, last: $last, before: $before, sort: $sort) {
            totalCount edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    everything = api.data(query, {"first": 100})["disclosures"]
    titles = [edge["node"]["title"] for edge in everything["edges"]]
    seen, after = [], None
    while True:
        page = api.data(query, {"first": 3, "after": after})["disclosures"]
        seen += [edge["node"]["title"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == titles and page["totalCount"] == len(titles)
    back = api.data(query, {"last": 2, "before": everything["edges"][4]["cursor"]})["disclosures"]
    assert [edge["node"]["title"] for edge in back["edges"]] == titles[2:4]
    assert back["pageInfo"]["hasPreviousPage"] is True
    oldest = api.data(query, {"first": 100, "sort": "PUBLISHED_ON_ASC"})["disclosures"]
    assert [edge["node"]["title"] for edge in oldest["edges"]] == list(reversed(titles))
    numbered = api.data("{ disclosures(first: 2, offset: 2) { nodes { title } pageInfo { hasPreviousPage } } }")
    assert [n["title"] for n in numbered["disclosures"]["nodes"]] == titles[2:4]
    dated = api.data(query, {"first": 100, "sort": "WRITTEN_ON_DESC"})["disclosures"]
    assert len(dated["edges"]) == len(titles)


def test_single_entry_by_portal_path(api, demo):
    policy = entry(api, demo, "policy")
    data = api.data("query($p: String!) { disclosure(urlPath: $p) { id } }", {"p": policy["path"]})
    assert data["disclosure"]["id"] == policy["id"]
    data = api.data("query($p: String!) { disclosure(urlPath: $p) { id } }", {"p": policy["path"].strip("/")})
    assert data["disclosure"]["id"] == policy["id"]
