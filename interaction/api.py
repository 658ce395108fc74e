"""The public GraphQL side of feedback (docs/api.md «留言», docs/interaction.md §5), mounted by graphql_api.schema.

- ``submitFeedback`` (mutation): leave feedback on an entry, a catalogue row or a unit; refusals come back in
  ``errors`` (Chinese message, field, code) and nothing is saved;
- ``feedbackLookup`` (query): the asker's own feedback for its 查询码 and the contact given, null otherwise;
- ``rateFeedback`` (mutation): satisfaction with the reply, once;
- ``unitFeedback`` (query): a unit's published answers — masked question, reply, dates; never a contact,
  a private or hidden feedback or an unreviewed reply;
- ``feedbackTarget`` (query): the title and unit of what feedback would be about (public entries and rows only).
"""

import graphene
from django.utils.translation import gettext as _

from graphql_api.core.errors import BadUserInput

from . import public
from .models import Satisfaction, Target

FeedbackStateEnum = graphene.Enum("FeedbackState", [(value.upper(), value) for value in public.PublicState.LABELS],
                                  description="A feedback's state as its asker sees it.")
FeedbackSatisfactionEnum = graphene.Enum("FeedbackSatisfaction", [(v.upper(), v) for v in Satisfaction.values],
                                         description="满意 / 基本满意 / 不满意.")
FeedbackTargetKindEnum = graphene.Enum("FeedbackTargetKind", [(v.upper(), v) for v in Target.values],
                                       description="What feedback is about: an entry, a catalogue row, a unit.")


class FeedbackTarget(graphene.ObjectType):
    kind = graphene.Field(FeedbackTargetKindEnum, required=True)
    title = graphene.String(required=True)
    organisation_code = graphene.String(required=True)
    organisation_name = graphene.String(required=True)

    @staticmethod
    def resolve_kind(root, info):
        return str(root.kind)

    @staticmethod
    def resolve_organisation_code(root, info):
        return root.organisation.code

    @staticmethod
    def resolve_organisation_name(root, info):
        return root.organisation.name


class FeedbackStatus(graphene.ObjectType):
    """The asker's own feedback: masked question, state, dates and the approved reply."""

    code = graphene.String(required=True)
    state = graphene.Field(FeedbackStateEnum, required=True)
    state_label = graphene.String(required=True)
    received_on = graphene.Date(required=True)
    due_on = graphene.Date(description="The reply's due date while it is awaited.")
    question = graphene.String(required=True, description="The question, personal data masked.")
    reply = graphene.String(description="The reviewed reply, once approved.")
    replied_on = graphene.Date()
    published = graphene.Boolean(required=True, description="Whether question and reply are on the portal.")
    satisfaction = graphene.Field(FeedbackSatisfactionEnum)
    can_rate = graphene.Boolean(required=True)

    @staticmethod
    def resolve_state(root, info):
        return root.state

    @staticmethod
    def resolve_state_label(root, info):
        return public.PublicState.LABELS[root.state]

    @staticmethod
    def resolve_satisfaction(root, info):
        return root.satisfaction or None


class PublishedFeedback(graphene.ObjectType):
    """One published question (masked) with its reviewed reply."""

    asker_name = graphene.String(required=True, description="The first character of the name, or 匿名.")
    about_kind = graphene.Field(FeedbackTargetKindEnum, required=True)
    about = graphene.String(required=True)
    question = graphene.String(required=True)
    reply = graphene.String(required=True)
    received_on = graphene.Date(required=True)
    replied_on = graphene.Date(required=True)

    @staticmethod
    def resolve_asker_name(root, info):
        return root.public_name

    @staticmethod
    def resolve_about_kind(root, info):
        return str(root.target)

    @staticmethod
    def resolve_about(root, info):
        return root.target_title or root.organisation.name

    @staticmethod
    def resolve_question(root, info):
        return root.public_question


class UnitFeedback(graphene.ObjectType):
    organisation_code = graphene.String(required=True)
    organisation_name = graphene.String(required=True)
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(PublishedFeedback), required=True)


class FeedbackFileInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="File name ending in .pdf, .jpg, .jpeg or .png.")
    content_base64 = graphene.String(required=True, description="The file, base64; at most 2 MB decoded.")


class FeedbackInput(graphene.InputObjectType):
    idempotency_key = graphene.String(required=True, description="8–64 of [A-Za-z0-9_-]; resending returns the first answer.")
    entry_id = graphene.ID(description="Feedback on this public entry …")
    catalogue_item_id = graphene.ID(description="… or on this catalogue row (should be public but is not) …")
    organisation_code = graphene.String(description="… or to this unit, e.g. 330199-10101.")
    name = graphene.String(description="Optional; published as its first character only.")
    contact = graphene.String(required=True, description="Phone or e-mail; never public.")
    text = graphene.String(required=True, description="At most 2,000 characters.")
    keep_private = graphene.Boolean(description="Do not publish the question and its reply.")
    files = graphene.List(graphene.NonNull(FeedbackFileInput), description="At most 3 PDF, JPEG or PNG files.")


