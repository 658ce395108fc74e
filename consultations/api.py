"""The public GraphQL side of consultations (docs/api.md, docs/interaction.md «征求意见»), mounted by
graphql_api.schema.

- ``consultations(state: OPEN | CLOSED)`` and ``consultation(id)``: consultations whose entry the reader may see
  (cms.visibility), with the entry, the period, how to take part, the number of opinions, and — once they are
  live — the adoption report and the final decision. No contact and no opinion text: opinions reach the public
  only as the published report shows them.
- ``submitOpinion`` (mutation): an opinion on an open consultation; refusals come back in ``errors`` with a
  Chinese message, the field and a code — never as an internal error — and nothing is saved.
"""

import graphene
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from graphql_api.core.context import api_context
from graphql_api.core.errors import BadUserInput
from graphql_api.disclosures.dataloaders import VisibleEntryByIdLoader
from graphql_api.disclosures.types import Disclosure

from . import public
from .choices import Kind

ConsultationKindEnum = graphene.Enum("ConsultationKind", [(k.upper(), k) for k in Kind.values],
                                     description="Which rule a consultation follows (party public / internal "
                                                 "pre-disclosure, major government decision, village matter).")


class ConsultationState(graphene.Enum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def description(self):
        return "Within its period" if self.value == "open" else "Its period has ended"


MAX_PAGE = 50


class Consultation(graphene.ObjectType):
    """A consultation (征求意见) on a draft decision or document: the draft is a disclosure entry."""

    id = graphene.ID(required=True)
    kind = graphene.Field(ConsultationKindEnum, required=True)
    kind_label = graphene.String(required=True)
    entry = graphene.Field(Disclosure, required=True, description="The draft decision or document.")
    background = graphene.String(required=True)
    starts_on = graphene.Date(required=True)
    ends_on = graphene.Date(required=True)
    how_to_take_part = graphene.String(required=True)
    accepts_online = graphene.Boolean(required=True, description="Opinions may be sent with submitOpinion.")
    is_open = graphene.Boolean(required=True)
    opinion_count = graphene.Int(required=True, description="Opinions received (hidden spam not counted).")
    adoption_report = graphene.Field(Disclosure, description="The adoption report (采纳情况), once published.")
    decision = graphene.Field(Disclosure, description="The final decision, once published and linked.")

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_kind(root, info):
        return root.kind

    @staticmethod
    def resolve_kind_label(root, info):
        return str(Kind(root.kind).label)

    @staticmethod
    def resolve_entry(root, info):
        return VisibleEntryByIdLoader.get(info).load(root.entry_id)

    @staticmethod
    def resolve_is_open(root, info):
        return root.is_open(api_context(info).today)

    @staticmethod
    def resolve_opinion_count(root, info):
        return getattr(root, "opinion_count", None) or 0

    @staticmethod
    def resolve_adoption_report(root, info):
        return VisibleEntryByIdLoader.get(info).load(root.report_id) if root.report_id else None

    @staticmethod
    def resolve_decision(root, info):
        return VisibleEntryByIdLoader.get(info).load(root.decision_id) if root.decision_id else None


class ConsultationList(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(Consultation), required=True)


def _counted(rows):
    return rows.annotate(opinion_count=Count("opinions", filter=Q(opinions__hidden=False)))


class ConsultationQueries(graphene.ObjectType):
    consultations = graphene.Field(
        ConsultationList, required=True, state=graphene.Argument(ConsultationState, default_value="open"),
        unit_code=graphene.String(description="Only this unit's, e.g. 330199-000."),
        first=graphene.Int(default_value=20, description=f"At most {MAX_PAGE}."),
        offset=graphene.Int(default_value=0),
        description="Open consultations (ending soonest first) or closed ones (latest first) the reader may see.")
    consultation = graphene.Field(Consultation, id=graphene.ID(required=True),
                                  description="One consultation; null when it does not exist or is not visible.")

    @staticmethod
    def resolve_consultations(root, info, state="open", unit_code=None, first=20, offset=0):
        context = api_context(info)
        if first is None or not 0 <= first <= MAX_PAGE:
            raise BadUserInput(_("`first` must be between 0 and %(max)s.") % {"max": MAX_PAGE}, argument="first")
        if offset is None or not 0 <= offset <= 100000:
            raise BadUserInput(_("`offset` must be between 0 and 100000."), argument="offset")
        state = getattr(state, "value", state)
        finder = public.open_consultations if state == "open" else public.closed_consultations
        rows = finder(context.reader, context.today)
        if unit_code is not None:
            parts = unit_code.strip().split("-", 1) if len(unit_code) <= 40 else []
            if len(parts) != 2:
                raise BadUserInput(_("There is no such unit."), argument="unitCode")
            rows = rows.filter(organisation__region_code=parts[0], organisation__department_code=parts[1])
        return ConsultationList(total_count=rows.count(), items=list(_counted(rows)[offset:offset + first]))

    @staticmethod
    def resolve_consultation(root, info, id):
        value = str(id).strip()
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return None
        return _counted(public.visible_consultations(api_context(info).reader)).filter(pk=int(value)).first()


class OpinionInput(graphene.InputObjectType):
    idempotency_key = graphene.String(required=True, description="8–64 of [A-Za-z0-9_-]; resending returns the first answer.")
    consultation_id = graphene.ID(required=True)
    author_name = graphene.String(description="Optional; at most 60 characters. Never public.")
    contact = graphene.String(required=True, description="Telephone or e-mail; never public.")
    text = graphene.String(required=True, description="At most 2000 characters.")


class OpinionError(graphene.ObjectType):
    field = graphene.String(required=True, description="The input field concerned, empty for the whole request.")
    message = graphene.String(required=True)
    code = graphene.String(required=True)


class SubmitOpinionPayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    received_on = graphene.Date()
    personal_data_masked = graphene.Boolean(
        description="Personal data was found in the text: it is masked wherever the opinion is shown.")
    errors = graphene.List(graphene.NonNull(OpinionError), required=True)


FIELD_NAMES = {name: graphene.utils.str_converters.to_camel_case(name) for name in OpinionInput._meta.fields}


class SubmitOpinion(graphene.Mutation):
    """Give an opinion on an open consultation (征求意见)."""

    class Arguments:
        input = OpinionInput(required=True)

    Output = SubmitOpinionPayload

    @staticmethod
    def mutate(root, info, input):
        meta = getattr(info.context, "META", {}) or {}
        try:
            receipt = public.submit_opinion(dict(input), meta.get("REMOTE_ADDR"))
        except public.Refusal as refusal:
            return SubmitOpinionPayload(ok=False, errors=[OpinionError(
                field=FIELD_NAMES.get(refusal.field, refusal.field), message=refusal.message, code=refusal.code)])
        return SubmitOpinionPayload(ok=True, received_on=receipt.received_on,
                                    personal_data_masked=receipt.personal_data_masked, errors=[])


class ConsultationMutations(graphene.ObjectType):
    submit_opinion = SubmitOpinion.Field()


__all__ = ["ConsultationMutations", "ConsultationQueries"]
