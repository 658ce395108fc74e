"""Importing rows into a catalogue and exporting it, in one transaction and with page revisions.

Rows are matched to the catalogue by their (一级, 二级) names: a match gets a new revision when something
changed (history is kept), a new name becomes a new item, and items missing from the rows are reported,
never deleted (catalogue rows are retired, not deleted: domain.md §2).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import CatalogueItemPage, CataloguePage, Domain, Organisation, OrganisationLevel
from .errors import CatalogueFileError, RowError
from .files import write_table
from .rows import CatalogueRow, implicit_fields, read_catalogue_file
from .vocabulary import HEADER, PARTY_HEADER, label, normalise, time_limit_label

ROW_FIELDS = ("content_elements", "legal_basis", "responsible_body", "channels", "time_limit_kind", "cadence",
              "working_days", "time_limit_note", "notice_min_working_days", "notice_min_days", "requires_interpretation",
              "due_month", "due_day", "manner",
              "disclosure_level", "audience", "scope")


@dataclass
class ImportSummary:
    """What an import did, by item name (一级 or 一级 / 二级)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # in the catalogue, not in the file: kept as they are
    published: bool = True  # False: new items and changes were saved as drafts


def import_catalogue(catalogue: CataloguePage, data: bytes, *, format: str | None = None, user=None,
                     publish: bool = True) -> ImportSummary:
    """Validate a whole file, then add and update the catalogue's items in one transaction."""
    rows = read_catalogue_file(data, catalogue.domain, format=format)
    return import_rows(catalogue, rows, user=user, publish=publish)


