"""Entries in bulk (docs/benchmarks.md «Real volumes»): many disclosure entries as real Wagtail pages, fast.

A county holds ten years of entries: 100,000 and more. Creating them one by one through the procedure
costs about a second each; this module creates them with bulk inserts that produce **the rows the normal
path produces**, by cloning a prototype:

1. For each catalogue row that receives entries, one **prototype** entry is created and carried through
   the whole procedure the normal way (提出 → 审核 → 保密审查 → [村务监督] → 审批, by members of the unit's
   groups: :func:`make_prototype`).
2. Every row of the database that belongs to the prototype — the page and its entry row, its revisions,
   workflow and task states (with their specific tables), the secrecy review record, log entries, links,
   withheld parts, the reference index — is copied for each new entry (:class:`EntryCloner`): primary
   keys and foreign keys mapped to the copies, block ids kept (as Wagtail's copy of a page keeps them), times
   shifted so the entry is published
   on its own date, the title, summary, keywords, document number and first text block replaced by the
   new entry's, 索引号 numbered on from the sequence, tree paths appended under the row.
3. Wagtail's own search index (admin search) gets the entries through its backend's ``add_bulk``; the
   public search index gets one outbox task per entry (``search_worker`` or ``search_rebuild`` index
   them).

tests/cms/test_bulk.py compares an entry made here with one made through the procedure, row by row.
"""

import datetime
import json
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.html import escape
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import (
    Collection, GroupCollectionPermission, Page, PageLogEntry, ReferenceIndex, Revision, TaskState, WorkflowState,
)
from wagtail.search.backends import get_search_backend

from blocks import EXPENSE_ITEMS, ExpenseStage
from search.models import IndexTask

from .models import CatalogueItemPage, DisclosureLink, DisclosurePage, IndexNumberSequence, WithheldPart
from .moderation.records import SecrecyReview
from .moderation.tasks import SecrecyReviewTask

PUBLICATION_HOUR = 9
DISCLOSE = {"outcome": "disclose", "notes": "经审查，内容不涉及国家秘密和个人隐私，可以公开。"}


class BulkError(Exception):
    """The database cannot take bulk entries as asked (no members to act in the procedure, a prototype
    that did not publish)."""


@dataclass(frozen=True)
class NewEntry:
    """What differs from entry to entry."""

    title: str
    published_on: datetime.date
    summary: str = ""
    keywords: str = ""
    document_number: str = ""
    text: str = ""  # plain text: the first rich-text block's paragraphs (one per line)


def sample_body(organisation, text: str) -> list[dict]:
    """A body with a block of every type (docs/editors.md), texts from ``text``; one PDF and one photo are
    stored in the unit's collection."""
    from .demo import body as make
    from .demo.files import create_document, create_image, pdf_bytes, png_bytes
    grant = GroupCollectionPermission.objects.filter(group=organisation.editors).select_related("collection").first()
    collection = grant.collection if grant else Collection.get_first_root_node()  # the unit's own, as its editors'
    lines = [line for line in text.splitlines() if line.strip()] or ["（无）"]
    document = create_document(collection, "附件", f"bulk-{organisation.pk}-{uuid.uuid4().hex[:8]}.pdf",
                               pdf_bytes(lines), "\n".join(lines))
    image = create_image(collection, "现场照片", f"bulk-{organisation.pk}-{uuid.uuid4().hex[:8]}.png",
                         png_bytes(random.Random(organisation.pk)), "现场照片")
    specs = [
        make.rich_text(*lines),
        make.financial_table("资金使用情况", [("项目", "text"), ("金额", "amount")],
                             [["道路硬化", "12000.00"], ["农田水利", "8000.50"]]),
        make.public_expenses(2026, ExpenseStage.BUDGET, {name: "1.00" for name in EXPENSE_ITEMS}),
        make.key_facts(("公开时间", "2026年1月"), ("监督电话", "12345")),
        make.legal_basis("《中华人民共和国政府信息公开条例》", "第二十条", "行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息。"),
    ]
    raw = [{"type": spec.type, "value": spec.value, "id": str(uuid.uuid4())} for spec in specs]
    raw.append({"type": "attachments", "value": [{"document": document.pk, "title": ""}], "id": str(uuid.uuid4())})
    raw.append({"type": "gallery", "value": [{"image": image.pk, "caption": "现场照片"}], "id": str(uuid.uuid4())})
    return raw


