"""The public GraphQL side of applications (docs/api.md «依申请公开»), mounted by graphql_api.schema.

- ``submitApplication`` (mutation): an online application; refusals come back in ``errors`` with a
  Chinese message, the field and a code — never as an internal error — and nothing is saved.
- ``applicationStatus`` (query): state and dates for a 查询码 + the phone's last four digits, null otherwise.

Nothing else about applications is in the API: no applicant data, no content, no list.
"""

import graphene

from graphql_api.core.errors import BadUserInput

from . import public
from .workflow import State

ApplicationStateEnum = graphene.Enum("ApplicationState", [(s.upper(), s) for s in State.values],
                                     description="The state of an application for disclosure.")


class ApplicationStatus(graphene.ObjectType):
    """What the applicant may see: the state and the dates, nothing of the application's content."""

    tracking_code = graphene.String(required=True)
    state = graphene.Field(ApplicationStateEnum, required=True)
    state_label = graphene.String(required=True)
    received_on = graphene.Date(required=True)
    due_on = graphene.Date(description="The reply's due date while the clock runs.")
    paused_until = graphene.Date(description="While the clock stands still: the applicant's or third party's deadline.")
    replied_on = graphene.Date()
    concluded_on = graphene.Date()

    @staticmethod
    def resolve_state(root, info):
        return root.state

    @staticmethod
    def resolve_state_label(root, info):
        return str(State(root.state).label)


class IdentityProofInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="File name ending in .pdf, .jpg, .jpeg or .png.")
    content_base64 = graphene.String(required=True, description="The file, base64; at most 1 MB decoded.")


class ApplicationInput(graphene.InputObjectType):
    idempotency_key = graphene.String(required=True, description="8–64 of [A-Za-z0-9_-]; resending returns the first answer.")
    organisation_code = graphene.String(required=True, description="The unit's code, e.g. 330199-10101.")
    applicant_type = graphene.String(required=True, description="natural_person | legal_person")
    organisation_kind = graphene.String(description="commercial | research | public_interest | legal_services | other")
    applicant_name = graphene.String(required=True)
    identity_number = graphene.String()
    identity_proof = graphene.Field(IdentityProofInput)
    contact_person = graphene.String()
    phone = graphene.String(required=True)
    email = graphene.String()
    postal_address = graphene.String()
    postcode = graphene.String()
    information_title = graphene.String(required=True)
    document_number = graphene.String()
    description = graphene.String()
    form_wanted = graphene.String(description="paper | electronic | other")
    delivery_wanted = graphene.String(description="post | email | pick_up | online | fax")


class ApplicationError(graphene.ObjectType):
    field = graphene.String(required=True, description="The input field concerned, empty for the whole request.")
    message = graphene.String(required=True)
    code = graphene.String(required=True)


class SubmitApplicationPayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    tracking_code = graphene.String()
    received_on = graphene.Date()
    due_on = graphene.Date()
    errors = graphene.List(graphene.NonNull(ApplicationError), required=True)


FIELD_NAMES = {name: graphene.utils.str_converters.to_camel_case(name) for name in ApplicationInput._meta.fields}


class SubmitApplication(graphene.Mutation):
    """Submit an application for disclosure online (条例 §29)."""

    class Arguments:
        input = ApplicationInput(required=True)

    Output = SubmitApplicationPayload

    @staticmethod
    def mutate(root, info, input):
        meta = getattr(info.context, "META", {}) or {}
        data = {key: value for key, value in dict(input).items()}
        if data.get("identity_proof") is not None:
            data["identity_proof"] = dict(data["identity_proof"])
        try:
            receipt = public.submit_online(data, meta.get("REMOTE_ADDR"))
        except public.Refusal as refusal:
            return SubmitApplicationPayload(ok=False, errors=[ApplicationError(
                field=FIELD_NAMES.get(refusal.field, refusal.field), message=refusal.message, code=refusal.code)])
        return SubmitApplicationPayload(ok=True, tracking_code=receipt.tracking_code, received_on=receipt.received_on,
                                        due_on=receipt.due_on, errors=[])


class ApplicationQueries(graphene.ObjectType):
    application_status = graphene.Field(
        ApplicationStatus, tracking_code=graphene.String(required=True),
        phone_last_four=graphene.String(required=True),
        description="The state and dates of an application, for its 查询码 and the last four digits of its phone.")

    @staticmethod
    def resolve_application_status(root, info, tracking_code, phone_last_four):
        meta = getattr(info.context, "META", {}) or {}
        try:
            return public.status(tracking_code, phone_last_four, meta.get("REMOTE_ADDR"))
        except public.Refusal as refusal:
            raise BadUserInput(refusal.message, reason=refusal.code) from None


class ApplicationMutations(graphene.ObjectType):
    submit_application = SubmitApplication.Field()


__all__ = ["ApplicationMutations", "ApplicationQueries"]