def import_rows(catalogue: CataloguePage, rows: list[CatalogueRow], *, user=None, publish: bool = True,
                progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Apply validated rows to the catalogue, all or nothing. New items and changes are published when
    `publish` is true, else saved as drafts; 公开主体 names a department of the unit when it matches one.
    `progress(done, total)` is called before the first item and after each item (items, not file rows:
    a first-level item named only by its rows counts too)."""
    plan = _plan(rows, catalogue.domain == Domain.PARTY)
    departments = _departments(catalogue.organisation)
    summary = ImportSummary(published=publish)
    report = progress or (lambda done, total: None)
    report(0, len(plan))
    with transaction.atomic():
        existing = _existing_items(catalogue)
        for done, ((first, second), (number, fields)) in enumerate(plan.items(), start=1):
            fields = {**fields, "responsible_department_id": departments.get(normalise(fields["responsible_body"]))}
            name = _name((first, second))
            matches = existing.get((first, second), [])
            if len(matches) > 1:
                raise CatalogueFileError([RowError(number or 0, _("The catalogue has several items named %(name)s.")
                                                   % {"name": name})])
            if not matches:
                parent = existing[(first, "")][0] if second else catalogue
                existing[(first, second)] = [_create(parent, second or first, fields, number, user, publish)]
                summary.created.append(name)
            elif number is not None and _update(matches[0], fields, number, user, publish):
                summary.updated.append(name)
            else:
                summary.unchanged.append(name)  # a first-level item named only by its rows keeps what it has
            report(done, len(plan))
        summary.absent = [_name(key) for key, pages in existing.items()
                          if key not in plan and not any(page.is_retired for page in pages)]
    return summary


def _name(key: tuple[str, str]) -> str:
    return " / ".join(part for part in key if part)


def _plan(rows: list[CatalogueRow], party: bool) -> dict:
    """(一级, 二级) → (row number or None, fields), each first-level item before its second-level ones."""
    children, own = {}, {}
    for row in rows:
        children.setdefault(row.first, [])
        if row.second:
            children[row.first].append(row)
        else:
            own[row.first] = row
    plan = {}
    for first, under in children.items():
        if first in own:
            plan[(first, "")] = (own[first].number, own[first].fields)
        else:
            plan[(first, "")] = (None, implicit_fields([row.fields for row in under], party))
        for row in under:
            plan[(first, row.second)] = (row.number, row.fields)
    return plan


def _departments(organisation: Organisation) -> dict[str, int]:
    """Departments directly under the unit, by normalised name and short name."""
    found = {}
    for department in organisation.get_children().filter(level=OrganisationLevel.DEPARTMENT):
        for name in filter(None, (department.short_name, department.name)):
            found[normalise(name)] = department.pk
    return found


def _existing_items(catalogue: CataloguePage) -> dict[tuple[str, str], list[CatalogueItemPage]]:
    """The catalogue's items by (一级, 二级) title, as their latest revisions (drafts included)."""
    items = {}
    for first in map(latest, CatalogueItemPage.objects.child_of(catalogue)):
        items.setdefault((first.title, ""), []).append(first)
        for second in map(latest, CatalogueItemPage.objects.child_of(first)):
            items.setdefault((first.title, second.title), []).append(second)
    return items


def latest(page: CatalogueItemPage) -> CatalogueItemPage:
    """The item as its latest revision, keeping the retirement recorded on the page row."""
    current = page.get_latest_revision_as_object()
    current.retired_at, current.retirement_reason = page.retired_at, page.retirement_reason
    return current


def _create(parent, title: str, fields: dict, number: int | None, user, publish: bool) -> CatalogueItemPage:
    """A new item after its siblings; its code extends the parent's (一级 03 → 二级 0302) for 索引号."""
    sequence = max(CatalogueItemPage.objects.child_of(parent).values_list("sequence", flat=True), default=0) + 1
    prefix = (parent.code or f"{parent.sequence:02d}") if isinstance(parent, CatalogueItemPage) else ""
    slug = "" if slugify(title, allow_unicode=True) else f"item-{sequence}"  # "": Wagtail derives it from the title
    page = CatalogueItemPage(title=title, slug=slug, sequence=sequence, code=f"{prefix}{sequence:02d}"[:12],
                             owner=user, live=False, **fields)
    try:
        parent.add_child(instance=page)  # validates the page
        _save(page, user, publish, clean=False)
    except ValidationError as exc:
        raise CatalogueFileError([RowError(number or 0, "; ".join(exc.messages))]) from exc
    return page


def _update(page: CatalogueItemPage, fields: dict, number: int, user, publish: bool) -> bool:
    changes = {name: value for name, value in fields.items() if getattr(page, name) != value}
    if not changes:
        return False
    for name, value in changes.items():
        setattr(page, name, value)
    try:
        _save(page, user, publish)
    except ValidationError as exc:
        raise CatalogueFileError([RowError(number, "; ".join(exc.messages))]) from exc
    return True


def _save(page: CatalogueItemPage, user, publish: bool, clean: bool = True) -> None:
    revision = page.save_revision(user=user, log_action=True, clean=clean)
    if publish:
        revision.publish(user=user)


def catalogue_rows(catalogue: CataloguePage) -> list[list[str]]:
    """The catalogue as rows of the sample layout, header first: items as their latest revisions, retired
    items left out, and a first-level item's own row left out when it is bare (see implicit_fields)."""
    party = catalogue.domain == Domain.PARTY
    rows = [list(PARTY_HEADER if party else HEADER)]
    for i, first in enumerate(_current_children(catalogue), start=1):
        seconds = _current_children(first)
        own = {name: getattr(first, name) for name in ROW_FIELDS}
        children = [{name: getattr(page, name) for name in ROW_FIELDS} for page in seconds]
        if not seconds or own != implicit_fields(children, party):
            rows.append(_cells(str(i), first, "", party))
        for j, second in enumerate(seconds, start=1):
            rows.append(_cells(f"{i}.{j}", second, first.title, party))
    return rows


def _current_children(parent) -> list[CatalogueItemPage]:
    pages = CatalogueItemPage.objects.child_of(parent).filter(retired_at__isnull=True)
    return [latest(page) for page in sorted(pages, key=lambda page: (page.sequence, page.path))]


def _cells(number: str, page: CatalogueItemPage, first_title: str, party: bool) -> list[str]:
    first, second = (first_title, page.title) if first_title else (page.title, "")
    body = page.responsible_body or (page.responsible_department.name if page.responsible_department_id else "")
    cells = [number, first, second, page.content_elements, page.legal_basis, time_limit_label(page), body,
             "、".join(label("channels", channel) or channel for channel in page.channels or []),
             label("audience", page.audience), label("manner", page.manner), label("level", page.disclosure_level)]
    return cells + [label("scope", page.scope)] if party else cells


def export_catalogue(catalogue: CataloguePage, format: str = "xlsx") -> bytes:
    """The catalogue as an XLSX workbook or a CSV file (UTF-8 with BOM) that imports back unchanged."""
    return write_table(catalogue_rows(catalogue), format)


def export_filename(catalogue: CataloguePage, format: str) -> str:
    return f"catalogue-{catalogue.organisation.code}-{catalogue.domain}.{format}"