class FeedbackError(graphene.ObjectType):
    field = graphene.String(required=True, description="The input field concerned, empty for the whole request.")
    message = graphene.String(required=True)
    code = graphene.String(required=True)


def _camel(name: str) -> str:
    return graphene.utils.str_converters.to_camel_case(name) if name else ""


def _errors(refusal) -> list:
    return [FeedbackError(field=_camel(refusal.field), message=refusal.message, code=refusal.code)]


def _address(info):
    return (getattr(info.context, "META", {}) or {}).get("REMOTE_ADDR")


class SubmitFeedbackPayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    code = graphene.String(description="The 查询码 to look the feedback up with the contact given.")
    received_on = graphene.Date()
    due_on = graphene.Date()
    personal_data_found = graphene.Int(description="Pieces of personal data found in the text; masked if published.")
    errors = graphene.List(graphene.NonNull(FeedbackError), required=True)


class SubmitFeedback(graphene.Mutation):
    """Leave feedback (留言) on an entry, a catalogue row or to a unit."""

    class Arguments:
        input = FeedbackInput(required=True)

    Output = SubmitFeedbackPayload

    @staticmethod
    def mutate(root, info, input):
        data = dict(input)
        if data.get("files") is not None:
            data["files"] = [dict(item) for item in data["files"]]
        try:
            receipt = public.submit_online(data, _address(info))
        except public.Refusal as refusal:
            return SubmitFeedbackPayload(ok=False, errors=_errors(refusal))
        return SubmitFeedbackPayload(ok=True, code=receipt.code, received_on=receipt.received_on,
                                     due_on=receipt.due_on, personal_data_found=receipt.findings, errors=[])


class RateFeedbackInput(graphene.InputObjectType):
    code = graphene.String(required=True)
    contact = graphene.String(required=True)
    satisfaction = graphene.Field(FeedbackSatisfactionEnum, required=True)


class RateFeedbackPayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    status = graphene.Field(FeedbackStatus)
    errors = graphene.List(graphene.NonNull(FeedbackError), required=True)


class RateFeedback(graphene.Mutation):
    """The asker's satisfaction with a reply (满意/基本满意/不满意), once."""

    class Arguments:
        input = RateFeedbackInput(required=True)

    Output = RateFeedbackPayload

    @staticmethod
    def mutate(root, info, input):
        satisfaction = getattr(input.satisfaction, "value", input.satisfaction)
        try:
            status = public.rate(input.code, input.contact, satisfaction, _address(info))
        except public.Refusal as refusal:
            return RateFeedbackPayload(ok=False, errors=_errors(refusal))
        return RateFeedbackPayload(ok=True, status=status, errors=[])


class FeedbackQueries(graphene.ObjectType):
    feedback_target = graphene.Field(
        FeedbackTarget, entry_id=graphene.ID(), catalogue_item_id=graphene.ID(), organisation_code=graphene.String(),
        description="What feedback would be about: exactly one of a public entry, a public row, a unit.")
    feedback_lookup = graphene.Field(
        FeedbackStatus, code=graphene.String(required=True), contact=graphene.String(required=True),
        description="The asker's own feedback, for its 查询码 and the contact given with it.")
    unit_feedback = graphene.Field(
        UnitFeedback, organisation_code=graphene.String(required=True),
        first=graphene.Int(default_value=20), offset=graphene.Int(default_value=0),
        description="A unit's published feedback with reviewed replies, newest reply first (at most 50).")

    @staticmethod
    def resolve_feedback_target(root, info, entry_id=None, catalogue_item_id=None, organisation_code=None):
        try:
            return public.target_of(entry_id, catalogue_item_id, organisation_code)
        except public.Refusal as refusal:
            raise BadUserInput(refusal.message, argument=_camel(refusal.field)) from None

    @staticmethod
    def resolve_feedback_lookup(root, info, code, contact):
        try:
            return public.lookup(code, contact, _address(info))
        except public.Refusal as refusal:
            raise BadUserInput(refusal.message, reason=refusal.code) from None

    @staticmethod
    def resolve_unit_feedback(root, info, organisation_code, first=20, offset=0):
        if not 0 < first <= 50 or not 0 <= offset <= 100_000:
            raise BadUserInput(_("Ask for 1 to 50 items from an offset of 0 to 100,000."), argument="first")
        try:
            unit, total, items = public.unit_answers(organisation_code, first, offset)
        except public.Refusal as refusal:
            raise BadUserInput(refusal.message, argument="organisationCode") from None
        return UnitFeedback(organisation_code=unit.code, organisation_name=unit.name, total_count=total, items=items)


class FeedbackMutations(graphene.ObjectType):
    submit_feedback = SubmitFeedback.Field()
    rate_feedback = RateFeedback.Field()


__all__ = ["FeedbackMutations", "FeedbackQueries"]