# --- the prototype, through the procedure ----------------------------------------------------------

def _member(group, cache: dict):
    """A user of ``group`` who may act for it (the first member; one is created when it has none)."""
    if group.pk not in cache:
        user = group.user_set.filter(is_active=True).order_by("pk").first()
        if user is None:
            User = get_user_model()
            user, _created = User.objects.get_or_create(
                username=f"bulk-{group.pk}", defaults={"first_name": f"批量{group.pk}", "is_active": True})
            user.groups.add(group)
        cache[group.pk] = user
    return cache[group.pk]


def make_prototype(item: CatalogueItemPage, entry: NewEntry, body, *, slug: str, members: dict | None = None
                   ) -> DisclosurePage:
    """An entry under ``item`` taken through the whole procedure by members of the acting groups."""
    members = {} if members is None else members
    workflow = item.get_workflow()
    if workflow is None:
        raise BulkError(f"{item.title}: no workflow (run the procedure provisioning first).")
    first_task = workflow.tasks.first()
    editor = _member(first_task.specific.groups.first(), members) if first_task else None
    page = DisclosurePage(title=entry.title, slug=slug, live=False, owner=editor, summary=entry.summary,
                          keywords=entry.keywords, document_number=entry.document_number,
                          published_on=entry.published_on, body=body)
    item.add_child(instance=page)
    page.save_revision(user=editor)
    page = DisclosurePage.objects.get(pk=page.pk)
    page.get_workflow().start(page, editor)
    for _step in range(20):
        page = DisclosurePage.objects.get(pk=page.pk)
        state = page.current_workflow_task_state
        if state is None:
            break
        task = state.task.specific
        groups = task.acting_groups(state) if hasattr(task, "acting_groups") else task.groups
        user = _member(groups.first(), members)
        if isinstance(task, SecrecyReviewTask):
            task.on_action(state, user, "review", **DISCLOSE)
        else:
            task.on_action(state, user, "approve", comment="同意。")
    page = DisclosurePage.objects.get(pk=page.pk)
    if not page.live:
        raise BulkError(f"The prototype under {item.title} did not go live: {page.title}")
    return page


# --- copying rows ---------------------------------------------------------------------------------

def _concrete_values(obj: models.Model) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _local_fields(model) -> list:
    return [f for f in model._meta.get_fields() if getattr(f, "concrete", False) and f.model is model
            and not f.many_to_many]


def insert(objects: list[models.Model]) -> None:
    """Insert new ``objects`` of one model in bulk, multi-table inheritance included (Django's bulk_create
    refuses it): the top parent through bulk_create (its ids come back), each child table through one
    executemany of its own columns. Sets the objects' primary keys."""
    if not objects:
        return
    model = type(objects[0])
    chain = [*reversed(model._meta.get_parent_list()), model]
    top = chain[0]
    parents = [top(**{f.attname: getattr(obj, f.attname) for f in top._meta.concrete_fields}) for obj in objects]
    for parent in parents:
        parent.pk = None
    top.objects.bulk_create(parents)
    for obj, parent in zip(objects, parents):
        for level in chain:
            setattr(obj, level._meta.pk.attname, parent.pk)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for level in chain[1:]:
            fields = _local_fields(level)
            sql = "INSERT INTO {} ({}) VALUES ({})".format(
                quote(level._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields)))
            cursor.executemany(sql, [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                                     for obj in objects])


def _iso_moment(text: str) -> datetime.datetime | None:
    if len(text) < 19 or text[10:11] != "T" or not text[:4].isdigit():
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def insert_rows(objects: list[models.Model]) -> None:
    """Insert new ``objects`` of one single-table model whose ids nobody needs back: one executemany."""
    if not objects:
        return
    model = type(objects[0])
    fields = [f for f in _local_fields(model) if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(objects), 2000):
            cursor.executemany(sql, [[f.get_db_prep_save(_value(f, obj), connection) for f in fields]
                                     for obj in objects[start:start + 2000]])


def _value(field, obj):
    """The object's value, or what saving it would give (defaults, auto_now_add) when it has none."""
    value = getattr(obj, field.attname)
    return field.pre_save(obj, True) if value is None else value


