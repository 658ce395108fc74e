"""Building the search document (:class:`~search.schema.EntryDocument`) of a disclosure entry.

What may be indexed is decided by ``cms.visibility.indexable_entries`` (live, not withdrawn,
not withheld; non-public party entries with their scope) and the scope stored by
``cms.visibility.search_scope``. The body text is what the blocks themselves declare searchable
(``block.get_searchable_content``) in the public body (``cms.visibility.public_bodies``: without
the entry's withheld parts and the blocks withheld by secrecy review, 区分处理);
attachments contribute the text extracted from their files (``DisclosureDocument.extracted_text``,
filled by ``cms.privacy.extract`` on upload).
"""

import datetime
import logging

from django.db.models import QuerySet
from django.utils import timezone

from cms import visibility
from cms.models import CatalogueItemPage, DisclosureDocument, DisclosurePage, Organisation

from .schema import EntryDocument

logger = logging.getLogger(__name__)

STEPLEN = 4  # treebeard and Wagtail materialised-path step length


def entries_to_index() -> QuerySet[DisclosurePage]:
    """The entries the index may hold, with what building their documents needs (no query per entry
    for their withheld parts or the secrecy review governing their live revision).

    Their catalogue rows and units come by ``prefetch_related``: one query per batch for the few
    distinct ones, each shared by its entries, where a join built a row page (a Wagtail page with
    its cluster) and a unit for every entry (~40 % of reading a batch in a development profile;
    docs/search.md «Rebuild»). The named groups of the rare entries narrowed to groups are read per
    such entry (``search_group_ids``): prefetching them for every batch cost more than it saved.
    """
    return visibility.with_withheld_blocks(
        visibility.indexable_entries().prefetch_related("catalogue_item", "organisation"))


def _ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]


class EntryDocumentBuilder:
    """Builds documents for many entries with a handful of queries (trees and attachments cached)."""

    def __init__(self):
        self._organisations: dict[str, tuple[int, str]] | None = None
        self._organisation_paths: dict[int, str] = {}
        self._items: dict[str, int] | None = None

    def _organisation_tree(self):
        if self._organisations is None:
            self._organisations = {}
            for pk, path, name in Organisation.objects.values_list("id", "path", "name"):
                self._organisations[path] = (pk, name)
                self._organisation_paths[pk] = path
        return self._organisations

    def organisation_ids(self, organisation_id: int) -> list[int]:
        """The organisation and every unit above it, top first."""
        tree = self._organisation_tree()
        path = self._organisation_paths.get(organisation_id)
        if path is None:
            return [organisation_id]
        return [tree[p][0] for p in _ancestor_paths(path) if p in tree]

    def catalogue_item_ids(self, item: CatalogueItemPage) -> list[int]:
        """The catalogue item and the items above it (一级 → 二级), top first."""
        if self._items is None:
            self._items = dict(CatalogueItemPage.objects.values_list("path", "id"))
        ids = [self._items[p] for p in _ancestor_paths(item.path) if p in self._items]
        return ids or [item.pk]

    def build_many(self, pages) -> tuple[list[EntryDocument], dict[int, str]]:
        """Documents of the pages, and the errors of pages whose document could not be built."""
        pages = list(pages)
        bodies, errors = self._public_bodies(pages)
        texts = self._attachment_texts(bodies.values())
        documents = []
        for page in pages:
            if page.pk in errors:
                continue
            try:
                documents.append(self.build(page, texts, bodies[page.pk]))
            except Exception as exc:  # one broken entry must not hold up the others
                logger.exception("search document of page %s failed", page.pk)
                errors[page.pk] = f"{type(exc).__name__}: {exc}"
        return documents, errors

    def build(self, page: DisclosurePage, attachment_texts: dict[int, str] | None = None,
              public_body: list | None = None) -> EntryDocument:
        """The search document of one entry (its public content only)."""
        if public_body is None:
            public_body = visibility.public_body(page)
        if attachment_texts is None:
            attachment_texts = self._attachment_texts([public_body])
        body_parts, attachment_parts = [], []
        for block in public_body:
            body_parts.extend(str(text) for text in block.block.get_searchable_content(block.value) if text)
            for document_id in visibility.public_document_ids([block]):
                if attachment_texts.get(document_id):
                    attachment_parts.append(attachment_texts[document_id])
        organisation = page.organisation
        keywords = " ".join(filter(None, [page.keywords, organisation.name, page.publishing_body]))
        return {
            "id": page.pk,
            "title": page.title,
            "summary": page.summary,
            "keywords": keywords,
            "body": "\n".join(body_parts),
            "attachments": "\n".join(attachment_parts),
            "domain": page.domain,
            "organisation_id": page.organisation_id,
            "organisation_ids": self.organisation_ids(page.organisation_id),
            "catalogue_item_id": page.catalogue_item_id,
            "catalogue_item_ids": self.catalogue_item_ids(page.catalogue_item),
            "disclosure_attribute": page.disclosure_attribute,
            "validity": page.validity,
            "published_on": _published_on(page),
            "written_on": page.written_on,
            "document_number": page.document_number,
            "index_number": page.index_number or "",
            "scope": str(visibility.search_scope(page)),
            "group_ids": visibility.search_group_ids(page),
            "url": page.get_url() or "",
            "expires_at": page.expire_at,
        }

    @staticmethod
    def _public_bodies(pages) -> tuple[dict[int, list], dict[int, str]]:
        """Public bodies of the batch at once; if that fails, page by page so that only the broken fail."""
        try:
            return visibility.public_bodies(pages), {}
        except Exception:
            logger.exception("search documents: reading the bodies of a batch failed; reading them one by one")
        bodies, errors = {}, {}
        for page in pages:
            try:
                bodies[page.pk] = visibility.public_body(page)
            except Exception as exc:
                logger.exception("search document of page %s failed", page.pk)
                errors[page.pk] = f"{type(exc).__name__}: {exc}"
        return bodies, errors

    @staticmethod
    def _attachment_texts(bodies) -> dict[int, str]:
        """Extracted text of the documents attached in these public bodies, by document id."""
        ids = set().union(*(visibility.public_document_ids(body) for body in bodies))
        if not ids:
            return {}
        return dict(DisclosureDocument.objects.filter(pk__in=ids).values_list("id", "extracted_text"))


def _published_on(page: DisclosurePage) -> datetime.date:
    """The entry's listing date, the one the lists sort on (DisclosurePage.listing_date); today for an entry
    indexed while its first publication is being recorded."""
    return page.listing_date() or timezone.localdate()
