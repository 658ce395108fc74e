"""The portal's feedback pages (留言, docs/interaction.md §5): leave feedback on an entry, a catalogue row or to a
unit; look it up with 查询码 + contact and rate the reply; a unit's answered feedback.

Everything goes through the committed operations of graphql/operations/interaction.graphql (portal.client);
nothing is read or written here directly. The form and the look-up are never cached (a CSRF token, a fresh
idempotency key, one asker's answer) and the 查询码 and contact travel in POST bodies, never in URLs.
The answered list is public and cached like the other public pages.
"""

import base64
import uuid

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .client import PortalUnavailable, execute
from .responses import private, unavailable
from .views import UNIT_CODE, clean_text, positive_int, public_page

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_FILES = 3
PAGE_SIZE = 20
SATISFACTION = [("SATISFIED", "满意"), ("FAIRLY", "基本满意"), ("DISSATISFIED", "不满意")]
TARGET_LABELS = {"ENTRY": "公开信息", "ROW": "公开事项（应公开未公开）", "UNIT": "单位"}


def multiline(value: str) -> str:
    """Text of a textarea: line breaks kept, other control characters and lone surrogates dropped."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if (ch >= " " or ch in "\n\t") and not 0xD800 <= ord(ch) <= 0xDFFF
                   and ch != "\x7f").strip()


def _ids(request) -> dict:
    """The target named by the query string or the form: ?entry=<id>, ?row=<id> or ?unit=<code>."""
    source = request.POST if request.method == "POST" else request.GET
    entry = clean_text(source.get("entry", ""))[:12]
    row = clean_text(source.get("row", ""))[:12]
    unit = clean_text(source.get("unit", ""))[:40]
    if entry.isdigit():
        return {"entryId": entry}
    if row.isdigit():
        return {"catalogueItemId": row}
    if UNIT_CODE.match(unit):
        return {"organisationCode": unit}
    return {}


def _units(request) -> list:
    return execute(request, "units", "OrganisationTree").data.get("organisations", [])


@require_http_methods(["GET", "HEAD", "POST"])
def leave(request):
    """留言: the form, prefilled with what it is about (an entry, a catalogue row or a unit)."""
    try:
        ids = _ids(request)
        target, errors, receipt = None, {}, None
        if ids:
            result = execute(request, "interaction", "FeedbackTarget", ids)
            target = result.data.get("feedbackTarget")
            if target is None:
                ids = {}
        values = {"name": clean_text(request.POST.get("name", ""))[:80],
                  "contact": clean_text(request.POST.get("contact", ""))[:140],
                  "text": multiline(request.POST.get("text", ""))[:2100],
                  "keep_private": request.POST.get("keep_private") == "on"}
        if request.method == "POST":
            if not ids:
                errors["target"] = "请选择留言的单位。"
            uploads = [upload for upload in request.FILES.getlist("files") if upload.size]
            if len(uploads) > MAX_FILES:
                errors["files"] = f"最多上传{MAX_FILES}个附件。"
            elif any(upload.size > MAX_UPLOAD_BYTES for upload in uploads):
                errors["files"] = "每个附件不得超过2 MB。"
            if not errors:
                variables = {"input": {
                    **ids, "idempotencyKey": clean_text(request.POST.get("idempotency_key", ""))[:64],
                    "name": values["name"], "contact": values["contact"], "text": values["text"],
                    "keepPrivate": values["keep_private"],
                    "files": [{"name": upload.name[-100:], "contentBase64": base64.b64encode(upload.read()).decode()}
                              for upload in uploads]}}
                payload = execute(request, "interaction", "SubmitFeedback", variables).data.get("submitFeedback") or {}
                if payload.get("ok"):
                    receipt = payload
                else:
                    errors = {error["field"] or "form": error["message"] for error in payload.get("errors", [])}
        key = clean_text(request.POST.get("idempotency_key", "")) if errors else ""
        status = 400 if errors else 200
        return private(render(request, "portal/interaction/form.html", {
            "target": target, "target_label": TARGET_LABELS.get((target or {}).get("kind"), ""), "ids": ids,
            "units": [] if ids else _units(request), "values": values, "errors": errors, "receipt": receipt,
            "idempotency_key": key or uuid.uuid4().hex}, status=status))
    except PortalUnavailable:
        return unavailable(request)


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """查询留言: 查询码 + the contact given; the reply once reviewed, and the satisfaction form, once."""
    try:
        code = clean_text(request.POST.get("code", ""))[:32]
        contact = clean_text(request.POST.get("contact", ""))[:140]
        satisfaction = clean_text(request.POST.get("satisfaction", ""))[:20]
        found, problem, rated, asked = None, None, False, request.method == "POST"
        if asked and code and contact:
            if satisfaction:
                payload = execute(request, "interaction", "RateFeedback", {"input": {
                    "code": code, "contact": contact,
                    "satisfaction": satisfaction if satisfaction in dict(SATISFACTION) else "SATISFIED"}})
                payload = payload.data.get("rateFeedback") or {}
                found, rated = payload.get("status"), bool(payload.get("ok"))
                if not rated:
                    problem = "；".join(error["message"] for error in payload.get("errors", []))
            if found is None:
                result = execute(request, "interaction", "FeedbackLookup", {"code": code, "contact": contact})
                found = result.data.get("feedbackLookup")
                problem = problem or (result.input_error() or {}).get("message")
        status = 200 if found or not asked else 429 if problem and not found else 404
        if found and problem:
            status = 400
        return private(render(request, "portal/interaction/lookup.html", {
            "code": code, "contact": contact if found else "", "asked": asked, "found": found, "problem": problem,
            "rated": rated, "satisfaction_choices": SATISFACTION,
            "satisfaction_label": dict(SATISFACTION).get((found or {}).get("satisfaction") or "", "")},
            status=status))
    except PortalUnavailable:
        return unavailable(request)


@public_page
def unit_answers(request, code):
    """A unit's answered feedback: published replies only (masked questions)."""
    if not UNIT_CODE.match(code):
        raise Http404
    page = positive_int(request.GET.get("page"))
    result = execute(request, "interaction", "UnitFeedback",
                     {"organisationCode": code, "first": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE})
    data = result.data.get("unitFeedback")
    if not data:
        raise Http404
    for item in data["items"]:
        item["about_label"] = TARGET_LABELS.get(item["aboutKind"], "")
    pages = max(1, -(-data["totalCount"] // PAGE_SIZE))
    return render(request, "portal/interaction/unit.html", {
        "unit": data, "items": data["items"], "page": page, "pages": pages,
        "previous": page - 1 if page > 1 else None, "next": page + 1 if page < pages else None})
