"""Exact Elasticsearch requests, built with elasticsearch.dsl and checked without a server."""

import datetime

from search.analysis import dictionary_hash
from search.backends.elasticsearch import (
    TOKEN_FIELDS, alias_swap_actions, build_count, build_search, build_title_search, bulk_delete_actions,
    bulk_index_actions, entry_mapping, index_meta, index_template_body, new_index_name, read_alias, write_alias,
)
from search.query import clauses_for, prepare
from search.schema import SCHEMA_VERSION, indexed_form
from search.types import Grant, Reader, SearchQuery

from .corpus import DOCS

# Entries past their expiry are hidden at read time ("now" is evaluated by Elasticsearch).
NOT_EXPIRED = [{"range": {"expires_at": {"lte": "now"}}}]
PUBLIC_ONLY = {"bool": {"should": [{"term": {"scope": "public"}}], "minimum_should_match": 1,
                        "must_not": NOT_EXPIRED}}


GRAM_FIELDS = (("title_grams", 1000.0), ("summary_grams", 100.0), ("body_grams", 10.0),
               ("attachments_grams", 1.0))


def typed(kind: str, key: str, value: str) -> list[dict]:
    """The phrase as typed in every grams field: the field's constant, title 1000 > summary 100 > body 10 >
    attachments 1."""
    return [{"constant_score": {"filter": {kind: {field: {key: value}}}, "boost": score}}
            for field, score in GRAM_FIELDS]


def shingle(value: str) -> list[dict]:
    """A phrase of three or four units as typed: one term of the shingles field beside each grams field."""
    return [{"constant_score": {"filter": {"term": {field.replace("_grams", "_shingles"): {"value": value}}},
                                "boost": score}}
            for field, score in GRAM_FIELDS]


def synonym(kind: str, key: str, value: str) -> list[dict]:
    """A synonym in every grams field: 1/2000 of the field's constant."""
    return [{"constant_score": {"filter": {kind: {field: {key: value}}}, "boost": score * 0.0005}}
            for field, score in GRAM_FIELDS]


def dictionary_word(word: str, summary: dict, factor: float = 1.0) -> list[dict]:
    """A dictionary word: its word token in the title (1000), its grams in the summary (100), its word
    token in the texts (10) — term lookups where they are exact; synonyms × 1/2000."""
    return [{"constant_score": {"filter": {"term": {"title_words": word}}, "boost": 1000.0 * factor}},
            {"constant_score": {"filter": summary, "boost": 100.0 * factor}},
            {"constant_score": {"filter": {"term": {"text_words": word}}, "boost": 10.0 * factor}}]


def clause(*tiers: list[dict], words: tuple[str, ...]) -> dict:
    """One query part: one of the phrases must occur; the typed phrase's words add BM25 × 0.001."""
    return {"bool": {
        "must": [{"bool": {"should": [q for tier in tiers for q in tier], "minimum_should_match": 1}}],
        "should": [{"term": {"text_words": {"value": word, "boost": 0.001}}} for word in words],
    }}


def test_names():
    assert read_alias("disclosure") == "disclosure-entries"
    assert write_alias("disclosure") == "disclosure-entries-write"
    name = new_index_name("disclosure", datetime.datetime(2026, 3, 1, 10, 15, tzinfo=datetime.timezone.utc))
    assert name.startswith("disclosure-entries-20260301t101500-") and name == name.lower()


