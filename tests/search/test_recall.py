"""Recall against exact substring search must be 100%: every entry containing the query is found.

Word tokens alone miss words segmented differently in context (公开目录 inside 信息公开目录 →
信息|公开|目录); the bigram field closes the gap. The sentences are typical of disclosure texts.
"""

import datetime
import random

import pytest

from search.analysis import is_cjk, normalise
from search.types import Grant, Reader, SearchQuery

from .conftest import BACKENDS, dispose, make_backend
from .corpus import DOCS, text_of

SENTENCES = [
    "根据《政府信息公开条例》，本机关编制了政府信息公开目录和公开指南。",
    "村务监督委员会主任列席村民代表会议，对一事一议筹资筹劳项目进行监督。",
    "2026年城乡最低生活保障金按月足额发放，低保边缘家庭纳入监测范围。",
    "县财政局公开了三公经费支出明细，公务用车运行维护费同比下降。",
    "乡镇党委书记任前公示期满无异议，按程序办理任职手续。",
    "宅基地审批实行一户一宅，村集体经济组织成员资格认定结果张榜公布。",
    "惠农补贴资金通过社会保障卡发放，严禁代领冒领。",
    "重大行政决策事项应当公开征求意见，采纳情况及时向社会反馈。",
    "各部门应当在政府门户网站设立政策解读专栏，做到三同步。",
    "对不予公开的政府信息，应当告知申请人理由和法律依据。",
    "党支部每月开展主题党日活动，落实三会一课制度。",
    "村级财务实行村账镇代管，每季度公开一次收支明细。",
    "耕地地力保护补贴按照确权面积核定，补贴标准每亩一百零五元。",
    "特困人员救助供养标准不低于当地最低生活标准的一点三倍。",
    "棚户区改造征收补偿方案经听证后公布实施。",
    "县人民政府办公室关于印发行政规范性文件管理办法的通知。",
    "政务服务中心设立政府信息公开查阅点，方便群众查询。",
    "集体资产清产核资结果在村务公开栏公示不少于七天。",
    "本年度共收到政府信息公开申请一百二十件，按时答复率百分之百。",
    "防返贫监测对象实行动态管理，做到应纳尽纳。",
    "信息公开目录信息公开指南信息公开年报",
    "两委班子成员述职述廉报告在党员大会上宣读。",
]


def recall_docs():
    docs = [dict(doc) for doc in DOCS]
    for offset, sentence in enumerate(SENTENCES, start=1):
        docs.append({
            "id": 1000 + offset, "title": sentence[:12], "body": sentence, "domain": "government",
            "organisation_id": 1, "catalogue_item_id": 501, "disclosure_attribute": "proactive",
            "validity": "valid", "published_on": datetime.date(2026, 1, offset % 28 + 1), "scope": "public",
            "url": f"/entries/{1000 + offset}/",
        })
    return docs


def cjk_substrings(docs, count: int, seed: int = 20260301) -> list[str]:
    """A deterministic sample of CJK substrings (1–7 characters) of the documents' texts."""
    rng = random.Random(seed)
    pool = set()
    for doc in docs:
        text = text_of({"summary": "", "attachments": "", "document_number": "", **doc})
        runs, current = [], ""
        for char in text:
            if is_cjk(char):
                current += char
            else:
                if current:
                    runs.append(current)
                current = ""
        if current:
            runs.append(current)
        for run in runs:
            for length in range(1, 8):
                for start in range(0, len(run) - length + 1):
                    pool.add(run[start:start + length])
    pool = sorted(pool)
    rng.shuffle(pool)
    return pool[:count]


EVERYONE = Reader((Grant("all_members"), Grant("unit_members"), Grant("specific")))


@pytest.fixture(scope="module", params=BACKENDS)
def recall_backend(request, tmp_path_factory):
    backend = make_backend(request.param, tmp_path_factory)
    backend.index_documents(recall_docs())
    backend.refresh()
    yield backend
    dispose(backend)


def test_recall_against_substring_search_is_complete(recall_backend):
    docs = recall_docs()
    texts = {doc["id"]: normalise(text_of({"summary": "", "attachments": "", "document_number": "", **doc}))
             for doc in docs}
    queries = cjk_substrings(docs, 1500)
    missed, expected_total, found_total = [], 0, 0
    for query in queries:
        expected = {doc_id for doc_id, text in texts.items() if normalise(query) in text}
        results = recall_backend.search(SearchQuery(query, reader=EVERYONE, limit=100, highlight=False,
                                                    suggest=False))
        found = {hit.id for hit in results.hits}
        assert results.total == len(found)
        expected_total += len(expected)
        found_total += len(expected & found)
        if not expected <= found:
            missed.append((query, sorted(expected - found)))
    assert len(queries) == 1500
    assert missed == [], f"recall {found_total / expected_total:.4f}; missed: {missed[:20]}"


def test_multi_term_queries_find_every_entry_containing_all_terms(recall_backend):
    docs = recall_docs()
    texts = {doc["id"]: normalise(text_of({"summary": "", "attachments": "", "document_number": "", **doc}))
             for doc in docs}
    rng = random.Random(7)
    pieces = cjk_substrings(docs, 400, seed=11)
    for _round in range(200):
        terms = rng.sample(pieces, rng.choice([2, 3]))
        expected = {i for i, text in texts.items() if all(normalise(t) in text for t in terms)}
        results = recall_backend.search(SearchQuery(" ".join(terms), reader=EVERYONE, limit=100,
                                                    highlight=False, suggest=False))
        assert expected <= {hit.id for hit in results.hits}, terms