def _walk(value, change):
    """``value`` (JSON-like) with ``change`` applied to every string and number inside it."""
    if isinstance(value, dict):
        return {key: _walk(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, change) for item in value]
    return change(value)


class EntryCloner:
    """Copies of a published prototype entry, with every row the procedure made for it (module docstring)."""

    def __init__(self, prototype: DisclosurePage):
        self.prototype = DisclosurePage.objects.get(pk=prototype.pk)
        self.item = self.prototype.get_parent().specific
        self.page_type = ContentType.objects.get_for_model(DisclosurePage)
        self.base_type = ContentType.objects.get_for_model(Page)
        pk = self.prototype.pk
        self.revisions = list(Revision.objects.filter(base_content_type=self.base_type, object_id=str(pk)).order_by("pk"))
        self.workflow_states = list(WorkflowState.objects.filter(base_content_type=self.base_type, object_id=str(pk))
                                    .order_by("pk"))
        self.task_states = [state.specific for state in
                            TaskState.objects.filter(workflow_state__in=self.workflow_states).order_by("pk")]
        self.log_entries = list(PageLogEntry.objects.filter(page_id=pk).order_by("pk"))
        self.reviews = list(SecrecyReview.objects.filter(page_id=pk).order_by("pk"))
        self.links = list(DisclosureLink.objects.filter(page_id=pk).order_by("pk"))
        self.withheld = list(WithheldPart.objects.filter(page_id=pk).order_by("pk"))
        self.references = list(ReferenceIndex.objects.filter(base_content_type=self.base_type, object_id=str(pk)))
        self.final = get_serializable_data_for_fields(self.prototype)
        self.published_at = self.prototype.first_published_at

    # -- the new entries' own values --

    def _body(self, entry: NewEntry) -> list:
        """The prototype's blocks, ids kept (as Wagtail's own copy of a page keeps them), the first rich-text
        block holding the entry's text."""
        raw = []
        replaced = False
        for block in self.prototype.body.raw_data:
            block = json.loads(json.dumps(block))
            if not replaced and block["type"] == "rich_text" and entry.text:
                block["value"] = "".join(f"<p>{escape(line)}</p>" for line in entry.text.splitlines() if line.strip())
                replaced = True
            raw.append(block)
        return raw

    def _moment(self, day: datetime.date) -> datetime.datetime:
        clock = timezone.localtime(self.published_at).time() if self.published_at else datetime.time(PUBLICATION_HOUR)
        return timezone.make_aware(datetime.datetime.combine(day, clock))

    def clone(self, entries: list[NewEntry], slugs: list[str]) -> list[int]:
        """Create ``entries`` under the prototype's row; returns their page ids. One transaction."""
        with transaction.atomic():
            return self._clone(entries, slugs)

    def _clone(self, entries, slugs) -> list[int]:
        proto = self.prototype
        item = CatalogueItemPage.objects.select_for_update().get(pk=self.item.pk)
        paths = self._paths(item, len(entries))
        numbers = self._index_numbers(entries)
        pages, contexts = [], []
        for entry, slug, path, number in zip(entries, slugs, paths, numbers):
            shift = self._moment(entry.published_on) - self.published_at
            values = _concrete_values(proto)
            values.update(
                id=None, page_ptr_id=None, path=path, depth=proto.depth, numchild=0, title=entry.title,
                draft_title=entry.title, slug=slug, url_path=f"{item.url_path}{slug}/",
                translation_key=uuid.uuid4(), summary=entry.summary, keywords=entry.keywords,
                document_number=entry.document_number, index_number=number,
                published_on=entry.published_on, first_published_on=entry.published_on,
            )
            for name in ("first_published_at", "last_published_at", "latest_revision_created_at", "go_live_at",
                         "expire_at", "locked_at"):
                if values.get(name):
                    values[name] = values[name] + shift
            if proto.written_on:
                values["written_on"] = entry.published_on
            page = DisclosurePage(**values)
            for name, value in page.sort_dates().items():  # as save() stores them
                setattr(page, name, value)
            page.body = self._body(entry)
            pages.append(page)
            contexts.append({"shift": shift, "entry": entry, "page": page})
        insert(pages)
        for context in contexts:
            context["strings"] = {proto.title: context["page"].title, proto.url_path: context["page"].url_path}
        revision_ids = self._copy_revisions(contexts)
        workflow_ids, task_ids = self._copy_workflow(contexts, revision_ids)
        self._copy_simple(contexts, revision_ids, task_ids)
        Page.objects.filter(pk=item.pk).update(numchild=models.F("numchild") + len(pages))
        live = list(DisclosurePage.objects.filter(pk__in=[p.pk for p in pages]))
        get_search_backend().add_bulk(DisclosurePage, live)
        insert_rows([IndexTask(page_id=page.pk) for page in pages])
        return [page.pk for page in pages]

    def _paths(self, item, count: int) -> list[str]:
        last = item.get_last_child()
        start = _decode(last.path[-Page.steplen:]) + 1 if last else 1
        return [item.path + _encode(start + n, Page.steplen) for n in range(count)]

    def _index_numbers(self, entries) -> list[str]:
        """The 索引号 of each entry: the prototype's prefix (with the entry's year) and the next numbers."""
        prefix_of_proto = self.prototype.index_number.rsplit("-", 2)[0]
        wanted = defaultdict(int)
        years = []
        for entry in entries:
            year = entry.published_on.year if self.prototype.written_on else int(self.prototype.index_number.split("-")[-2])
            years.append(year)
            wanted[year] += 1
        first = {}
        for year, count in wanted.items():
            prefix = f"{prefix_of_proto}-{year}"
            row, _created = IndexNumberSequence.objects.select_for_update().get_or_create(prefix=prefix)
            first[year] = row.last + 1
            IndexNumberSequence.objects.filter(pk=row.pk).update(last=row.last + count)
        numbers = []
        for year in years:
            numbers.append(f"{prefix_of_proto}-{year}-{first[year]:04d}")
            first[year] += 1
        return numbers

    def _change(self, context, ids: dict):
        """What becomes of a string inside copied JSON: the prototype's title, URL path and block ids are
        the copy's; a serialized moment (DjangoJSONEncoder's ISO form) is shifted to the copy's dates."""
        strings = context["strings"]
        shift = context["shift"]

        def change(value):
            if not isinstance(value, str):
                return value
            moment = _iso_moment(value)
            if moment is not None:
                return DjangoJSONEncoder().default(moment + shift)
            for old, new in strings.items():
                if old in value:
                    value = value.replace(old, new)
            return value
        return change

    def _copy_revisions(self, contexts) -> dict:
        """The prototype's revisions for each copy, in waves (the n-th revision of every copy together), so
        that a revision's content can name the copy's earlier revisions (latest_revision, live_revision)."""
        proto = self.prototype
        ids = defaultdict(dict)
        finals = {id(context): get_serializable_data_for_fields(context["page"]) for context in contexts}
        for revision in self.revisions:
            wave = []
            for context in contexts:
                page, final, mapped = context["page"], finals[id(context)], ids[id(context)]
                change = self._change(context, {})
                content = {}
                for key, value in revision.content.items():
                    if key in ("live_revision", "latest_revision"):
                        content[key] = mapped.get(value, value)
                    elif key in final and self.final.get(key) == value:
                        content[key] = final[key]
                    else:
                        content[key] = _walk(value, change)
                content["pk"] = page.pk
                wave.append(Revision(**{
                    **_concrete_values(revision), "id": None, "object_id": str(page.pk), "object_str": page.title,
                    "content": content, "created_at": revision.created_at + context["shift"],
                    "approved_go_live_at": revision.approved_go_live_at and
                    revision.approved_go_live_at + context["shift"]}))
            Revision.objects.bulk_create(wave, batch_size=500)
            for context, copy in zip(contexts, wave):
                ids[id(context)][revision.pk] = copy.pk
        Page.objects.bulk_update(
            [Page(pk=context["page"].pk, live_revision_id=ids[id(context)].get(proto.live_revision_id),
                  latest_revision_id=ids[id(context)].get(proto.latest_revision_id)) for context in contexts],
            ["live_revision", "latest_revision"], batch_size=500)
        for context in contexts:
            context["page"].live_revision_id = ids[id(context)].get(proto.live_revision_id)
            context["page"].latest_revision_id = ids[id(context)].get(proto.latest_revision_id)
        return ids

    def _copy_workflow(self, contexts, revision_ids):
        workflow_ids, task_ids = defaultdict(dict), defaultdict(dict)
        states = []
        for context in contexts:
            for state in self.workflow_states:
                copy = WorkflowState(**{**_concrete_values(state), "id": None, "object_id": str(context["page"].pk),
                                        "current_task_state_id": None,
                                        "created_at": state.created_at + context["shift"]})
                states.append((context, state, copy))
        WorkflowState.objects.bulk_create([copy for _c, _s, copy in states])
        for context, state, copy in states:
            workflow_ids[id(context)][state.pk] = copy.pk
        by_model = defaultdict(list)
        for context in contexts:
            for task_state in self.task_states:
                values = _concrete_values(task_state)
                values.update(id=None, taskstate_ptr_id=None,
                              workflow_state_id=workflow_ids[id(context)][task_state.workflow_state_id],
                              revision_id=revision_ids[id(context)].get(task_state.revision_id),
                              started_at=task_state.started_at + context["shift"],
                              finished_at=task_state.finished_at and task_state.finished_at + context["shift"])
                values = {k: v for k, v in values.items() if k in {f.attname for f in type(task_state)._meta.concrete_fields}}
                by_model[type(task_state)].append((context, task_state, type(task_state)(**values)))
        for rows in by_model.values():
            insert([copy for _c, _s, copy in rows])
            for context, task_state, copy in rows:
                task_ids[id(context)][task_state.pk] = copy.pk
        current = []
        for context, state, copy in states:
            if state.current_task_state_id:
                copy.current_task_state_id = task_ids[id(context)][state.current_task_state_id]
                current.append(copy)
        WorkflowState.objects.bulk_update(current, ["current_task_state"], batch_size=500)
        return workflow_ids, task_ids

    def _copy_simple(self, contexts, revision_ids, task_ids):
        logs, reviews, links, withheld, references = [], [], [], [], []
        for context in contexts:
            page = context["page"]
            revisions = revision_ids[id(context)]
            change = self._change(context, {})
            uuids = {}
            for log in self.log_entries:
                data = _walk(log.data, change)
                if isinstance(data.get("revision"), dict) and data["revision"].get("id") in revisions:
                    data["revision"]["id"] = revisions[data["revision"]["id"]]
                logs.append(PageLogEntry(**{**_concrete_values(log), "id": None, "page_id": page.pk,
                                            "revision_id": revisions.get(log.revision_id), "label": page.title,
                                            "uuid": uuids.setdefault(log.uuid, uuid.uuid4()) if log.uuid else None, "data": data,
                                            "timestamp": log.timestamp + context["shift"]}))
            for review in self.reviews:
                values = {**_concrete_values(review), "id": None, "page_id": page.pk,
                          "revision_id": revisions.get(review.revision_id),
                          "task_state_id": task_ids[id(context)].get(review.task_state_id)}
                for field in SecrecyReview._meta.concrete_fields:
                    value = values[field.attname]
                    if isinstance(value, datetime.datetime):
                        values[field.attname] = value + context["shift"]
                    elif isinstance(value, (str, list, dict)) and field.attname not in ("outcome",):
                        values[field.attname] = _walk(value, change)
                values["title"] = page.title
                values["summary"] = page.summary
                reviews.append(SecrecyReview(**values))
            for link in self.links:
                links.append(DisclosureLink(**{**_concrete_values(link), "id": None, "page_id": page.pk}))
            for part in self.withheld:
                withheld.append(WithheldPart(**{**_concrete_values(part), "id": None, "page_id": page.pk}))
            for reference in self.references:  # same blocks, same paths: the rows Wagtail would extract
                references.append(ReferenceIndex(**{**_concrete_values(reference), "id": None,
                                                    "object_id": str(page.pk)}))
        for rows in (logs, reviews, links, withheld, references):
            insert_rows(rows)


def _encode(number: int, width: int) -> str:
    """A tree path step: ``number`` in treebeard's alphabet (Page.alphabet), ``width`` digits."""
    base = len(Page.alphabet)
    out = ""
    while number:
        number, digit = divmod(number, base)
        out = Page.alphabet[digit] + out
    return out.rjust(width, Page.alphabet[0])


def _decode(step: str) -> int:
    base = len(Page.alphabet)
    number = 0
    for char in step:
        number = number * base + Page.alphabet.index(char)
    return number
