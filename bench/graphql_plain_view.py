"""The baseline of the GraphQL benchmark: a hand-written Django JSON view returning the same fields of the
same rows as the benchmark's GraphQL page, written as a Django developer would (select_related and
prefetch_related, Wagtail's own body API)."""

from django.http import JsonResponse
from wagtail.rich_text import RichText

from cms.visibility import Reader, visible_entries
from graphql_api.disclosures.body import rendition_specs
from graphql_api.disclosures.richtext import sanitise


def _number(value):
    return None if value is None or isinstance(value, str) else float(value)


def _block(block, request):
    value = block.value
    data = {"type": block.block_type, "id": block.id}
    if isinstance(value, RichText):
        data["html"] = sanitise(value.source, lambda kind, pk: None)
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
        spec = rendition_specs()["thumbnail"]
        data["images"] = [{"caption": item.get("caption"),
                           "url": request.build_absolute_uri(item["image"].get_rendition(spec).url)}
                          for item in value]
    return data


def plain_page(request):
    rows = (visible_entries(Reader.anonymous()).select_related("organisation", "catalogue_item")
            .prefetch_related("withheld_parts").order_by("-published_on", "-pk")[:20])
    entries = []
    for page in rows:
        body = [_block(block, request) for block in page.public_body()]
        entries.append({
            "id": page.pk, "title": page.title, "indexNumber": page.index_number,
            "documentNumber": page.document_number, "publishedOn": page.published_on.isoformat(),
            "organisation": {"name": page.organisation.name},
            "catalogueItem": {"title": page.catalogue_item.title},
            "attachments": [a for block in body for a in block.get("attachments", [])],
            "body": body,
        })
    return JsonResponse({"entries": entries}, json_dumps_params={"ensure_ascii": False})
