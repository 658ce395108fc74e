"""Entries in bulk (cms/bulk.py) are the entries the procedure makes: compared row by row with one made the
normal way, and read through the public view, the admin search and the search outbox."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, TaskState, WorkflowState
from wagtail.search.models import IndexEntry

from cms.bulk import EntryCloner, NewEntry, make_prototype, sample_body
from cms.models import DisclosurePage, Domain
from cms.moderation.records import SecrecyReview
from cms.visibility import visible_entries
from search.models import IndexTask

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
TEXT = "东山村2026年村级财务收支情况。\n道路硬化资金12.5万元。"
# Differ between any two entries however they are made.
OWN = {"id", "page_ptr_id", "path", "slug", "url_path", "translation_key", "index_number", "live_revision_id",
       "latest_revision_id", "first_published_at", "last_published_at", "latest_revision_created_at", "body",
       "first_published_on"}  # a bulk entry is first published on its own date, the normal one today


@pytest.fixture
def item(tree):
    return tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务收支", slug="finance")


def entry(title):
    return NewEntry(title=title, published_on=DAY, summary="财务收支摘要", keywords="财务 收支", text=TEXT)


def without_ids(value):
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def ids_of(value) -> set:
    if isinstance(value, dict):
        return ({value["id"]} if "id" in value else set()).union(*(ids_of(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(ids_of(v) for v in value))
    return set()


def rows(page: DisclosurePage) -> dict:
    """Everything the procedure leaves about one entry, without ids, times and its own names."""
    page = DisclosurePage.objects.get(pk=page.pk)
    fields = {f.attname: getattr(page, f.attname) for f in DisclosurePage._meta.concrete_fields if f.attname not in OWN}
    states = list(WorkflowState.objects.filter(object_id=str(page.pk), base_content_type__model="page"))
    tasks = TaskState.objects.filter(workflow_state__in=states).order_by("pk")
    return {
        "fields": fields,
        "body": [(block.block_type, without_ids(block.block.get_prep_value(block.value))) for block in page.body
                 if block.block_type not in ("attachments", "gallery")],
        "revisions": [sorted(r.content) for r in Revision.objects.filter(object_id=str(page.pk),
                                                                         base_content_type__model="page").order_by("pk")],
        "workflow": [(s.workflow_id, s.status, s.requested_by_id, s.current_task_state_id is None) for s in states],
        "tasks": [(t.task_id, t.status, t.finished_by_id, t.comment, t.specific_class.__name__) for t in tasks],
        "log": [(e.action, e.user_id, e.label == page.title, e.revision_id is None)
                for e in PageLogEntry.objects.filter(page_id=page.pk).order_by("pk")],
        "reviews": [(r.outcome, r.title == page.title, r.reviewer_id if hasattr(r, "reviewer_id") else None)
                    for r in SecrecyReview.objects.filter(page_id=page.pk)],
        "references": ReferenceIndex.objects.filter(object_id=str(page.pk), base_content_type__model="page").count(),
        "outbox": IndexTask.objects.filter(page_id=page.pk).exists(),
    }


def test_an_entry_made_in_bulk_has_the_rows_of_one_made_through_the_procedure(tree, item):
    body = sample_body(tree.village_a, TEXT)
    members = {}
    prototype = make_prototype(item, entry("原型条目"), body, slug="prototype", members=members)
    normal = make_prototype(item, entry("对照条目"), sample_body(tree.village_a, TEXT), slug="normal", members=members)
    (bulk_id,) = EntryCloner(prototype).clone([entry("对照条目")], ["bulk-1"])
    bulk = DisclosurePage.objects.get(pk=bulk_id)

    assert rows(bulk) == rows(normal)
    assert [b.block_type for b in bulk.body] == [b.block_type for b in normal.body]
    # Block ids are the prototype's, as in a copy made by Wagtail's own "copy page"; the text is the entry's.
    assert ids_of(list(bulk.body.raw_data)) == ids_of(list(prototype.body.raw_data))
    assert "道路硬化资金12.5万元" in str(bulk.body[0].value)
    own_revisions = set(Revision.objects.filter(object_id=str(bulk.pk)).values_list("pk", flat=True))
    for revision in Revision.objects.filter(object_id=str(bulk.pk)):
        assert revision.content["pk"] == bulk.pk and revision.content["title"] == "对照条目"
        assert revision.content.get("latest_revision") in own_revisions | {None}
    assert bulk.first_published_on == DAY
    assert bulk.live and bulk.live_revision_id and bulk.latest_revision_id == bulk.live_revision_id
    assert Revision.objects.get(pk=bulk.live_revision_id).as_object().title == "对照条目"
    # The publication moment is stored in UTC; its day is the local one (Asia/Shanghai is UTC+8).
    assert timezone.localtime(bulk.first_published_at).date() == DAY and bulk.published_on == DAY
    assert bulk.url_path == item.url_path + "bulk-1/"
    prefix = prototype.index_number.rsplit("-", 1)[0]
    assert bulk.index_number == f"{prefix}-0003"  # numbered on after the prototype (0001) and the normal one (0002)


def test_many_entries_keep_the_tree_and_the_reads_consistent(tree, item):
    prototype = make_prototype(item, entry("原型条目"), sample_body(tree.village_a, TEXT), slug="prototype")
    cloner = EntryCloner(prototype)
    ids = cloner.clone([entry(f"批量条目{n}") for n in range(30)], [f"bulk-{n}" for n in range(30)])
    ids += cloner.clone([entry(f"批量条目二{n}") for n in range(5)], [f"bulk2-{n}" for n in range(5)])
    assert len(set(ids)) == 35
    assert not any(Page.find_problems())  # treebeard: paths, depths and numchild agree
    item.refresh_from_db()
    assert item.numchild == 36
    assert visible_entries().filter(pk__in=ids).count() == 35
    numbers = set(DisclosurePage.objects.filter(pk__in=ids).values_list("index_number", flat=True))
    assert len(numbers) == 35
    indexed = IndexEntry.objects.filter(content_type__model="disclosurepage", object_id__in=[str(i) for i in ids])
    assert indexed.count() == 35  # Wagtail's own index (admin search)
    assert IndexTask.objects.filter(page_id__in=ids).count() == 35


def test_the_command_refuses_bad_arguments_clearly(tree):
    with pytest.raises(CommandError, match="正整数"):
        call_command("generate_entries", "0")
    with pytest.raises(CommandError, match="--years"):
        call_command("generate_entries", "5", "--years", "2020")


def test_the_command_creates_entries_under_open_rows(tree, item):
    call_command("generate_entries", "12", "--rows-per-unit", "1", "--batch", "5", "--seed", "3", verbosity=0)
    made = DisclosurePage.objects.filter(slug__startswith="bulk-").exclude(slug__startswith="bulk-prototype")
    assert made.count() == 12
    assert all(page.live for page in made)
    assert not any(Page.find_problems())
