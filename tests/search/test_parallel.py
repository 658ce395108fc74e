"""Analysis in worker processes (search.parallel) gives exactly what analysis in-process gives."""

import datetime

import pytest

from search.parallel import AnalysisPool, analyse_batch
from search.schema import indexed_form


def document(doc_id: int, title: str, body: str = "") -> dict:
    return {"id": doc_id, "title": title, "body": body, "domain": "village", "scope": "public",
            "disclosure_attribute": "proactive", "validity": "valid", "organisation_id": 7, "catalogue_item_id": 3,
            "published_on": datetime.date(2026, 3, 1)}


DOCUMENTS = [
    document(1, "东风村2026年一季度村务财务收支公开", "村务监督委员会审核了本月收支，结余3.2万元。"),
    document(2, "城关镇低保对象名单公示", "经入户调查、民主评议，拟将张某某等5户纳入最低生活保障范围。"),
    {**document(3, "格式有误的条目"), "domain": "nowhere"},
    document(4, "信息公开目录更新说明", "ＡＢＣ全角字母和０３２４－１２３４５６７电话号码。"),
]


def test_a_batch_reports_malformed_documents_and_keeps_the_others():
    forms, errors = analyse_batch(DOCUMENTS)
    assert [form["id"] for form in forms] == [1, 2, 4]
    assert list(errors) == [3] and "ValueError" in errors[3] and "domain" in errors[3]


def test_worker_processes_return_the_in_process_forms_in_order():
    with AnalysisPool(2) as pool:
        futures = pool.submit(DOCUMENTS)
        results = [future.result(timeout=60) for future in futures]
    assert len(futures) == 2  # the batch was shared between both workers
    forms = [form for part, _errors in results for form in part]
    errors = {key: value for _part, part_errors in results for key, value in part_errors.items()}
    assert forms == [indexed_form(doc) for doc in DOCUMENTS if doc["id"] != 3]
    assert list(errors) == [3]


def test_one_process_analyses_in_this_process():
    with AnalysisPool(1) as pool:
        (future,) = pool.submit(DOCUMENTS[:2])
        assert future.done() and [form["id"] for form in future.result()[0]] == [1, 2]


@pytest.mark.parametrize("processes", [0, -2, "2", None])
def test_the_number_of_processes_must_be_positive(processes):
    with pytest.raises(ValueError, match="positive integer"):
        AnalysisPool(processes)