def test_mapping_uses_only_built_in_analysers():
    mapping = entry_mapping().to_dict()
    assert mapping["dynamic"] == "strict"
    assert mapping["_source"] == {"excludes": list(TOKEN_FIELDS)}
    properties = mapping["properties"]
    assert properties["title_words"] == {"type": "text", "analyzer": "whitespace", "index_options": "freqs"}
    for name in ("title_grams", "summary_grams", "body_grams", "attachments_grams"):
        assert properties[name] == {"type": "text", "analyzer": "whitespace", "index_options": "positions"}
    for name in ("title_shingles", "summary_shingles", "body_shingles", "attachments_shingles"):
        assert properties[name] == {"type": "text", "analyzer": "whitespace", "index_options": "docs",
                                    "norms": False}
    analysers = {p.get("analyzer") for p in properties.values()} - {None}
    assert analysers == {"whitespace"}
    assert properties["body"] == {"type": "text", "index": False}
    assert properties["scope"] == {"type": "keyword"}
    assert properties["organisation_ids"] == {"type": "long"}
    assert properties["published_on"] == {"type": "date", "format": "strict_date"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["expires_at"] == {"type": "date", "format": "strict_date_optional_time"}
    assert set(properties) == {
        "id", "title", "summary", "keywords", "body", "attachments", "title_words", "text_words", "title_grams",
        "summary_grams", "body_grams", "attachments_grams", "title_shingles", "summary_shingles", "body_shingles",
        "attachments_shingles", "domain", "scope", "disclosure_attribute", "validity", "document_number", "index_number",
        "url", "organisation_id", "organisation_ids", "catalogue_item_id", "catalogue_item_ids", "year",
        "published_on", "written_on", "expires_at", "group_ids",
    }
    assert properties["group_ids"] == {"type": "long"}  # 特定群体: matched by a grant of scope "group"


def test_index_template():
    body = index_template_body("disclosure", replicas=1)
    assert body["index_patterns"] == ["disclosure-entries-*"]
    assert body["priority"] == 200
    assert body["template"]["settings"] == {
        "number_of_shards": 1, "number_of_replicas": 1, "refresh_interval": "1s", "max_result_window": 10_000}
    assert body["template"]["mappings"] == entry_mapping().to_dict()
    assert "analysis" not in body["template"]["settings"]


def test_index_meta_records_the_dictionary():
    meta = index_meta("building", "2026-03-01T10:15:00+00:00", 42)
    assert meta == {"dictionary_hash": dictionary_hash(), "schema_version": SCHEMA_VERSION,
                    "created_at": "2026-03-01T10:15:00+00:00", "state": "building", "last_id": 42}


def test_bulk_index_actions():
    form = indexed_form(DOCS[5])
    (action,) = bulk_index_actions([form], "disclosure-entries-write")
    assert action["_op_type"] == "index"
    assert action["_index"] == "disclosure-entries-write"
    assert action["_id"] == "6"
    source = action["_source"]
    assert source["title"] == "东风村宅基地审批结果公示"
    assert source["published_on"] == "2026-03-15" and source["written_on"] == "2026-03-12"
    assert source["organisation_ids"] == [1, 2, 3] and source["catalogue_item_ids"] == [300, 302]
    assert source["title_words"] == "东风 东风村 宅基 基地 审批 宅基地 宅基地审批 结果 公示 村宅"
    assert source["title_grams"] == "东风 风村 村宅 宅基 基地 地审 审批 批结 结果 果公 公示 示"
    assert source["title_shingles"] == ("东风村 风村宅 村宅基 宅基地 基地审 地审批 审批结 批结果 结果公 果公示 "
                                        "东风村宅 风村宅基 村宅基地 宅基地审 基地审批 地审批结 审批结果 批结果公 结果公示")
    assert source["summary_grams"] == "" and source["summary_shingles"] == ""
    assert set(source) <= set(entry_mapping().to_dict()["properties"])


def test_bulk_delete_actions():
    assert bulk_delete_actions([3, 7], "disclosure-entries-write") == [
        {"_op_type": "delete", "_index": "disclosure-entries-write", "_id": "3"},
        {"_op_type": "delete", "_index": "disclosure-entries-write", "_id": "7"},
    ]


def test_alias_swap_is_one_atomic_request():
    actions = alias_swap_actions("disclosure", "disclosure-entries-new", ["disclosure-entries-old"])
    assert actions == [
        {"remove": {"index": "disclosure-entries-old", "alias": "disclosure-entries"}},
        {"remove": {"index": "disclosure-entries-old", "alias": "disclosure-entries-write"}},
        {"add": {"index": "disclosure-entries-new", "alias": "disclosure-entries"}},
        {"add": {"index": "disclosure-entries-new", "alias": "disclosure-entries-write", "is_write_index": True}},
    ]
    assert alias_swap_actions("d", "d-entries-1", []) == [
        {"add": {"index": "d-entries-1", "alias": "d-entries"}},
        {"add": {"index": "d-entries-1", "alias": "d-entries-write", "is_write_index": True}},
    ]


def test_search_body_for_a_two_part_query_with_filters_and_facets():
    prepared = prepare(SearchQuery(
        "村务公开 目", domains=("village",), organisation_ids=(2,), organisation_subtree=True, catalogue_item_id=300,
        published_from=datetime.date(2026, 1, 1), published_to=datetime.date(2026, 12, 31),
        validities=("valid",), sort="date", offset=20, limit=10, facets=("domain", "year"), facet_size=5,
    ))
    body = build_search(prepared, "disclosure-entries").to_dict()
    assert body == {
        "query": {"bool": {
            "must": [clause(dictionary_word("村务公开", {"term": {"summary_shingles": {"value": "村务公开"}}}),
                            words=("村务公开",)),
                     clause(typed("prefix", "value", "目"), words=("目",))],
            "filter": [
                PUBLIC_ONLY,
                {"terms": {"domain": ["village"]}},
                {"terms": {"validity": ["valid"]}},
                {"terms": {"organisation_ids": [2]}},
                {"term": {"catalogue_item_ids": 300}},
                {"range": {"published_on": {"gte": "2026-01-01", "lte": "2026-12-31"}}},
            ],
        }},
        "sort": [{"published_on": {"order": "desc"}}, "_score"],
        "track_total_hits": True,
        "from": 20,
        "size": 10,
        "aggs": {"domain": {"terms": {"field": "domain", "size": 5}},
                 "year": {"terms": {"field": "year", "size": 5}}},
    }


def test_parts_side_by_side_then_near_one_another_in_the_body_rescore_the_first_hundred():
    body = build_search(prepare(SearchQuery("庄镇主任 中山村 村委会 目")), "i").to_dict()
    # Two consecutive parts written side by side as typed (an exact phrase of the grams of both) ...
    adjacent = ["庄镇 镇主 主任 任中 中山 山村", "中山 山村 村村 村委 委会"]
    seams = ["主任 中山", "山村 村委"]  # ... then where a part ends and the next begins; 目 takes no part
    assert body["rescore"] == {"window_size": 100, "query": {
        "rescore_query": {"bool": {"should": [
            {"constant_score": {"filter": {"match_phrase": {"body_grams": {"query": grams}}}, "boost": 10.0 * 0.5}}
            for grams in adjacent] + [
            {"constant_score": {"filter": {"match_phrase": {"body_grams": {"query": seam, "slop": 15}}},
                                "boost": 10.0 * 0.2}}
            for seam in seams]}},
        "query_weight": 1.0, "rescore_query_weight": 1.0, "score_mode": "total"}}
    assert "should" not in body["query"]["bool"] and len(body["query"]["bool"]["must"]) == 4


def test_one_part_and_the_date_order_have_no_proximity_rescore():
    assert "rescore" not in build_search(prepare(SearchQuery("庄镇主任")), "i").to_dict()
    assert "rescore" not in build_search(prepare(SearchQuery("庄镇主任 目")), "i").to_dict()
    # Elasticsearch refuses a rescore beside a sort; by date nothing is ranked by nearness.
    assert "rescore" not in build_search(prepare(SearchQuery("庄镇主任 中山村", sort="date")), "i").to_dict()


def test_a_dictionary_word_is_found_by_its_word_tokens_and_synonyms_score_below_it():
    body = build_search(prepare(SearchQuery("低保")), "i").to_dict()
    assert body["query"]["bool"]["must"] == [clause(
        dictionary_word("低保", {"term": {"summary_grams": {"value": "低保"}}}),
        dictionary_word("最低生活保障", {"match_phrase": {"summary_grams": {"query": "最低 低生 生活 活保 保障"}}},
                        0.0005),
        dictionary_word("低保户", {"term": {"summary_shingles": {"value": "低保户"}}}, 0.0005),
        words=("低保",),
    )]
    assert body["from"] == 0 and body["size"] == 10 and "sort" not in body and "aggs" not in body


def must(text: str) -> list[dict]:
    return build_search(prepare(SearchQuery(text)), "i").to_dict()["query"]["bool"]["must"]


def test_an_index_of_another_dictionary_is_searched_through_grams_only():
    body = build_search(prepare(SearchQuery("低保"), dictionary_words=False), "i").to_dict()
    tiers = body["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    assert tiers[:4] == typed("term", "value", "低保")


def test_a_phrase_is_not_split_into_words():
    # Three or four units: one shingle (the same entries as the phrase of their pairs); more: the phrase.
    assert must("庄镇主任") == [clause(shingle("庄镇主任"), words=("庄镇", "主任"))]
    assert must("公开专") == [clause(shingle("公开专"), words=("公开", "专"))]
    assert must("上庄镇主任") == [clause(typed("match_phrase", "query", "上庄 庄镇 镇主 主任"), words=("上", "庄镇", "主任"))]


def test_numbers_dates_document_numbers_and_units_as_written():
    assert must("2026年") == [clause(typed("term", "value", "2026年"), words=("2026", "年"))]
    assert must("〔2026〕12号") == [clause(typed("match_phrase", "query", "〔2026 2026〕 〕12 12号"),
                                          words=("2026", "12", "号"))]
    assert must("7月25日") == [clause(shingle("7月25日"), words=("7", "月", "25", "日"))]
    assert must("43%") == must("43％") == [clause(typed("term", "value", "43%"), words=("43",))]
    assert must("（一）") == must("(一)") == [clause(shingle("(一)"), words=("一",))]
    assert must("0961-7642167") == [clause(shingle("0961-7642167"), words=("0961", "7642167"))]
    assert must("12.5万元") == [clause(typed("match_phrase", "query", "12. .5 5万 万元"), words=("12", "5", "万元"))]


def test_digits_alone_are_a_whole_run_before_anything_but_a_letter_or_digit():
    assert must("2026") == [clause(typed("regexp", "value", "2026[^0-9a-z]?"), words=("2026",))]


def test_visibility_filter_of_a_reader_with_grants():
    reader = Reader((Grant("all_members"), Grant("unit_members", frozenset({5, 2})),
                     Grant("specific", frozenset({9}), subtree=True)))
    body = build_count(prepare(SearchQuery("通报", reader=reader)), "i").to_dict()
    assert body["size"] == 0 and body["track_total_hits"] is True
    assert body["query"]["bool"]["filter"] == [{"bool": {"should": [
        {"term": {"scope": "public"}},
        {"term": {"scope": "all_members"}},
        {"bool": {"filter": [{"term": {"scope": "unit_members"}}, {"terms": {"organisation_id": [2, 5]}}]}},
        {"bool": {"filter": [{"term": {"scope": "specific"}}, {"terms": {"organisation_ids": [9]}}]}},
    ], "minimum_should_match": 1, "must_not": NOT_EXPIRED}}]


def test_syntax_characters_reach_elasticsearch_only_as_terms():
    body = build_search(prepare(SearchQuery('低保 AND (x OR "y") title:*')), "i").to_dict()
    clauses = body["query"]["bool"]["must"]
    firsts = [c["bool"]["must"][0]["bool"]["should"][0]["constant_score"]["filter"] for c in clauses[1:]]
    assert firsts == [{"regexp": {"title_grams": {"value": "and[^0-9a-z]?"}}},
                      {"term": {"title_grams": {"value": "(x"}}},
                      {"regexp": {"title_grams": {"value": "or[^0-9a-z]?"}}},
                      {"term": {"title_shingles": {"value": 'y")'}}},
                      {"term": {"title_shingles": {"value": "title:*"}}}]
    assert "query_string" not in str(body) and "simple_query_string" not in str(body)


def test_title_suggestion_request():
    body = build_title_search(clauses_for("东风"), Reader(), 50, "i").to_dict()
    assert body == {
        "query": {"bool": {
            "must": [{"term": {"title_grams": {"value": "东风"}}}],
            "filter": [PUBLIC_ONLY],
        }},
        "_source": ["id", "title", "url"],
        "size": 50,
    }


def test_visibility_filter_of_a_group_grant():
    """特定群体: entries of scope "group" only through a grant naming one of their groups (group_ids)."""
    reader = Reader((Grant("group", group_ids=frozenset({7, 3})),))
    body = build_count(prepare(SearchQuery("低保", reader=reader)), "i").to_dict()
    assert body["query"]["bool"]["filter"] == [{"bool": {"should": [
        {"term": {"scope": "public"}},
        {"bool": {"filter": [{"term": {"scope": "group"}}, {"terms": {"group_ids": [3, 7]}}]}},
    ], "minimum_should_match": 1, "must_not": NOT_EXPIRED}}]
