"""Creating planned entries: files, body, links and withheld parts, then a revision by the unit's editor
published by its approver, dated as planned (发布日期, first/last published, revision and log times)."""

import datetime
import random
import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, PageLogEntry, Revision

from blocks import iter_block_errors
from cms.lifecycle import withdraw
from cms.schedule import working_days_late
from cms.models import (
    CatalogueItemPage, DisclosureLink, DisclosurePage, Domain, Organisation, Role, WithheldPart,
)
from cms.models.choices import SCOPE_WIDTH

from cms.demo.body import FileSpec, PhotoSpec
from .catalogues import leaf_items, matching_item
from cms.demo.files import create_document, create_image, docx_bytes, pdf_bytes, png_bytes, xlsx_bytes
from .plan import EntrySpec

PUBLICATION_HOUR = 9


class DemoDataError(Exception):
    """A planned entry does not fit the database (no catalogue item, invalid body, missing link target)."""


class EntryWriter:
    """Creates the entries of a plan that do not exist yet; an entry is known by its unit and slug."""

    def __init__(self, units: dict[str, Organisation], users: dict[tuple[str, str], AbstractBaseUser],
                 fallback_user: AbstractBaseUser, seed: int):
        self.units = units
        self.users = users
        self.fallback_user = fallback_user
        self.seed = seed
        self.stream_block = DisclosurePage._meta.get_field("body").stream_block
        self._items: dict[tuple[int, str], list[tuple[str, CatalogueItemPage]]] = {}
        self._collections: dict[int, Collection] = {}
        self.existing = {
            (page.organisation_id, page.slug): page
            for page in DisclosurePage.objects.filter(organisation__in=list(units.values())).only(
                "id", "organisation_id", "slug")
        }

    def exists(self, spec: EntrySpec) -> bool:
        return (self.units[spec.unit].pk, spec.slug) in self.existing

    def create(self, spec: EntrySpec) -> DisclosurePage:
        rng = random.Random(f"{self.seed}:{spec.unit}:{spec.slug}")
        organisation = self.units[spec.unit]
        item = self.catalogue_item(organisation, spec)
        editor = self.users.get((spec.unit, Role.EDITOR), self.fallback_user)
        approver = self.users.get((spec.unit, Role.APPROVER), self.fallback_user)
        page = DisclosurePage(
            title=spec.title, slug=spec.slug, owner=editor, live=False,
            document_number=spec.document_number, published_on=spec.published_on,
            written_on=None if spec.is_draft else spec.written_on,  # a draft's document is not signed yet
            publishing_body=spec.publishing_body, disclosure_attribute=spec.attribute, topic=spec.topic,
            summary=spec.summary, keywords=spec.keywords, period_covered=spec.period_covered,
            notice_start=spec.notice_start, notice_end=spec.notice_end,
            information_formed_on=spec.information_formed_on,
            scope=self._narrowed_scope(spec, item),
            body=self._body(spec, organisation, rng),
        )
        page.links = [DisclosureLink(kind=link.kind, target=self._target(link)) for link in spec.links]
        page.withheld_parts = [
            WithheldPart(block_id=page.body[part.block].id, description=part.description, ground=part.ground,
                         legal_basis=part.legal_basis)
            for part in spec.withheld
        ]
        item.add_child(instance=page)
        revision = page.save_revision(user=editor)
        if not spec.is_draft:
            revision.publish(user=approver)
            self._date(page, revision, spec, rng)
        if spec.withdrawal_reason:
            self._withdraw(page, spec, approver, rng)
        self.existing[organisation.pk, spec.slug] = page
        return page

    def catalogue_item(self, organisation: Organisation, spec: EntrySpec) -> CatalogueItemPage:
        key = (organisation.pk, spec.domain)
        if key not in self._items:
            self._items[key] = leaf_items(organisation, spec.domain)
        item = matching_item(self._items[key], spec.row)
        if item is None:
            raise DemoDataError(f"{organisation.name} has no {spec.domain} catalogue item for “{spec.title}”.")
        return item

    @staticmethod
    def _narrowed_scope(spec: EntrySpec, item: CatalogueItemPage) -> str:
        """The spec's scope when it narrows the item's; empty (as the item) otherwise."""
        if spec.domain != Domain.PARTY or not spec.scope:
            return ""
        return spec.scope if SCOPE_WIDTH[spec.scope] < SCOPE_WIDTH[item.scope] else ""

    def _target(self, link) -> DisclosurePage:
        target = self.existing.get((self.units[link.unit].pk, link.slug))
        if target is None:
            raise DemoDataError(f"The link target {link.unit}/{link.slug} has not been created.")
        return target

    def _body(self, spec: EntrySpec, organisation: Organisation, rng: random.Random):
        raw = []
        for index, block in enumerate(spec.body):
            value = block.value
            if block.type == "attachments":
                value = [{"document": self._document(organisation, spec, index, n, file).pk, "title": ""}
                         for n, file in enumerate(block.files, start=1)]
            elif block.type == "gallery":
                value = [{"image": self._image(organisation, spec, index, n, photo).pk, "caption": photo.caption}
                         for n, photo in enumerate(block.files, start=1)]
            raw.append({"type": block.type, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128), version=4))})
        try:
            return self.stream_block.clean(self.stream_block.to_python(raw))
        except ValidationError as error:
            problems = "; ".join(f"{'/'.join(map(str, path))}: {message}" for path, message in iter_block_errors(error))
            raise DemoDataError(f"The body of “{spec.title}” is invalid: {problems}") from error

    def _collection(self, organisation: Organisation) -> Collection:
        """The unit's own collection: the one its editors may add documents to."""
        if organisation.pk not in self._collections:
            grant = GroupCollectionPermission.objects.filter(group=organisation.editors).select_related(
                "collection").first()
            self._collections[organisation.pk] = grant.collection if grant else Collection.get_first_root_node()
        return self._collections[organisation.pk]

    def _document(self, organisation, spec: EntrySpec, block: int, number: int, file: FileSpec):
        if file.kind == "pdf":
            data = pdf_bytes(list(file.lines))
        elif file.kind == "docx":
            data = docx_bytes(file.title, list(file.lines), file.sheet)
        else:
            data = xlsx_bytes(file.title, file.sheet)
        text = "\n".join(file.lines) if file.lines else "\n".join(
            " ".join(map(str, row)) for row in (file.sheet.header, *file.sheet.rows))
        filename = f"{organisation.region_code}-{organisation.department_code}-{spec.slug}-{block}-{number}.{file.kind}"
        return create_document(self._collection(organisation), file.title, filename, data, text)

    def _image(self, organisation, spec: EntrySpec, block: int, number: int, photo: PhotoSpec):
        filename = f"{organisation.region_code}-{organisation.department_code}-{spec.slug}-{block}-{number}.png"
        return create_image(self._collection(organisation), photo.title, filename,
                            png_bytes(random.Random(photo.seed)), photo.caption)

    @staticmethod
    def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
        clock = datetime.time(PUBLICATION_HOUR + rng.randint(0, 7), rng.randint(0, 59))
        return timezone.make_aware(datetime.datetime.combine(day, clock))

    def _date(self, page: DisclosurePage, revision: Revision, spec: EntrySpec, rng: random.Random) -> None:
        """Date the publication as planned rather than now, and record lateness against that date."""
        moment = self._moment(spec.published_on, rng)
        page.first_published_at = moment
        DisclosurePage.objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment, latest_revision_created_at=moment,
            first_published_on=spec.published_on, published_on=spec.published_on,
            working_days_late=working_days_late(page),
        )
        Revision.objects.filter(pk=revision.pk).update(created_at=moment)
        PageLogEntry.objects.filter(page=page).update(timestamp=moment)

    def _withdraw(self, page: DisclosurePage, spec: EntrySpec, user, rng: random.Random) -> None:
        """撤回 through the lifecycle procedure, dated a few days after publication."""
        moment = self._moment(spec.published_on, rng) + datetime.timedelta(days=rng.randint(1, 3))
        withdraw(page, user, spec.withdrawal_reason)
        DisclosurePage.objects.filter(pk=page.pk).update(withdrawn_at=moment)
        PageLogEntry.objects.filter(page=page, timestamp__gt=moment).update(timestamp=moment)
