"""The behaviour every backend must have: run on tantivy always, on Elasticsearch when it is reachable."""

import datetime

import pytest

from search.types import Grant, Reader, RebuildRequired, SearchQuery, SearchQueryError

from .conftest import BACKENDS, dictionary_with_extra_term, dispose, make_backend
from .corpus import DOCS, INTERNAL_IDS, PUBLIC_IDS, containing

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def ids(results):
    return {hit.id for hit in results.hits}


def search(backend, text, **options):
    options.setdefault("limit", 100)
    return backend.search(SearchQuery(text, **options))


# --- words ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["预算", "公示", "宅基地", "一事一议", "村务监督委员会", "集体资产", "任前公示",
                                  "党费", "一卡通", "道路"])
def test_one_word_finds_exactly_the_entries_containing_it(corpus_backend, word):
    assert ids(search(corpus_backend, word)) == containing(word)


def test_two_character_word_low_income_finds_its_synonym_too(corpus_backend):
    found = ids(search(corpus_backend, "低保"))
    assert containing("低保") <= found
    assert 3 in found  # only says 最低生活保障
    assert found == containing("低保") | containing("最低生活保障")


def test_word_segmented_differently_in_context_is_found(corpus_backend):
    # 政府信息公开目录 segments as 政府|信息公开目录; 公开目录 is still found through bigrams.
    assert 12 in ids(search(corpus_backend, "公开目录"))
    assert 12 in ids(search(corpus_backend, "息公开目"))


def test_single_character_is_found_anywhere(corpus_backend):
    assert ids(search(corpus_backend, "镇")) == containing("镇")
    assert ids(search(corpus_backend, "户")) == containing("户")


def test_two_words_must_both_match(corpus_backend):
    assert ids(search(corpus_backend, "东风村 宅基地")) == {6}
    assert ids(search(corpus_backend, "东风村宅基地")) == {6}


def test_three_words(corpus_backend):
    assert ids(search(corpus_backend, "河西镇 2026 预算")) == {16}
    assert ids(search(corpus_backend, "财政局 部门 公开")) == containing("财政局") & containing("部门") & containing("公开")


def test_full_width_and_case_are_normalised(corpus_backend):
    assert ids(search(corpus_backend, "２０２６ 河西镇")) == {16, 19}
    assert ids(search(corpus_backend, "ＨＴＭＬ")) == ids(search(corpus_backend, "html"))


def test_synonym_expands_broader_term(corpus_backend):
    found = ids(search(corpus_backend, "三公经费"))
    assert {2, 15} <= found  # 15 only speaks of 公务接待
    assert ids(search(corpus_backend, "公务接待")) >= {2, 15}


def test_title_match_ranks_first(corpus_backend):
    results = search(corpus_backend, "特困人员")
    assert results.hits[0].id == 20


def test_document_number_is_searchable(corpus_backend):
    assert ids(search(corpus_backend, "城财预〔2026〕3号")) == {1}


def test_attachment_text_is_searchable(corpus_backend):
    assert ids(search(corpus_backend, "花名册")) == {19}


def test_no_match(corpus_backend):
    results = search(corpus_backend, "航天发射")
    assert results.total == 0 and results.hits == []


def test_suggests_a_shorter_query_when_nothing_is_found(corpus_backend):
    results = search(corpus_backend, "宅基地 航天发射")
    assert results.total == 0
    assert results.suggestions == ["宅基地"]


# --- results, paging, sorting ------------------------------------------------------------------------

def test_hit_fields_are_the_stored_fields(corpus_backend):
    hit = search(corpus_backend, "特困人员").hits[0]
    assert hit.fields["id"] == 20
    assert hit.fields["published_on"] == datetime.date(2025, 12, 28)
    assert hit.fields["written_on"] == datetime.date(2025, 12, 25)
    assert hit.fields["document_number"] == "城民发〔2025〕41号"
    assert hit.fields["url"] == "/entries/20/"
    assert hit.fields["organisation_id"] == 5 and hit.fields["catalogue_item_id"] == 201
    assert hit.score > 0


