"""The portal's pages for disclosure on application (依申请公开): the online form and the status check.

Both go through the committed operations of graphql/operations/applications.graphql (portal.client), like
every other portal page; nothing is read or written here directly. Answers are never cached (the form
carries a CSRF token and a fresh idempotency key; the status page shows one applicant's dates), and the
查询码 travels in a POST body, not in URLs or logs.
"""

import base64
import uuid

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .client import PortalUnavailable, execute
from .responses import private, unavailable
from .views import clean_text

MAX_UPLOAD_BYTES = 1024 * 1024
FIELDS = ("applicant_type", "organisation_kind", "applicant_name", "identity_number", "contact_person", "phone",
          "email", "postal_address", "postcode", "information_title", "document_number", "description",
          "form_wanted", "delivery_wanted")
CHOICES = {
    "applicant_type": [("natural_person", "自然人"), ("legal_person", "法人或其他组织")],
    "organisation_kind": [("", "（自然人不选）"), ("commercial", "商业企业"), ("research", "科研机构"),
                          ("public_interest", "社会公益组织"), ("legal_services", "法律服务机构"), ("other", "其他")],
    "form_wanted": [("electronic", "电子"), ("paper", "纸质"), ("other", "其他")],
    "delivery_wanted": [("email", "电子邮件"), ("post", "邮寄"), ("pick_up", "自行领取"), ("online", "网上获取"),
                        ("fax", "传真")],
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _units(request) -> list:
    data = execute(request, "units", "OrganisationTree").data
    return [unit for unit in data.get("organisations", []) if "GOVERNMENT" in (unit.get("domains") or [])
            or unit.get("level") == "VILLAGE"]


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    """The online application form (条例 §29)."""
    try:
        units = _units(request)
        values = {name: clean_text(request.POST.get(name, ""))[:2100] for name in FIELDS}
        values["organisation_code"] = clean_text(request.POST.get("organisation_code")
                                                 or request.GET.get("unit", ""))[:40]
        errors, receipt = {}, None
        if request.method == "POST":
            key = clean_text(request.POST.get("idempotency_key", ""))[:64]
            variables = {"input": {_camel(name): value for name, value in values.items() if value}}
            variables["input"].update(idempotencyKey=key, organisationCode=values["organisation_code"],
                                      applicantType=values["applicant_type"], applicantName=values["applicant_name"],
                                      phone=values["phone"], informationTitle=values["information_title"])
            upload = request.FILES.get("identity_proof")
            if upload is not None:
                if upload.size > MAX_UPLOAD_BYTES:
                    errors["identityProof"] = "身份证明文件不得超过1 MB。"
                else:
                    variables["input"]["identityProof"] = {
                        "name": upload.name[-100:], "contentBase64": base64.b64encode(upload.read()).decode()}
            if not errors:
                payload = execute(request, "applications", "SubmitApplication", variables).data.get(
                    "submitApplication") or {}
                if payload.get("ok"):
                    receipt = payload
                else:
                    errors = {error["field"] or "form": error["message"] for error in payload.get("errors", [])}
        key = clean_text(request.POST.get("idempotency_key", "")) if errors else uuid.uuid4().hex
        status = 200 if not errors else 400
        return private(render(request, "portal/applications/form.html", {
            "units": units, "values": values, "errors": errors, "receipt": receipt, "choices": CHOICES,
            "idempotency_key": key or uuid.uuid4().hex}, status=status))
    except PortalUnavailable:
        return unavailable(request)


@require_http_methods(["GET", "HEAD", "POST"])
def status(request):
    """Progress of an application: 查询码 and the last four digits of the phone; state and dates only."""
    try:
        code = clean_text(request.POST.get("tracking_code", ""))[:32]
        digits = clean_text(request.POST.get("phone_last_four", ""))[:8]
        found, asked, problem = None, request.method == "POST", None
        if asked and code and digits:
            result = execute(request, "applications", "ApplicationStatus",
                             {"trackingCode": code, "phoneLastFour": digits})
            found = result.data.get("applicationStatus")
            problem = (result.input_error() or {}).get("message")
        status_code = 200 if found or not asked else 429 if problem else 404
        return private(render(request, "portal/applications/status.html", {
            "code": code, "asked": asked, "found": found, "problem": problem}, status=status_code))
    except PortalUnavailable:
        return unavailable(request)
