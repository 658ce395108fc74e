"""The portal's consultations page (征求意见, docs/interaction.md): open consultations, each with a form to give an
opinion, and closed ones with their adoption report (采纳情况) once it is published.

Reads and writes only through the committed operations of graphql/operations/consultations.graphql
(portal.client) as the public. The page is never cached (the forms carry a CSRF token and fresh idempotency
keys), and the contact typed in never leaves this request except to the API.
"""

import uuid

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .client import PortalUnavailable, execute
from .responses import private, unavailable
from .views import clean_text, positive_int

PAGE_SIZE = 20


@require_http_methods(["GET", "HEAD", "POST"])
def consultations(request):
    """Open consultations with their forms, closed ones with their adoption reports."""
    try:
        unit = clean_text(request.GET.get("unit", ""))[:40] or None
        page = positive_int(request.GET.get("page"), maximum=500)
        variables = {"unitCode": unit, "first": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
        errors, receipt, sent_to, values = {}, None, "", {}
        if request.method == "POST":
            sent_to = clean_text(request.POST.get("consultation_id", ""))[:20]
            values = {name: clean_text(request.POST.get(name, ""))[:2100] for name in ("author_name", "contact", "text")}
            key = clean_text(request.POST.get("idempotency_key", ""))[:64]
            payload = execute(request, "consultations", "SubmitOpinion", {"input": {
                "idempotencyKey": key, "consultationId": sent_to or "0", "authorName": values["author_name"],
                "contact": values["contact"], "text": values["text"]}}).data.get("submitOpinion") or {}
            if payload.get("ok"):
                receipt, values = payload, {}
            else:
                errors = {error["field"] or "form": error["message"] for error in payload.get("errors", [])}
        open_result = execute(request, "consultations", "OpenConsultations", variables)
        closed_result = execute(request, "consultations", "ClosedConsultations", variables)
        problem = (open_result.input_error() or closed_result.input_error() or {}).get("message")
        opened = open_result.data.get("consultations") or {"totalCount": 0, "items": []}
        closed = closed_result.data.get("consultations") or {"totalCount": 0, "items": []}
        keys = {item["id"]: uuid.uuid4().hex for item in opened["items"]}
        if errors and sent_to in keys:
            keys[sent_to] = clean_text(request.POST.get("idempotency_key", ""))[:64] or keys[sent_to]
        more = max(opened["totalCount"], closed["totalCount"]) > page * PAGE_SIZE
        status = 400 if errors or problem else 200
        return private(render(request, "portal/consultations/index.html", {
            "opened": opened, "closed": closed, "keys": keys, "errors": errors, "receipt": receipt,
            "sent_to": sent_to, "values": values, "problem": problem, "unit": unit or "", "page": page,
            "more": more}, status=status))
    except PortalUnavailable:
        return unavailable(request)
