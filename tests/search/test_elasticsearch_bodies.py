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


def word(field_word: str, bigram_query: dict | None = None) -> dict:
    """The expected query of one word in both fields (title boosted 3×)."""
    should = [{"term": {"title_words": {"value": field_word, "boost": 3.0}}}]
    if bigram_query is not None:
        should.append({"bool": {"must": [bigram_query("title_bigrams")], "boost": 3.0}})
    should.append({"term": {"text_words": {"value": field_word}}})
    if bigram_query is not None:
        should.append(bigram_query("text_bigrams"))
    return {"bool": {"should": should, "minimum_should_match": 1}}


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
    assert properties["text_bigrams"] == {"type": "text", "analyzer": "whitespace", "index_options": "positions"}
    analysers = {p.get("analyzer") for p in properties.values()} - {None}
    assert analysers == {"whitespace"}
    assert properties["body"] == {"type": "text", "index": False}
    assert properties["scope"] == {"type": "keyword"}
    assert properties["organisation_ids"] == {"type": "long"}
    assert properties["published_on"] == {"type": "date", "format": "strict_date"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["expires_at"] == {"type": "date", "format": "strict_date_optional_time"}
    assert set(properties) == {
        "id", "title", "summary", "keywords", "body", "attachments", "title_words", "title_bigrams", "text_words",
        "text_bigrams", "domain", "scope", "disclosure_attribute", "validity", "document_number", "index_number",
        "url", "organisation_id", "organisation_ids", "catalogue_item_id", "catalogue_item_ids", "year",
        "published_on", "written_on", "expires_at",
    }


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
    assert source["title_bigrams"] == "东风 风村 村宅 宅基 基地 地审 审批 批结 结果 果公 公示 示"
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


def test_search_body_for_a_two_word_query_with_filters_and_facets():
    prepared = prepare(SearchQuery(
        "村务公开 目", domains=("village",), organisation_ids=(2,), organisation_subtree=True, catalogue_item_id=300,
        published_from=datetime.date(2026, 1, 1), published_to=datetime.date(2026, 12, 31),
        validities=("valid",), sort="date", offset=20, limit=10, facets=("domain", "year"), facet_size=5,
    ))
    body = build_search(prepared, "disclosure-entries").to_dict()
    prefix = lambda field: {"prefix": {field: "目"}}  # noqa: E731
    assert body == {
        "query": {"bool": {
            "must": [word("村务公开"), word("目", prefix)],
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


def test_dictionary_words_are_one_term_and_synonyms_are_alternatives():
    body = build_search(prepare(SearchQuery("低保")), "i").to_dict()
    clause = body["query"]["bool"]["must"][0]
    assert clause == {"bool": {"should": [word("低保"), word("最低生活保障"), word("低保户")],
                               "minimum_should_match": 1}}
    assert body["from"] == 0 and body["size"] == 10 and "sort" not in body and "aggs" not in body


def test_other_words_are_found_as_bigrams_too():
    bigram = lambda field: {"term": {field: "筹劳"}}  # noqa: E731
    body = build_search(prepare(SearchQuery("筹劳")), "i").to_dict()
    assert body["query"]["bool"]["must"] == [word("筹劳", bigram)]


def test_an_index_of_another_dictionary_is_searched_through_bigrams():
    phrase = lambda field: {"match_phrase": {field: "最低 低生 生活 活保 保障"}}  # noqa: E731
    body = build_search(prepare(SearchQuery("最低生活保障"), dictionary_words=False), "i").to_dict()
    clause = body["query"]["bool"]["must"][0]
    assert clause["bool"]["should"][0] == word("最低生活保障", phrase)


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
    words = [clause for clause in body["query"]["bool"]["must"]]
    terms = [w["bool"]["should"][0]["term"]["title_words"]["value"] if "should" in w["bool"] and "term" in
             w["bool"]["should"][0] else None for w in words[1:]]
    assert terms == ["and", "x", "or", "y", "title"]
    assert "query_string" not in str(body) and "simple_query_string" not in str(body)


def test_title_suggestion_request():
    body = build_title_search(clauses_for("东风"), Reader(), 50, "i").to_dict()
    assert body == {
        "query": {"bool": {
            "must": [{"bool": {"should": [{"term": {"title_words": {"value": "东风"}}}],
                               "minimum_should_match": 1}}],
            "filter": [PUBLIC_ONLY],
        }},
        "_source": ["id", "title", "url"],
        "size": 50,
    }
