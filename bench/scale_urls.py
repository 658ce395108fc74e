"""URLs of bench/scale.py: the project's own, plus the plain Django JSON views it compares GraphQL with.

The plain views are the best plain implementation of the same portal pages: the same rows from the same
visibility rules (cms.visibility, anonymous reader), the same fields, one ORM query per need and an
indexed ordering, no GraphQL.
"""

from django.http import Http404, JsonResponse
from django.urls import include, path

from cms.models import CatalogueItemPage, Organisation
from cms.visibility import Reader, visible_entries
from graphql_api.core.urls import portal_path

PAGE_SIZE = 20


def _entries():
    return visible_entries(Reader.anonymous()).select_related("organisation", "catalogue_item")


def item_entries(request, pk: int):
    """Like the operation CatalogueItemEntries: a row, and a numbered page of the entries under it."""
    offset = int(request.GET.get("offset", 0))
    item = CatalogueItemPage.objects.live().select_related("organisation").filter(pk=pk).first()
    if item is None:
        raise Http404
    # The row and its sub-rows by their ids: the entries' catalogue_item index serves it on both databases.
    rows = _entries().filter(catalogue_item__in=list(
        CatalogueItemPage.objects.filter(path__startswith=item.path).values_list("pk", flat=True)))
    page = list(rows.order_by("-published_on", "-pk")[offset:offset + PAGE_SIZE + 1])
    nodes = [{"id": entry.pk, "title": entry.title, "path": portal_path(entry.url_path),
              "indexNumber": entry.index_number, "documentNumber": entry.document_number,
              "publishedOn": entry.published_on.isoformat() if entry.published_on else None,
              "validity": entry.current_validity(request_today())} for entry in page[:PAGE_SIZE]]
    return JsonResponse({"catalogueItem": {"id": item.pk, "fullName": item.title,
                                           "organisation": {"name": item.organisation.name}},
                         "disclosures": {"totalCount": rows.count(), "nodes": nodes,
                                         "pageInfo": {"hasNextPage": len(page) > PAGE_SIZE,
                                                      "hasPreviousPage": offset > 0}}},
                        json_dumps_params={"ensure_ascii": False})


def unit_page(request, code: str):
    """Like the operation UnitPage: a unit, its parent and children, its ten newest entries."""
    region, _sep, department = code.partition("-")
    organisation = Organisation.objects.filter(region_code=region, department_code=department).first()
    if organisation is None:
        raise Http404
    parent = organisation.get_parent()
    page = _entries().filter(organisation=organisation).order_by("-published_on", "-pk")[:10]
    return JsonResponse({
        "organisation": {"id": organisation.pk, "code": organisation.code, "name": organisation.name,
                         "parent": parent and {"code": parent.code, "name": parent.name},
                         "children": [{"code": child.code, "name": child.name, "level": child.level}
                                      for child in organisation.get_children()]},
        "disclosures": {"nodes": [{"id": entry.pk, "title": entry.title, "path": portal_path(entry.url_path),
                                   "publishedOn": entry.published_on.isoformat() if entry.published_on else None,
                                   "catalogueItem": {"fullName": entry.catalogue_item.title}}
                                  for entry in page]}}, json_dumps_params={"ensure_ascii": False})


def request_today():
    from django.utils import timezone

    return timezone.localdate()


urlpatterns = [
    path("plain/item/<int:pk>/", item_entries),
    path("plain/unit/<str:code>/", unit_page),
    path("", include("config.urls")),
]