def test_sort_by_date_newest_first(corpus_backend):
    results = search(corpus_backend, "公示", sort="date")
    dates = [hit.fields["published_on"] for hit in results.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(containing("公示"))


def test_paging(corpus_backend):
    everything = search(corpus_backend, "公示", sort="date")
    first = search(corpus_backend, "公示", sort="date", limit=2)
    second = search(corpus_backend, "公示", sort="date", limit=2, offset=2)
    assert first.total == second.total == everything.total
    assert [h.id for h in first.hits + second.hits] == [h.id for h in everything.hits[:4]]


# --- filters ---------------------------------------------------------------------------------------

def test_domain_filter(corpus_backend):
    assert ids(search(corpus_backend, "公示", domains=("village",))) == {6, 7, 19}


def test_organisation_filter_with_and_without_subtree(corpus_backend):
    assert ids(search(corpus_backend, "公示", organisation_ids=(3,))) == {6, 7}
    assert ids(search(corpus_backend, "公示", organisation_ids=(2,))) == set()
    assert ids(search(corpus_backend, "公示", organisation_ids=(2,), organisation_subtree=True)) == {6, 7}
    assert ids(search(corpus_backend, "公开", organisation_ids=(1,), organisation_subtree=True)) == containing("公开")


def test_catalogue_item_filter_with_ancestors(corpus_backend):
    assert ids(search(corpus_backend, "公开", catalogue_item_id=100)) == {1, 16}
    assert ids(search(corpus_backend, "公开", catalogue_item_id=100, catalogue_subtree=False)) == set()
    assert ids(search(corpus_backend, "公开", catalogue_item_id=101, catalogue_subtree=False)) == {1, 16}


def test_date_range_is_inclusive(corpus_backend):
    found = ids(search(corpus_backend, "公示", published_from=datetime.date(2026, 3, 15),
                       published_to=datetime.date(2026, 4, 1)))
    assert found == {3, 6}


def test_attribute_and_validity_filters(corpus_backend):
    assert ids(search(corpus_backend, "公开", disclosure_attributes=("on_application",))) == {17}
    assert ids(search(corpus_backend, "公务接待", validities=("repealed",))) == {15}
    assert ids(search(corpus_backend, "低保", validities=("valid",))) == {3, 20}


# --- facets ---------------------------------------------------------------------------------------

def test_facet_counts(corpus_backend):
    results = search(corpus_backend, "公示", facets=("domain", "organisation", "catalogue_item", "year"))
    expected = containing("公示")
    docs = [doc for doc in DOCS if doc["id"] in expected]

    def counts(key):
        tally = {}
        for doc in docs:
            tally[doc[key]] = tally.get(doc[key], 0) + 1
        return tally

    assert dict(results.facets["domain"]) == counts("domain")
    assert dict(results.facets["organisation"]) == counts("organisation_id")
    assert dict(results.facets["catalogue_item"]) == counts("catalogue_item_id")
    assert dict(results.facets["year"]) == counts("year")
    domain_counts = [count for _key, count in results.facets["domain"]]
    assert domain_counts == sorted(domain_counts, reverse=True)


def test_facets_respect_filters(corpus_backend):
    results = search(corpus_backend, "公示", domains=("village",), facets=("domain", "year"))
    assert dict(results.facets["domain"]) == {"village": 3}
    assert dict(results.facets["year"]) == {2026: 2, 2025: 1}


# --- highlights ------------------------------------------------------------------------------------

def test_title_and_snippets_are_highlighted(corpus_backend):
    hit = next(h for h in search(corpus_backend, "公开目录").hits if h.id == 12)
    assert hit.title_html == "城南县人民政府政府信息<em>公开目录</em>更新说明"
    assert hit.snippets and all("<em>公开目录</em>" in s for s in hit.snippets)
    assert all(len(s.replace("<em>", "").replace("</em>", "")) <= 102 for s in hit.snippets)


def test_synonyms_are_highlighted(corpus_backend):
    hit = next(h for h in search(corpus_backend, "三公经费").hits if h.id == 15)
    assert "<em>公务接待</em>" in hit.title_html


def test_highlights_escape_html(corpus_backend):
    hit = search(corpus_backend, "申请人").hits[0]
    assert hit.id == 17
    assert "<script>" not in hit.snippets[0]
    assert "&lt;script&gt;" in hit.snippets[0]
    assert "<em>申请人</em>" in hit.snippets[0]


# --- visibility ------------------------------------------------------------------------------------

INTERNAL_WORDS = ["三重一大", "党费", "诫勉谈话", "党委", "县委", "通报", "党员", "常委会"]


@pytest.mark.parametrize("word", INTERNAL_WORDS)
def test_anonymous_reader_never_sees_internal_entries(corpus_backend, word):
    results = search(corpus_backend, word, facets=("domain", "organisation", "catalogue_item", "year"))
    assert not ids(results) & INTERNAL_IDS
    assert results.total == len(containing(word))
    for buckets in results.facets.values():
        assert sum(count for _key, count in buckets) <= len(containing(word))
    assert dict(results.facets["domain"]).get("party", 0) == len(containing(word) & {8, 18})
    for suggestion in corpus_backend.suggest(word, limit=20):
        assert suggestion.id not in INTERNAL_IDS


def test_anonymous_suggestions_and_counts_hide_internal_entries(corpus_backend):
    assert corpus_backend.suggest("县委常委会") == []
    assert corpus_backend.count() == len(PUBLIC_IDS)
    everyone = Reader((Grant("all_members"), Grant("unit_members"), Grant("specific")))
    assert corpus_backend.count(everyone) == len(DOCS)


def test_all_members_grant(corpus_backend):
    reader = Reader((Grant("all_members"),))
    assert ids(search(corpus_backend, "三重一大", reader=reader)) == {9}
    assert ids(search(corpus_backend, "党费", reader=reader)) == set()
    assert [s.id for s in corpus_backend.suggest("县委常委会", reader)] == [9]


def test_unit_members_grant_is_limited_to_its_organisations(corpus_backend):
    own = Reader((Grant("unit_members", frozenset({2})),))
    other = Reader((Grant("unit_members", frozenset({6})),))
    county = Reader((Grant("unit_members", frozenset({1})),))
    county_subtree = Reader((Grant("unit_members", frozenset({1}), subtree=True),))
    assert ids(search(corpus_backend, "党费", reader=own)) == {10}
    assert ids(search(corpus_backend, "党费", reader=other)) == set()
    assert ids(search(corpus_backend, "党费", reader=county)) == set()
    assert ids(search(corpus_backend, "党费", reader=county_subtree)) == {10}
    assert ids(search(corpus_backend, "三重一大", reader=own)) == set()


def test_specific_grant(corpus_backend):
    reader = Reader((Grant("specific", frozenset({1})),))
    assert ids(search(corpus_backend, "诫勉谈话", reader=reader)) == {11}
    assert ids(search(corpus_backend, "诫勉谈话", reader=Reader((Grant("specific", frozenset({2})),)))) == set()


def test_grants_add_to_facets(corpus_backend):
    reader = Reader((Grant("all_members"),))
    results = search(corpus_backend, "县委", reader=reader, facets=("domain",))
    public = search(corpus_backend, "县委", facets=("domain",))
    assert dict(results.facets["domain"])["party"] == dict(public.facets["domain"]).get("party", 0) + 1


# --- suggestions as you type -----------------------------------------------------------------------

def test_title_suggestions_prefer_titles_starting_with_the_text(corpus_backend):
    titles = [s.title for s in corpus_backend.suggest("东风村")]
    assert titles and all(t.startswith("东风村") for t in titles)
    assert {s.id for s in corpus_backend.suggest("东风")} == {5, 6, 7}
    first = corpus_backend.suggest("县民政")
    assert first and first[0].title.startswith("县民政")
    assert corpus_backend.suggest("宅基") [0].url == "/entries/6/"


def test_title_suggestions_for_a_partial_word(corpus_backend):
    assert [s.id for s in corpus_backend.suggest("信息公开目")] == [12]
    assert corpus_backend.suggest("") == [] and corpus_backend.suggest("？？") == []


# --- bad input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("", "empty"),
    ("   \t\n", "empty"),
    ("公" * 10_000, "too_long"),
    ("x" * 201, "too_long"),
    ("，。！？、；：“”‘’（）《》", "no_words"),
    ("!@#$%^&*()_+-=[]{}|;':\",./<>?", "no_words"),
    ("😀🎉👍", "no_words"),
    (" ".join(f"词{i}" for i in range(30)), "too_many_words"),
])
def test_bad_queries_raise_a_clear_error(corpus_backend, text, code):
    with pytest.raises(SearchQueryError) as error:
        search(corpus_backend, text)
    assert error.value.code == code
    assert str(error.value)


