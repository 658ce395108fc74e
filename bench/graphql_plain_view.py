"""The baseline of the GraphQL benchmark: a hand-written Django JSON view returning the same fields of the
same rows as the benchmark's GraphQL page, written as well as a Django developer can with the project's own
helpers — not a straw man:

* the entries come annotated with what their public bodies need (``cms.visibility.with_withheld_blocks``),
  with ``select_related`` for their unit and catalogue row;
* the public bodies of all twenty are bound in one go by the batch body helper the GraphQL layer uses too
  (``cms.visibility.public_bodies`` → ``DisclosurePage.bind_bodies``: one query per chooser type for the
  whole page, not per entry);
* the thumbnail renditions of all gallery images come in one query (``prefetch_related_objects`` on the
  images the body helper loaded, which Wagtail's ``get_rendition`` then reads), and the documents and
  pages that rich text links to in one query each (none when they are already loaded), so that links come
  out as the API writes them (absolute document URLs, portal paths of visible entries).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import JsonResponse
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.models import DisclosureDocument, DisclosurePage
from cms.visibility import Reader, public_bodies, visible_entries, with_withheld_blocks
from graphql_api.core.urls import portal_path
from graphql_api.disclosures.body import rendition_specs
from graphql_api.disclosures.richtext import References, collect_references, sanitise


def _number(value):
    return None if value is None or isinstance(value, str) else float(value)


def _links(request, bound, reader) -> dict:
    """(kind, id) → URL of every page and document the rich text of these blocks links to."""
    references = References()
    documents = {}
    for block in bound:
        if isinstance(block.value, RichText):
            collect_references(block.value.source, references)
        elif block.block_type == "attachments":
            documents.update({item["document"].pk: item["document"] for item in block.value
                              if item.get("document") is not None})
    links = {}
    missing = references.documents - set(documents)
    if missing:
        documents.update(DisclosureDocument.objects.in_bulk(missing))
    for pk in references.documents & set(documents):
        links[("document", pk)] = request.build_absolute_uri(documents[pk].url)
    if references.pages:
        found = dict(visible_entries(reader).filter(pk__in=references.pages).values_list("pk", "url_path"))
        rest = references.pages - set(found)
        if rest:
            found.update(Page.objects.live().public().filter(pk__in=rest).not_type(DisclosurePage)
                         .values_list("pk", "url_path"))
        for pk, url_path in found.items():
            links[("page", pk)] = portal_path(url_path)
    return links


def _thumbnails(request, bound) -> dict:
    """Image id → absolute URL of its thumbnail rendition, for every gallery image of these blocks."""
    images = list({item["image"].pk: item["image"] for block in bound if block.block_type == "gallery"
                   for item in block.value if item.get("image") is not None}.values())
    if not images:
        return {}
    spec = rendition_specs()["thumbnail"]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=spec)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
    return {image.pk: request.build_absolute_uri(image.get_rendition(spec).url) for image in images}


def _block(block, request, links, thumbnails):
    value = block.value
    data = {"type": block.block_type, "id": block.id}
    if isinstance(value, RichText):
        data["html"] = sanitise(value.source, lambda kind, pk: links.get((kind, pk)))
    elif block.block_type == "financial_table":
        data["rows"] = [[{"text": None if c is None else str(c), "number": _number(c)} for c in row]
                        for row in value.typed_rows()]
        data["totals"] = [_number(c) for c in value.totals()]
    elif block.block_type == "public_expenses":
        data["budget"] = float(value.budget_figures().total)
    elif block.block_type == "person_list":
        data["people"] = [{"name": p.get("name")} for p in value.get("people")]
    elif block.block_type == "attachments":
        data["attachments"] = [{"title": item.get("title") or item["document"].title,
                                "url": request.build_absolute_uri(item["document"].url),
                                "size": item["document"].file_size} for item in value]
    elif block.block_type == "gallery":
        data["images"] = [{"caption": item.get("caption"), "url": thumbnails.get(item["image"].pk)}
                          for item in value]
    return data


def plain_page(request):
    reader = Reader.anonymous()
    rows = list(with_withheld_blocks(visible_entries(reader)).select_related("organisation", "catalogue_item")
                .order_by("-published_on", "-pk")[:20])
    bodies = public_bodies(rows)
    bound = [block for body in bodies.values() for block in body]
    links, thumbnails = _links(request, bound, reader), _thumbnails(request, bound)
    entries = []
    for page in rows:
        body = [_block(block, request, links, thumbnails) for block in bodies[page.pk]]
        entries.append({
            "id": page.pk, "title": page.title, "indexNumber": page.index_number,
            "documentNumber": page.document_number, "publishedOn": page.published_on.isoformat(),
            "organisation": {"name": page.organisation.name},
            "catalogueItem": {"title": page.catalogue_item.title},
            "attachments": [a for block in body for a in block.get("attachments", [])],
            "body": body,
        })
    return JsonResponse({"entries": entries}, json_dumps_params={"ensure_ascii": False})
