"""The index queue with the real page tree: enqueue in the transaction, apply after commit, retry."""

import datetime
import io
import json
import os
import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cms import visibility
from cms.models import DisclosureDocument, DisclosurePage, WithheldPart
from cms.moderation.records import SecrecyReview
from search.backends import reset_backend
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.backends.embedded import TantivySearchBackend, _tantivy_document as tantivy_document
from search.consistency import check_consistency
from search.documents import EntryDocumentBuilder, entries_to_index
from search.indexing import backoff, enqueue, process_batch, process_pending, queue_status, requeue_changed_since
from search.management.commands.search_worker import Command as SearchWorkerCommand
from search.models import IndexTask
from search.parallel import AnalysisPool
from search.rebuild import rebuild_index
from search.types import Grant, Reader, SearchBackendError, SearchQuery

pytestmark = pytest.mark.django_db


class BreaksMidBatch(TantivySearchBackend):
    """A tantivy backend whose writes fail after half of a batch has been added (a crash mid-batch)."""

    broken = True

    def _write(self, forms, target):
        if self.broken and len(forms) > 1:
            def operation(writer):
                for form in forms[: len(forms) // 2]:
                    writer.add_document(tantivy_document(form))
                raise OSError("disk full")
            return self._apply(target, operation)
        return super()._write(forms, target)


@pytest.fixture
def backend(tmp_path):
    backend = TantivySearchBackend(tmp_path / "index")
    yield backend
    backend.close()


@pytest.fixture
def unreachable():
    """Elasticsearch at a port where nothing listens: every request fails (an engine that is down)."""
    backend = ElasticsearchSearchBackend("http://127.0.0.1:9", request_timeout=0.5)
    yield backend
    backend.close()


@pytest.fixture
def item(tree):
    return tree.add_item(tree.township, "government", "财政资金", slug="funds", sequence=2, code="0201")


@pytest.fixture
def party_item(tree):
    return tree.add_item(tree.township, "party", "党内事务", slug="party-affairs", sequence=5, scope="all_members")


def rich_text(html: str, block_id: str) -> dict:
    return {"type": "rich_text", "value": html, "id": block_id}


def found(backend, text, reader=Reader()):
    return {hit.id for hit in backend.search(SearchQuery(text, reader=reader, limit=100)).hits}


def test_publishing_queues_the_entry_and_the_worker_indexes_it(tree, item, backend):
    entry = tree.add_entry(item, "城关镇2026年惠农补贴发放公示", summary="补贴到户",
                           body=[rich_text("<p>耕地地力保护补贴每亩105元。</p>", "b1")], written_on="2026-03-02")
    assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()
    result = process_batch(backend)
    assert result.indexed == 1 and result.tasks >= 1
    assert queue_status().pending == 0
    assert found(backend, "惠农补贴") == {entry.pk}
    assert found(backend, "地力保护") == {entry.pk}
    fields = backend.get_documents([entry.pk])[entry.pk]
    assert fields["organisation_id"] == tree.township.pk
    assert fields["scope"] == "public" and fields["domain"] == "government"
    assert fields["published_on"] == entry.published_on
    assert fields["index_number"] == entry.index_number
    assert backend.search(SearchQuery("惠农补贴", organisation_ids=(tree.county.pk,),
                                      organisation_subtree=True)).total == 1
    assert backend.search(SearchQuery("惠农补贴", catalogue_item_id=item.pk)).total == 1


def test_a_rolled_back_publication_never_reaches_the_index(tree, item, backend):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            tree.add_entry(item, "撤回的宅基地公示")
            raise RuntimeError("the save fails after publishing")
    assert not IndexTask.objects.exists()
    process_pending(backend)
    assert found(backend, "宅基地") == set()


def test_saves_succeed_while_the_engine_is_down(tree, item, unreachable, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_APPLY_ON_COMMIT = True
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_backend()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            entry = tree.add_entry(item, "引擎停机时发布的公示")
        assert DisclosurePage.objects.get(pk=entry.pk).live
        tasks = IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True)
        assert tasks and all(t.attempts >= 1 and "Elasticsearch" in t.last_error for t in tasks)
    finally:
        reset_backend()


def test_engine_failure_is_retried_with_back_off(tree, item, backend, unreachable):
    entry = tree.add_entry(item, "低保资金发放情况")
    result = process_batch(unreachable)
    assert result.failed == 1 and result.indexed == 0
    for task in IndexTask.objects.filter(page_id=entry.pk):
        assert task.attempts == 1 and task.done_at is None and task.last_error
        assert task.next_attempt_at > timezone.now()
    assert process_batch(backend).empty  # not due yet
    later = timezone.now() + backoff(1) + datetime.timedelta(seconds=1)
    assert process_batch(backend, now=later).indexed == 1
    assert found(backend, "低保") == {entry.pk}
    assert backoff(1) == datetime.timedelta(seconds=2) and backoff(30) == datetime.timedelta(minutes=10)


def test_a_batch_failing_midway_leaves_nothing_half_done(tree, item, tmp_path):
    first = tree.add_entry(item, "第一条宅基地审批公示")
    second = tree.add_entry(item, "第二条宅基地审批公示")
    broken = BreaksMidBatch(tmp_path / "index")
    result = process_batch(broken)
    assert result.failed == 2 and "disk full" in result.error
    assert broken.document_ids() == set()
    assert set(IndexTask.objects.filter(done_at__isnull=True, attempts=1).values_list("page_id", flat=True)) == {
        first.pk, second.pk}
    broken.broken = False
    later = timezone.now() + datetime.timedelta(seconds=5)
    assert process_batch(broken, now=later).indexed == 2
    assert broken.document_ids() == {first.pk, second.pk}
    broken.close()


def test_unpublishing_and_withdrawing_remove_the_entry(tree, item, backend):
    kept = tree.add_entry(item, "继续公开的政策解读")
    gone = tree.add_entry(item, "将撤下的政策解读")
    withdrawn = tree.add_entry(item, "将撤回的政策解读")
    process_pending(backend)
    assert found(backend, "政策解读") == {kept.pk, gone.pk, withdrawn.pk}
    gone.unpublish()
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    process_pending(backend)
    assert found(backend, "政策解读") == {kept.pk}


def test_party_scope_is_indexed_and_enforced(tree, party_item, backend):
    entry = tree.add_entry(party_item, "党支部三重一大事项决策情况")
    process_pending(backend)
    assert found(backend, "三重一大") == set()
    assert backend.search(SearchQuery("三重一大", facets=("domain",))).facets["domain"] == []
    assert backend.suggest("党支部") == []
    assert found(backend, "三重一大", Reader((Grant("all_members"),))) == {entry.pk}


def test_withheld_blocks_are_not_indexed(tree, item, backend):
    entry = tree.add_entry(item, "项目招标情况", body=[rich_text("<p>公开部分：道路硬化。</p>", "open"),
                                                       rich_text("<p>保密部分：评标专家名单。</p>", "secret")])
    WithheldPart.objects.create(page=entry, block_id="secret", description="专家名单",
                                ground="third_party", legal_basis="条例第十五条")
    enqueue([entry.pk])
    process_pending(backend)
    assert found(backend, "道路硬化") == {entry.pk}
    assert found(backend, "评标专家") == set()


def test_documents_of_many_entries_match_one_by_one_with_a_fixed_number_of_queries(tree, item):
    entries = []
    for n in range(4):
        document = DisclosureDocument.objects.create(title=f"附件{n}", file=ContentFile(b"x", name=f"a{n}.txt"),
                                                     extracted_text=f"第{n}号附件的文字")
        entries.append(tree.add_entry(item, f"第{n}号项目招标情况", body=[
            rich_text("<p>公开部分：道路硬化。</p>", "open"),
            rich_text("<p>保密部分：评标专家名单。</p>", "secret"),
            rich_text("<p>审查后保留的内容。</p>", "reviewed"),
            {"type": "attachments", "id": "att", "value": [{"type": "item", "id": "i1",
                                                           "value": {"document": document.pk, "title": ""}}]},
        ]))
    WithheldPart.objects.create(page=entries[0], block_id="secret", description="专家名单",
                                ground="third_party", legal_basis="条例第十五条")
    SecrecyReview.objects.create(page=entries[1], revision=entries[1].live_revision, title=entries[1].title,
                                 audience="public", scope="public", outcome="disclose",
                                 withheld_blocks=[{"id": "reviewed", "type": "rich_text", "label": ""}])
    pages = list(entries_to_index().order_by("pk"))
    bodies = visibility.public_bodies(pages)
    for page in pages:
        alone = DisclosurePage.objects.get(pk=page.pk)  # no annotation: its own queries
        assert [block.id for block in bodies[page.pk]] == [block.id for block in visibility.public_body(alone)]
    assert [block.id for block in bodies[entries[0].pk]] == ["open", "reviewed", "att"]
    assert [block.id for block in bodies[entries[1].pk]] == ["open", "secret", "att"]

    def queries_for(entries):
        with CaptureQueriesContext(connection) as captured:
            documents, errors = EntryDocumentBuilder().build_many(list(entries))
        assert not errors and all("附件的文字" in doc["attachments"] for doc in documents)
        return len(captured)

    queries_for(entries_to_index())  # the first build also caches the site's root paths for URLs
    # Reading the entries (their rows and units prefetched for the batch) and building them.
    assert queries_for(entries_to_index().order_by("pk")[:2]) == queries_for(entries_to_index()) <= 8


def test_an_entry_whose_body_cannot_be_read_fails_alone(tree, item):
    good = tree.add_entry(item, "道路硬化工程公示", body=[rich_text("<p>道路硬化。</p>", "b1")])
    broken = tree.add_entry(item, "附件损坏的条目")
    DisclosurePage.objects.filter(pk=broken.pk).update(body=json.dumps([
        {"type": "attachments", "id": "att", "value": [
            {"type": "item", "id": "i1", "value": {"document": "不是编号", "title": ""}}]}]))
    documents, errors = EntryDocumentBuilder().build_many(entries_to_index().order_by("pk"))
    assert [doc["id"] for doc in documents] == [good.pk] and list(errors) == [broken.pk]


def test_attachment_text_is_indexed_and_followed(tree, item, backend):
    document = DisclosureDocument.objects.create(title="花名册", file=ContentFile(b"x", name="list.txt"),
                                                 extracted_text="河西镇耕地补贴发放花名册")
    entry = tree.add_entry(item, "补贴发放公示", body=[
        {"type": "attachments", "id": "att", "value": [{"type": "item", "id": "i1",
                                                       "value": {"document": document.pk, "title": ""}}]},
    ])
    process_pending(backend)
    assert found(backend, "花名册") == {entry.pk}
    document.extracted_text = "更正后的补贴清单"
    document.save()
    assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()
    process_pending(backend)
    assert found(backend, "补贴清单") == {entry.pk}


def test_renaming_an_organisation_reindexes_its_entries(tree, item, backend):
    entry = tree.add_entry(item, "年度工作报告")
    process_pending(backend)
    assert found(backend, "新城街道") == set()
    tree.township.name = "新城街道办事处"
    tree.township.save()
    assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()
    process_pending(backend)
    assert found(backend, "新城街道") == {entry.pk}


def test_rebuild_catches_up_with_changes_made_while_it_ran(tree, item, backend):
    entries = [tree.add_entry(item, f"第{n}号集体资产公示") for n in range(3)]
    process_pending(backend)

    def change_while_building(done, total):
        if done == 2:  # entries[0] is already in the new index with its old title
            entries[0].title = "第0号集体资产公示（更正）"
            entries[0].save()
            process_pending(backend)  # the worker applies it to the old, still live, index

    report = rebuild_index(backend, batch_size=2, progress=change_while_building)
    assert report.indexed == 3 and not report.failed and report.requeued >= 1
    assert backend.get_documents([entries[0].pk])[entries[0].pk]["title"] == "第0号集体资产公示"
    process_pending(backend)
    assert backend.get_documents([entries[0].pk])[entries[0].pk]["title"] == "第0号集体资产公示（更正）"
    assert requeue_changed_since(timezone.now() + datetime.timedelta(days=1)) == 0


def test_rebuild_with_analysis_in_worker_processes(tree, item, backend):
    entries = [tree.add_entry(item, f"第{n}号高标准农田建设项目公示") for n in range(5)]
    broken = tree.add_entry(item, "文号有误的公告")
    DisclosurePage.objects.filter(pk=broken.pk).update(disclosure_attribute="unknown")  # fails analysis
    seen = []
    report = rebuild_index(backend, batch_size=2, processes=2, progress=lambda done, total: seen.append(done))
    assert report.processes == 2 and report.indexed == 5 and list(report.failed) == [broken.pk]
    assert "disclosure_attribute" in report.failed[broken.pk]
    assert seen == [2, 4, 6]  # batches written in order
    assert found(backend, "高标准农田") == {entry.pk for entry in entries}


def test_a_rebuild_commits_every_few_thousand_entries_and_records_where_it_stands(tree, item, backend,
                                                                                  monkeypatch):
    """Each commit records the last id written (where a rebuild resumes); not one commit per batch."""
    entries = [tree.add_entry(item, f"第{n}号集体经济收益分配公示") for n in range(5)]
    monkeypatch.setattr("search.rebuild.COMMIT_EVERY", 4)
    recorded = []
    mark_progress = backend.mark_progress
    monkeypatch.setattr(backend, "mark_progress", lambda target, last_id: (recorded.append(last_id),
                                                                           mark_progress(target, last_id)))
    report = rebuild_index(backend, batch_size=2)
    ids = sorted(entry.pk for entry in entries)
    assert report.indexed == 5 and recorded == [ids[3], ids[4]]  # after 4 entries, then at the end
    assert found(backend, "收益分配") == set(ids)


class DyingPool(AnalysisPool):
    """An analysis pool whose worker processes are killed after the first batch (out of memory, say)."""

    batches = 0

    def submit(self, documents):
        DyingPool.batches += 1
        if DyingPool.batches == 2:
            self._executor.submit(os.getpid).result(timeout=60)  # the workers are up
            for process in list(self._executor._processes.values()):
                process.kill()
                process.join()
        return super().submit(documents)


def test_a_killed_analysis_process_stops_the_rebuild_and_it_resumes(tree, item, backend, monkeypatch):
    entries = [tree.add_entry(item, f"第{n}号土地流转合同备案公示") for n in range(4)]
    monkeypatch.setattr("search.rebuild.AnalysisPool", DyingPool)
    with pytest.raises(SearchBackendError, match="analysis process stopped"):
        rebuild_index(backend, batch_size=2, processes=2)
    monkeypatch.undo()
    report = rebuild_index(backend, batch_size=2)
    assert report.resumed and not report.failed
    assert found(backend, "土地流转") == {entry.pk for entry in entries}


def test_small_rebuilds_analyse_in_process(tree, item, backend):
    tree.add_entry(item, "村级财务收支公开")
    assert rebuild_index(backend).processes == 1


def test_consistency_check(tree, item, backend):
    entries = [tree.add_entry(item, f"第{n}号土地流转公示") for n in range(3)]
    process_pending(backend)
    consistency = check_consistency(backend, sample=10, seed=1)
    assert consistency.consistent and consistency.database_count == 3 and consistency.sampled == 3
    backend.delete_documents([entries[0].pk])
    assert check_consistency(backend).missing == {entries[0].pk}
    DisclosurePage.objects.filter(pk=entries[1].pk).update(title="改过但未入队的标题")
    assert check_consistency(backend, sample=10).differing == {entries[1].pk: ["title"]}


def test_consistency_check_compares_bodies(tree, item, backend, settings, tmp_path):
    """A body changed without a queued task (an update() that sends no signal) is reported, by search_check too."""
    entry = tree.add_entry(item, "村集体经济收支公示", body=[rich_text("<p>收入十二万元。</p>", "b1")])
    process_pending(backend)
    assert check_consistency(backend, sample=10).consistent
    DisclosurePage.objects.filter(pk=entry.pk).update(body=json.dumps([rich_text("<p>收入十五万元。</p>", "b1")]))
    report = check_consistency(backend, sample=10)
    assert report.differing == {entry.pk: ["body"]}
    indexed, expected = report.details[entry.pk]["body"]
    assert indexed != expected and indexed.startswith("sha256:") and "chars" in expected

    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = backend.path
    backend.close()
    reset_backend()
    try:
        out = io.StringIO()
        with translation.override("en"), pytest.raises(CommandError, match="differs from the database"):
            call_command("search_check", stdout=out)
        assert f"entry {entry.pk}: body" in out.getvalue()
        assert f"body: index {indexed}, database {expected}" in out.getvalue()
        with translation.override("en"):
            call_command("search_check", "--repair", stdout=io.StringIO())
        assert IndexTask.objects.filter(page_id=entry.pk, done_at__isnull=True).exists()
    finally:
        reset_backend()
    process_pending(backend)
    assert check_consistency(backend, sample=10).consistent
    assert found(backend, "十五万元") == {entry.pk}


def test_commands(tree, item, settings, tmp_path):
    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = tmp_path / "cmd-index"
    reset_backend()
    try:
        with translation.override("en"):
            entry = tree.add_entry(item, "村务监督委员会工作报告")
            out = io.StringIO()
            call_command("search_worker", "--once", stdout=out)
            text = out.getvalue()
            assert "rebuilding the search index: no index yet" in text and "search worker stopped" in text
            out = io.StringIO()
            call_command("search_status", stdout=out)
            assert "1 documents" in out.getvalue() and "0 pending" in out.getvalue()
            out = io.StringIO()
            call_command("search_check", stdout=out)
            assert "consistent" in out.getvalue()
            call_command("search_rebuild", "--if-needed", stdout=io.StringIO())
            out = io.StringIO()
            call_command("search_rebuild", "--no-resume", verbosity=0, stdout=out)
            assert "1 entries indexed" in out.getvalue()
        searcher = TantivySearchBackend(settings.SEARCH_INDEX_DIR)
        assert found(searcher, "村务监督委员会") == {entry.pk}
        searcher.close()
    finally:
        reset_backend()


@pytest.mark.parametrize("arguments, message", [
    (["--batch-size", "0"], "--batch-size must be at least 1."),
    (["--processes", "-1"], "--processes must be at least 1."),
])
def test_rebuild_command_refuses_bad_numbers(arguments, message):
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("search_rebuild", *arguments, stdout=io.StringIO())


def test_queue_status_reports_failures(tree, item, unreachable):
    tree.add_entry(item, "失败的任务")
    process_batch(unreachable)
    status = queue_status()
    assert status.pending == status.failing >= 1 and status.due == 0
    assert status.max_attempts == 1 and "Elasticsearch" in status.last_error


def test_unreachable_engine_reports_unhealthy(unreachable):
    assert not unreachable.health().ok
    with pytest.raises(SearchBackendError):
        unreachable.search(SearchQuery("低保"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_entry_becomes_searchable_through_the_worker(tree, item, settings, tmp_path, capsys):
    """The default set-up: search_worker polls beside the web process and applies the committed change.

    The latency is printed (pytest -s) and recorded in docs/benchmarks.md; it is not asserted here."""
    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = tmp_path / "live-index"
    reset_backend()
    command = SearchWorkerCommand()

    def run_worker():
        try:  # stopped by the test when it is done (a loaded machine may take long to publish)
            call_command(command, "--poll", "0.25", "--stop-after", "60", stdout=io.StringIO())
        finally:
            connections.close_all()  # the thread's own connection, so the test database can be dropped

    worker = threading.Thread(target=run_worker)
    worker.start()
    try:
        reader = TantivySearchBackend(settings.SEARCH_INDEX_DIR)
        deadline = time.monotonic() + 5
        while reader.current_name() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the worker builds the first (empty) index on start
        entry = tree.add_entry(item, "两秒内可查的高标准农田建设公示")
        committed = time.monotonic()
        while not found(reader, "高标准农田") and time.monotonic() - committed < 30:
            time.sleep(0.05)
        latency = time.monotonic() - committed
        assert found(reader, "高标准农田") == {entry.pk}
        with capsys.disabled():
            print(f"\npublish → searchable: {latency * 1000:.0f} ms")
        reader.close()
    finally:
        command._request_stop()  # as SIGTERM does
        worker.join()
        reset_backend()


def test_saving_a_draft_queues_nothing(tree, item, backend):
    entry = tree.add_entry(item, "已发布的政策文件")
    process_pending(backend)
    entry.title = "草稿中的新标题"
    entry.save_revision()
    assert queue_status().pending == 0
    assert found(backend, "政策文件") == {entry.pk}


def test_a_second_worker_without_the_index_writer_stands_by(tree, item, settings, tmp_path):
    """The embedded index has one writer: the worker that cannot get it leaves every task untouched."""
    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = tmp_path / "shared-index"
    owner = TantivySearchBackend(settings.SEARCH_INDEX_DIR)
    first = tree.add_entry(item, "先到的林地承包公示")
    process_pending(owner)  # the owner now holds the writer
    entry = tree.add_entry(item, "后到的林地流转公示")
    pending = list(IndexTask.objects.filter(done_at__isnull=True).values_list("pk", "attempts"))
    reset_backend()
    try:
        with translation.override("en"):
            out = io.StringIO()
            call_command("search_worker", "--once", "--no-auto-rebuild", stdout=out)
            assert "another process owns the search index writer; standing by" in out.getvalue()
            assert list(IndexTask.objects.filter(done_at__isnull=True).values_list("pk", "attempts")) == pending
            owner.close()
            reset_backend()
            call_command("search_worker", "--once", "--no-auto-rebuild", stdout=io.StringIO())
        assert not IndexTask.objects.filter(done_at__isnull=True).exists()
        assert found(owner, "林地") == {first.pk, entry.pk}
    finally:
        owner.close()
        reset_backend()