@pytest.mark.parametrize("text", [
    'title:低保 AND (公示 OR *) NOT "x"~2 ^3 +宅基地 -村',
    "低保'; DROP TABLE cms_disclosurepage; --",
    "低保 /* */ %_ \\ [a-z]+ {1,2} ?",
    "低保😀",
    "低保\x00公示",
])
def test_syntax_characters_are_plain_text(corpus_backend, text):
    results = search(corpus_backend, text)
    assert results.total >= 0
    assert not ids(results) & INTERNAL_IDS


def test_emoji_beside_words_is_ignored(corpus_backend):
    assert ids(search(corpus_backend, "低保😀")) == ids(search(corpus_backend, "低保"))


@pytest.mark.parametrize("options", [
    {"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 9_950, "limit": 100}, {"sort": "title"},
    {"domains": ("army",)}, {"facets": ("author",)}, {"validities": ("draft",)},
    {"published_from": datetime.date(2026, 2, 1), "published_to": datetime.date(2026, 1, 1)},
    {"organisation_ids": ("1; DROP",)},
])
def test_bad_options_raise_a_clear_error(corpus_backend, options):
    with pytest.raises(SearchQueryError):
        search(corpus_backend, "公示", **options)


# --- writes ----------------------------------------------------------------------------------------

def test_update_and_delete(empty_backend):
    backend = empty_backend
    doc = dict(DOCS[5])
    backend.index_documents([doc])
    backend.refresh()
    assert ids(search(backend, "宅基地")) == {6}
    backend.index_documents([{**doc, "scope": "unit_members", "domain": "party"}])
    backend.refresh()
    assert ids(search(backend, "宅基地")) == set()
    assert backend.count(Reader((Grant("unit_members"),))) == 1
    backend.delete_documents([6, 999])
    backend.refresh()
    assert backend.count(Reader((Grant("unit_members"),))) == 0
    assert backend.document_ids() == set()


def test_rebuild_swaps_the_live_index(empty_backend):
    backend = empty_backend
    backend.index_documents(DOCS[:3])
    backend.refresh()
    target = backend.begin_rebuild()
    backend.index_documents(DOCS[3:], target=target.name)
    backend.mark_progress(target.name, DOCS[-1]["id"])
    assert backend.document_ids() == {1, 2, 3}  # still the old index
    backend.finish_rebuild(target.name)
    backend.refresh()
    assert backend.document_ids() == {doc["id"] for doc in DOCS[3:]}
    assert backend.metadata().name == target.name
    backend.index_documents(DOCS[:1])
    backend.refresh()
    assert 1 in backend.document_ids()


def test_unfinished_rebuild_is_resumed(empty_backend):
    backend = empty_backend
    backend.ensure_index()
    target = backend.begin_rebuild()
    backend.index_documents(DOCS[:5], target=target.name)
    backend.mark_progress(target.name, 5)
    resumed = backend.begin_rebuild()
    assert resumed.resumed and resumed.name == target.name and resumed.last_id == 5
    fresh = backend.begin_rebuild(resume=False)
    assert not fresh.resumed and fresh.name != target.name


def test_dictionary_change_demands_a_rebuild(empty_backend, tmp_path):
    backend = empty_backend
    backend.index_documents(DOCS[:3])
    backend.refresh()
    with dictionary_with_extra_term(tmp_path):
        with pytest.raises(RebuildRequired) as error:
            backend.index_documents(DOCS[3:4])
        assert error.value.index_hash in str(error.value) and error.value.current_hash in str(error.value)
        assert error.value.index_hash != error.value.current_hash
        results = search(backend, "预算")
        assert results.rebuild_required and ids(results) == containing("预算") & {1, 2, 3}
        health = backend.health()
        assert health.rebuild_required and not health.ok
        target = backend.begin_rebuild()
        backend.index_documents(DOCS, target=target.name)
        backend.finish_rebuild(target.name)
        backend.refresh()
        assert not backend.health().rebuild_required
        backend.index_documents(DOCS[3:4])
        assert not search(backend, "预算").rebuild_required
    with pytest.raises(RebuildRequired):
        backend.index_documents(DOCS[3:4])


def test_get_documents_returns_hit_fields(corpus_backend):
    found = corpus_backend.get_documents([6, 9, 12345])
    assert set(found) == {6, 9}
    assert found[6]["title"] == "东风村宅基地审批结果公示"
    assert found[9]["scope"] == "all_members"
    assert found[6]["published_on"] == datetime.date(2026, 3, 15)


# --- precision: what was typed, as typed (issue 17) -------------------------------------------------

def _precision_docs():
    from .corpus import entry

    def doc(id, title, body, **options):
        return entry(id, title, body, org=options.pop("org", 2), item=options.pop("item", 501), **options)

    filler = "本机关按照规定做好有关工作，接受群众监督。" * 6
    return [
        doc(101, "上庄镇中山村村委会工作报告", "上庄镇中山村召开会议。" + filler + "会议由村委会主任主持。"),
        doc(102, "会议纪要", "东庄镇主任办公会议研究了有关事项。"),
        doc(103, "政务公开专栏建设情况", "本单位建设政务公开专栏。"),
        doc(104, "信息公开工作", "信息公开工作领导小组召开专题会议。"),
        doc(105, "项目资金", "项目总投资2026.21万元。"),
        doc(106, "2026年预算", "本单位2026年预算已经批复。"),
        doc(107, "通知", "现将有关事项通知如下。", document_number="城政发〔2026〕12号"),
        doc(108, "名单", "共有43户农户。"),
        doc(109, "完成情况", "完成率达到43％。"),
        doc(110, "实施方案", "（一）主要内容。"),
        doc(111, "工作要点", "(一)总体要求。"),
        doc(112, "公告一", "公示期自2024年4月25日起。"),
        doc(113, "公告二", "公示期自7月25日起。"),
        doc(114, "联系方式", "联系电话：0961-7642167。"),
        doc(115, "补助资金", "发放补助资金12.5万元。"),
        doc(116, "编号说明", "项目编号20261234。"),
        doc(117, "条例学习", "学习中华人民共和国政府信息公开条例和共和国宪法。"),
        doc(120, "耕读传家文化活动", filler),
        doc(121, "文化活动", filler, summary="耕读传家文化活动简介"),
        doc(122, "文化活动", filler + "耕读传家。"),
        doc(123, "文化活动", filler, attachments="附件：耕读传家活动方案"),
        doc(124, "最低生活保障标准调整", "标准调整如下。"),
        doc(126, "工作动态", filler + "宅基地。"),
        doc(127, "工作动态", filler, summary="宅基地审批简介"),
        doc(128, "宅基地审批办法", filler),
        doc(125, "救助工作", filler + "低保工作。"),
        # Proximity: the same two parts, side by side / three characters apart / far apart.
        doc(130, "工作动态", filler + "耕地保护专项检查。"),
        doc(131, "工作动态", "耕地保护。" + filler + "专项检查。"),
        doc(132, "工作动态", filler + "耕地保护工作的专项检查。"),
        doc(133, "耕地保护", filler + "专项检查。"),
    ]


@pytest.fixture(scope="module", params=BACKENDS)
def precision_backend(request, tmp_path_factory):
    backend = make_backend(request.param, tmp_path_factory)
    backend.index_documents(_precision_docs())
    backend.refresh()
    yield backend
    dispose(backend)


@pytest.mark.parametrize("text, expected", [
    ("庄镇主任", {102}),                     # not 101: 上庄镇中山村 … 主任 far apart
    ("公开专", {103}),                       # not 104: 公开 … 召开专题
    ("中山村 主任", {101}),                  # a space: every part, each as a phrase
    ("2026年", {106}),                       # not 105: 2026.21万元
    ("〔2026〕", {107}),
    ("〔2026〕12号", {107}),
    ("2026", {105, 106, 107}),               # the digits alone; not 116: 20261234
    ("43%", {109}), ("43％", {109}),          # not 108: 43户
    ("(一)", {110, 111}), ("（一）", {110, 111}),  # not every 一
    ("7月25日", {113}),                      # not 112: 2024年4月25日
    ("0961-7642167", {114}),
    ("12.5万元", {115}),
    ("和国政府", {117}),
])
def test_a_query_is_found_as_typed_and_the_total_counts_exactly_those(precision_backend, text, expected):
    results = search(precision_backend, text)
    assert ids(results) == expected
    assert results.total == len(expected)


def test_phrase_in_title_ranks_above_summary_body_and_attachments(precision_backend):
    assert [hit.id for hit in search(precision_backend, "耕读传家").hits] == [120, 121, 122, 123]


def test_a_dictionary_word_in_the_title_ranks_above_the_summary_and_the_texts(precision_backend):
    assert [hit.id for hit in search(precision_backend, "宅基地").hits] == [128, 127, 126]


def test_parts_near_one_another_rank_higher_within_the_same_fields(precision_backend):
    results = search(precision_backend, "耕地保护 专项检查")
    # 133 has a part in its title: fields decide first; then side by side > three apart > far apart.
    assert [hit.id for hit in results.hits] == [133, 130, 132, 131]
    assert results.total == 4


def test_parts_in_the_other_order_still_rank_above_parts_far_apart(precision_backend):
    order = [hit.id for hit in search(precision_backend, "专项检查 耕地保护").hits]
    assert order[0] == 133 and order[-1] == 131 and set(order[1:3]) == {130, 132}


def test_pages_of_a_rescored_order_follow_one_another(precision_backend):
    whole = [hit.id for hit in search(precision_backend, "耕地保护 专项检查").hits]
    pages = [hit.id for offset in (0, 2) for hit in search(precision_backend, "耕地保护 专项检查", limit=2,
                                                            offset=offset).hits]
    assert pages == whole == [133, 130, 132, 131]


@pytest.fixture(scope="module", params=BACKENDS)
def window_backend(request, tmp_path_factory):
    """130 entries with both parts in the body: every tenth side by side, the others far apart."""
    from .corpus import entry

    filler = "本机关按照规定做好有关工作，接受群众监督。"
    docs = []
    for n in range(130):
        body = (filler * (1 + n % 4) + "耕地保护专项检查。" if n % 10 == 0
                else "耕地保护。" + filler * (2 + n % 4) + "专项检查。")
        docs.append(entry(300 + n, f"第{n}号工作动态", body, org=2, item=501))
    backend = make_backend(request.param, tmp_path_factory)
    backend.index_documents(docs)
    backend.refresh()
    yield backend
    dispose(backend)


def test_nearness_orders_the_first_hundred_and_pages_follow_one_another_beyond(window_backend):
    """The proximity tiers re-score the first hundred hits of the fields' ranking (base.RESCORE_WINDOW);
    a page beyond them keeps that ranking: every entry comes once, on whichever page size."""
    first, rest = (search(window_backend, "耕地保护 专项检查", limit=limit, offset=offset, highlight=False)
                   for limit, offset in ((100, 0), (30, 100)))
    whole = [hit.id for hit in first.hits + rest.hits]
    assert first.total == rest.total == 130 and sorted(whole) == list(range(300, 430))
    pages = [hit.id for offset in range(0, 130, 20)
             for hit in search(window_backend, "耕地保护 专项检查", limit=20, offset=offset, highlight=False).hits]
    assert pages == whole
    side_by_side = [(hit.id - 300) % 10 == 0 for hit in first.hits]
    assert sum(side_by_side) >= 10 and side_by_side == sorted(side_by_side, reverse=True)


def test_proximity_never_adds_a_hit(precision_backend):
    assert ids(search(precision_backend, "耕地保护 中山村")) == set()


def test_the_phrase_as_typed_ranks_above_its_synonyms(precision_backend):
    results = search(precision_backend, "低保")
    assert [hit.id for hit in results.hits] == [125, 124]
    assert results.total == 2


def test_a_phrase_is_highlighted_as_one_span_and_only_where_it_is(precision_backend):
    (hit,) = search(precision_backend, "和国政府").hits
    assert hit.snippets == ["学习中华人民共<em>和国政府</em>信息公开条例和共和国宪法。"]
    (numbered,) = search(precision_backend, "〔2026〕12号").hits
    assert "<em>" not in numbered.title_html
    (percent,) = search(precision_backend, "43%").hits
    assert percent.snippets == ["完成率达到<em>43％</em>。"]
    (item,) = [h for h in search(precision_backend, "(一)").hits if h.id == 110]
    assert item.snippets == ["<em>（一）</em>主要内容。"]


def test_digits_inside_a_longer_run_are_not_highlighted(precision_backend):
    (hit,) = [h for h in search(precision_backend, "2026").hits if h.id == 106]
    assert hit.title_html == "<em>2026</em>年预算"
    assert search(precision_backend, "20261234").hits[0].snippets == ["项目编号<em>20261234</em>。"]


def test_get_sources_returns_the_stored_texts(precision_backend):
    sources = precision_backend.get_sources([107, 115, 9999])
    assert set(sources) == {107, 115}
    assert sources[115]["body"] == "发放补助资金12.5万元。"
    assert sources[107]["document_number"] == "城政发〔2026〕12号"
