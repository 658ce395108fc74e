"""Loaders of entries and their relations; every query starts from cms.visibility for this reader."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.images import get_image_model

from cms.models import CatalogueItemPage, DisclosureDocument, DisclosureLink, DisclosurePage
from cms.visibility import visible_entries, with_withheld_blocks

from ..core.dataloaders import ByPathLoader, DataLoader, KeptByIdLoader, in_bulk
from .filters import under_path

# The dates lists sort on, stored on the entry so that the (organisation | domain |) date, id indexes
# serve them (docs/lifecycle.md «Listing date»): the listing date (发布日期, else the first publication's
# day), which the ``published`` filter also reads, and 成文日期 falling back to it.
SORT_PUBLISHED = "listed_on"
SORT_WRITTEN = "written_or_listed_on"


def entries(reader):
    """Visible entries with the annotations and joins resolvers rely on (withheld block ids, organisation
    and catalogue row, which nearly every list shows)."""
    return with_withheld_blocks(visible_entries(reader)).select_related("organisation", "catalogue_item")


def prime_relations(request, rows) -> None:
    """Hand the joined organisation and catalogue row of loaded entries to their loaders."""
    from ..organisations.dataloaders import OrganisationByIdLoader

    organisations, items = OrganisationByIdLoader.get(request), CatalogueItemByIdLoader.get(request)
    for entry in rows:
        if entry is None:
            continue
        if DisclosurePage._meta.get_field("organisation").is_cached(entry):
            organisations.prime(entry.organisation_id, entry.organisation)
        if DisclosurePage._meta.get_field("catalogue_item").is_cached(entry):
            items.prime(entry.catalogue_item_id, entry.catalogue_item)


class VisibleEntryByIdLoader(DataLoader):
    """Entries by id, None when this reader may not see them: search hits (the check after the index's)
    and links.

    The whole visibility rule (cms.visibility), loaded lean: without the list annotations of :func:`entries`
    (less than half the CPU at 100,000 entries, docs/benchmarks.md «100,000 entries»), without a join of
    the unit (units and rows come from their kept loaders, core.kept) and without the body, which no hit
    list shows. Nothing is lost: the publication date is the row's ``listed_on``, and a body asked for takes
    one query for the batch, plus withheld_block_ids_for's two.
    """

    def batch_load(self, keys):
        return in_bulk(visible_entries(self.reader).defer("body"), keys)


class CatalogueItemByIdLoader(KeptByIdLoader):
    """Published catalogue rows by id (reached from entries the reader may see, which are only shown
    under published rows: cms.visibility)."""

    queryset = staticmethod(CatalogueItemPage.objects.live)


class CatalogueItemByPathLoader(ByPathLoader):
    queryset = staticmethod(CatalogueItemPage.objects.live)
    by_id_loader = CatalogueItemByIdLoader


class LinksByEntryIdLoader(DataLoader):
    """Links of entries in both directions, to entries this reader may see: (kind, direction, entry)."""

    default = ()

    def batch_load(self, keys):
        rows = list(DisclosureLink.objects.filter(Q(page_id__in=keys) | Q(target_id__in=keys))
                    .order_by("sort_order", "pk").values_list("page_id", "target_id", "kind"))
        wanted = set(keys)
        others = {target for page, target, _kind in rows if page in wanted} | {
            page for page, target, _kind in rows if target in wanted}
        visible = VisibleEntryByIdLoader.get(self.request).load_now(others)
        links = defaultdict(list)
        for page, target, kind in rows:
            if page in wanted and visible.get(target) is not None:
                links[page].append((kind, "outgoing", visible[target]))
            if target in wanted and visible.get(page) is not None:
                links[target].append((kind, "incoming", visible[page]))
        return links


class LatestEntriesByItemLoader(DataLoader):
    """The newest visible entries of catalogue rows (a row's own and its sub-rows'), keyed by (item path, n).

    One query per path length (一级 and 二级 rows differ) ranks the entries' keys per row with a window
    function; one more loads the few that rank. Ranking whole entries made the database compute their
    annotations for every entry of the catalogue: a second for 28,000 entries on SQLite
    (docs/benchmarks.md «100,000 entries»).
    """

    default = ()

    def batch_load(self, keys):
        by_length = defaultdict(set)
        for path, _n in keys:
            by_length[len(path)].add(path)
        most = max(n for _path, n in keys)
        ranked = []
        for length, paths in by_length.items():
            prefix = Substr("path", 1, length)
            ranked += (
                entries(self.reader)
                .filter(reduce(or_, (under_path(path) for path in paths)))
                .annotate(row_path=prefix, row_rank=Window(
                    RowNumber(), partition_by=[prefix], order_by=[F(SORT_PUBLISHED).desc(), F("pk").desc()]))
                .filter(row_rank__lte=most)
                .values_list("row_path", "row_rank", "pk")
            )
        loaded = in_bulk(entries(self.reader), [pk for _path, _rank, pk in ranked])
        found = defaultdict(list)
        for row_path, _rank, pk in sorted(ranked):
            if pk in loaded:
                found[row_path].append(loaded[pk])
        prime_relations(self.request, [entry for rows in found.values() for entry in rows])
        return {(path, n): found[path][:n] for path, n in keys}


class DocumentByIdLoader(DataLoader):
    def batch_load(self, keys):
        return in_bulk(DisclosureDocument.objects.all(), keys)


class ImageByIdLoader(DataLoader):
    def batch_load(self, keys):
        return in_bulk(get_image_model().objects.all(), keys)
