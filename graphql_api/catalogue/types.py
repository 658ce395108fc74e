import graphene
from django.utils.translation import gettext as _

from cms.models import CatalogueItemPage
from cms.schedule import next_due
from cms.visibility import catalogue_item_visible, visible_catalogue_items

from ..core.context import api_context
from ..core.dataloaders import then
from ..core.enums import (
    AudienceEnum,
    CadenceEnum,
    ChannelEnum,
    DisclosureLevelEnum,
    DomainEnum,
    MannerEnum,
    ScopeEnum,
    TimeLimitKindEnum,
)
from ..core.errors import BadUserInput
from ..core.urls import portal_path
from ..disclosures.dataloaders import (
    SORT_PUBLISHED,
    CatalogueItemByIdLoader,
    CatalogueItemByPathLoader,
    LatestEntriesByItemLoader,
)
from ..organisations.dataloaders import OrganisationByIdLoader
from ..organisations.types import Organisation

STEPLEN = CatalogueItemPage.steplen
MAX_LATEST = 10


class TimeLimit(graphene.ObjectType):
    """公开时限 of a catalogue row."""

    kind = graphene.Field(TimeLimitKindEnum, required=True)
    cadence = graphene.Field(CadenceEnum, description="Periodic rows: how often.")
    working_days = graphene.Int(description="Prompt rows: working days after the information is formed or changed.")
    note = graphene.String(required=True)
    notice_min_working_days = graphene.Int(description="Notices: the minimum notice period in working days.")
    due_month = graphene.Int(description="Periodic rows with terms: the entry for a period is due in this month "
                                         "after the period ends (1: the next month; 3 for 次年3月31日前).")
    due_day = graphene.Int(description="Periodic rows with terms: by this day of that month (31: its last day).")


class CatalogueItem(graphene.ObjectType):
    """公开事项: a row of a unit's catalogue with every element of 国办发〔2019〕54号."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    full_name = graphene.String(required=True, description="一级 / 二级 name.")
    level = graphene.Int(required=True, description="1 for a first-level row, 2 for a second-level row.")
    parent = graphene.Field(lambda: CatalogueItem)
    code = graphene.String(required=True)
    category_code = graphene.String(required=True, description="The catalogue part of index numbers, e.g. ZW0302.")
    sequence = graphene.Int(required=True)
    domain = graphene.Field(DomainEnum, required=True)
    organisation = graphene.Field(Organisation, required=True)
    path = graphene.String(required=True, description="Portal path of the row's page.")
    content_elements = graphene.String(required=True)
    legal_basis = graphene.String(required=True)
    time_limit = graphene.Field(TimeLimit, required=True)
    responsible_department = graphene.Field(Organisation)
    responsible_body = graphene.String(required=True)
    channels = graphene.List(graphene.NonNull(ChannelEnum), required=True)
    audience = graphene.Field(AudienceEnum, required=True)
    manner = graphene.Field(MannerEnum, required=True)
    disclosure_level = graphene.Field(DisclosureLevelEnum)
    scope = graphene.Field(ScopeEnum, required=True)
    retired_at = graphene.DateTime()
    latest_entries = graphene.List(
        graphene.NonNull("graphql_api.disclosures.types.Disclosure"), required=True,
        first=graphene.Int(default_value=3, description=f"At most {MAX_LATEST}."),
        description="The newest entries of this row and its sub-rows that the reader may see.")
    last_published_on = graphene.Date(description="Publication date of the newest visible entry.")
    next_due_on = graphene.Date(description="Periodic rows: when the next entry is due (see docs/api.md).")
    is_overdue = graphene.Boolean(required=True, description="Periodic rows past their due date.")

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_full_name(root, info):
        return then(CatalogueItem.resolve_parent(root, info),
                    lambda parent: f"{parent.title} / {root.title}" if parent else root.title)

    @staticmethod
    def resolve_level(root, info):
        return then(CatalogueItemByPathLoader.get(info).load(root.path[:-STEPLEN]),
                    lambda parent: 2 if parent is not None else 1)

    @staticmethod
    def resolve_parent(root, info):
        reader = api_context(info).reader
        return then(CatalogueItemByPathLoader.get(info).load(root.path[:-STEPLEN]),
                    lambda parent: parent if catalogue_item_visible(parent, reader) else None)

    @staticmethod
    def resolve_category_code(root, info):
        return root.category_code()

    @staticmethod
    def resolve_organisation(root, info):
        return OrganisationByIdLoader.get(info).load(root.organisation_id)

    @staticmethod
    def resolve_path(root, info):
        return portal_path(root.url_path)

    @staticmethod
    def resolve_time_limit(root, info):
        return {
            "kind": root.time_limit_kind,
            "cadence": root.cadence or None,
            "working_days": root.working_days if root.time_limit_kind == "prompt" else None,
            "note": root.time_limit_note,
            "notice_min_working_days": root.notice_min_working_days,
            "due_month": root.due_month,
            "due_day": root.due_day,
        }

    @staticmethod
    def resolve_responsible_department(root, info):
        if root.responsible_department_id is None:
            return None
        return OrganisationByIdLoader.get(info).load(root.responsible_department_id)

    @staticmethod
    def resolve_channels(root, info):
        return list(root.channels or [])

    @staticmethod
    def resolve_disclosure_level(root, info):
        return root.disclosure_level or None

    @staticmethod
    def resolve_latest_entries(root, info, first=3):
        if first < 0 or first > MAX_LATEST:
            raise BadUserInput(_("`first` must be between 0 and %(max)d.") % {"max": MAX_LATEST}, argument="first")
        if first == 0:
            return []
        return LatestEntriesByItemLoader.get(info).load((root.path, first))

    @staticmethod
    def resolve_last_published_on(root, info):
        return then(LatestEntriesByItemLoader.get(info).load((root.path, 1)),
                    lambda latest: getattr(latest[0], SORT_PUBLISHED) if latest else None)

    @staticmethod
    def resolve_next_due_on(root, info):
        if root.time_limit_kind != "periodic":
            return None
        today = api_context(info).today
        return then(CatalogueItem.resolve_last_published_on(root, info), lambda last: next_due(root, last, today))

    @staticmethod
    def resolve_is_overdue(root, info):
        today = api_context(info).today
        return then(CatalogueItem.resolve_next_due_on(root, info), lambda due: bool(due and due < today))


class Catalogue(graphene.ObjectType):
    """公开目录: a unit's catalogue for one domain."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    domain = graphene.Field(DomainEnum, required=True)
    organisation = graphene.Field(Organisation, required=True)
    path = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(CatalogueItem), required=True,
                          include_retired=graphene.Boolean(default_value=False),
                          description="The rows in catalogue order (一级 rows each followed by their 二级 rows).")

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_organisation(root, info):
        return OrganisationByIdLoader.get(info).load(root.organisation_id)

    @staticmethod
    def resolve_path(root, info):
        return portal_path(root.url_path)

    @staticmethod
    def resolve_items(root, info, include_retired=False):
        rows = visible_catalogue_items(api_context(info).reader).filter(
            path__startswith=root.path, depth__gt=root.depth).order_by("path")
        if not include_retired:
            rows = rows.filter(retired_at__isnull=True)
        rows = list(rows)
        by_path, by_id = CatalogueItemByPathLoader.get(info), CatalogueItemByIdLoader.get(info)
        for item in rows:
            by_path.prime(item.path, item)
            by_id.prime(item.pk, item)
        by_path.prime(root.path, None)
        return rows
