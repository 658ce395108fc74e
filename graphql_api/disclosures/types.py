import re

import graphene

from ..core.context import api_context
from ..core.dataloaders import then
from ..core.enums import (
    AudienceEnum, DisclosureAttributeEnum, DomainEnum, LinkKindEnum, ScopeEnum, TopicEnum, ValidityEnum, value_of,
)
from ..core.pagination import PageInfo
from ..core.urls import portal_path
from ..organisations.dataloaders import OrganisationByIdLoader
from ..organisations.types import Organisation
from .blocks import ALL_BLOCK_TYPES, Attachment, BodyBlock, block_attachments
from .body import BodyByEntryLoader, entry_key
from .dataloaders import CatalogueItemByIdLoader, LinksByEntryIdLoader, VisibleEntryByIdLoader

KEYWORD_SEPARATORS = re.compile(r"[\s,，、;；]+")


class LinkDirection(graphene.Enum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"

    @property
    def description(self):
        return {"outgoing": "This entry links to the other (e.g. it interprets it).",
                "incoming": "The other entry links to this one (e.g. it is an interpretation of this)."}.get(
            self.value)


class DisclosureLink(graphene.ObjectType):
    """A link between two entries the reader may both see."""

    kind = graphene.Field(LinkKindEnum, required=True)
    direction = graphene.Field(LinkDirection, required=True)
    entry = graphene.Field(lambda: Disclosure, required=True, description="The entry at the other end.")


def published_on(entry):
    """The date lists sort on (``listed_on``), computed from its fields: a preview's entry comes from a
    revision, which may hold no or an older listing date."""
    return entry.listing_date()


class Disclosure(graphene.ObjectType):
    """A disclosure entry (公开信息) as the reader may see it."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    path = graphene.String(required=True, description="Portal path below the site root.")
    url_path = graphene.String(required=True, description="Wagtail's full url_path (for disclosure(urlPath:)).")
    index_number = graphene.String(description="索引号")
    document_number = graphene.String(required=True, description="文号")
    written_on = graphene.Date(description="成文日期")
    published_on = graphene.Date(description="发布日期")
    last_published_at = graphene.DateTime(description="When the current version went online.")
    publishing_body = graphene.String(required=True, description="发布机构")
    disclosure_attribute = graphene.Field(DisclosureAttributeEnum, required=True, description="公开属性")
    topic = graphene.Field(TopicEnum, required=True, description="主题分类")
    summary = graphene.String(required=True)
    keywords = graphene.List(graphene.NonNull(graphene.String), required=True)
    validity = graphene.Field(ValidityEnum, required=True,
                              description="有效性, as of today: EXPIRED from the entry's invalidFrom on.")
    invalid_from = graphene.Date(description="失效日期: from this day the entry is no longer in force (已失效).")
    superseded_by = graphene.Field(lambda: Disclosure)
    period_covered = graphene.String(required=True, description="e.g. 2026年第三季度")
    notice_start = graphene.Date()
    notice_end = graphene.Date()
    notice_in_effect = graphene.Boolean(required=True, description="Whether today is within the notice period.")
    information_formed_on = graphene.Date()
    prompt_due_on = graphene.Date(
        description="Prompt rows (及时公开): the last day to publish, the row's working days after the information "
                    "was formed, on the official working-day calendar (stored when the entry is saved); null for "
                    "other rows, without that date, or for a year the calendar does not cover yet.")
    domain = graphene.Field(DomainEnum, required=True)
    audience = graphene.Field(AudienceEnum, required=True, description="Effective 公开对象.")
    scope = graphene.Field(ScopeEnum, required=True, description="Effective 公开范围 (public outside party affairs).")
    organisation = graphene.Field(Organisation, required=True)
    catalogue_item = graphene.Field("graphql_api.catalogue.types.CatalogueItem", required=True)
    links = graphene.List(graphene.NonNull(DisclosureLink), required=True,
                          kinds=graphene.List(graphene.NonNull(LinkKindEnum)),
                          direction=graphene.Argument(LinkDirection))
    interpretations = graphene.List(graphene.NonNull(lambda: Disclosure), required=True,
                                    description="Entries interpreting this one (政策解读).")
    interpreted_policies = graphene.List(graphene.NonNull(lambda: Disclosure), required=True,
                                         description="The policies this entry interprets.")
    attachments = graphene.List(graphene.NonNull(Attachment), required=True,
                                description="The files of the body's attachment blocks, in order.")
    body = graphene.List(graphene.NonNull(BodyBlock), required=True, description="Public blocks only.")
    archived_at = graphene.DateTime()
    is_preview = graphene.Boolean(required=True, description="True for a draft shown through a preview token.")

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_path(root, info):
        return portal_path(root.url_path)

    @staticmethod
    def resolve_published_on(root, info):
        return published_on(root)

    @staticmethod
    def resolve_keywords(root, info):
        return [word for word in KEYWORD_SEPARATORS.split(root.keywords or "") if word]

    @staticmethod
    def resolve_superseded_by(root, info):
        if root.superseded_by_id is None:
            return None
        return VisibleEntryByIdLoader.get(info).load(root.superseded_by_id)

    @staticmethod
    def resolve_validity(root, info):
        return root.current_validity(api_context(info).today)

    @staticmethod
    def resolve_notice_in_effect(root, info):
        today = api_context(info).today
        return bool(root.notice_start and root.notice_end and root.notice_start <= today <= root.notice_end)

    @staticmethod
    def resolve_prompt_due_on(root, info):
        return root.due_on  # cms.schedule.due_date, on the official calendar (docs/lifecycle.md)

    @staticmethod
    def resolve_audience(root, info):
        return then(CatalogueItemByIdLoader.get(info).load(root.catalogue_item_id),
                    lambda item: root.audience or (item.audience if item else "public"))

    @staticmethod
    def resolve_scope(root, info):
        if root.domain != "party":
            return "public"
        return then(CatalogueItemByIdLoader.get(info).load(root.catalogue_item_id),
                    lambda item: root.scope or (item.scope if item else "public"))

    @staticmethod
    def resolve_organisation(root, info):
        return OrganisationByIdLoader.get(info).load(root.organisation_id)

    @staticmethod
    def resolve_catalogue_item(root, info):
        return CatalogueItemByIdLoader.get(info).load(root.catalogue_item_id)

    @staticmethod
    def resolve_links(root, info, kinds=None, direction=None):
        kinds = {value_of(kind) for kind in kinds or ()}
        direction = value_of(direction)

        def chosen(links):
            return [{"kind": kind, "direction": way, "entry": entry} for kind, way, entry in links
                    if (not kinds or kind in kinds) and (direction is None or way == direction)]

        return then(_links(root, info), chosen)

    @staticmethod
    def resolve_interpretations(root, info):
        return then(_links(root, info), lambda links: [entry for kind, way, entry in links
                                                        if kind == "interprets" and way == "incoming"])

    @staticmethod
    def resolve_interpreted_policies(root, info):
        return then(_links(root, info), lambda links: [entry for kind, way, entry in links
                                                        if kind == "interprets" and way == "outgoing"])

    @staticmethod
    def resolve_attachments(root, info):
        request = info.context
        return then(BodyByEntryLoader.get(info).load(entry_key(info, root)),
                    lambda blocks: [item for block in blocks for item in block_attachments(request, block)])

    @staticmethod
    def resolve_body(root, info):
        return BodyByEntryLoader.get(info).load(entry_key(info, root))

    @staticmethod
    def resolve_is_preview(root, info):
        return bool(getattr(root, "preview_revision_id", None))


def _links(root, info):
    if getattr(root, "preview_revision_id", None):
        return PreviewLinks.of(info, root)
    return LinksByEntryIdLoader.get(info).load(root.pk)


class PreviewLinks:
    """Links of a draft come from the revision, their targets from the visible entries."""

    @staticmethod
    def of(info, root):
        outgoing = [(link.kind, link.target_id) for link in root.links.all() if link.target_id]
        loader = VisibleEntryByIdLoader.get(info)
        visible = loader.load_now([target for _kind, target in outgoing])
        incoming = LinksByEntryIdLoader.get(info).load_now([root.pk]).get(root.pk, ())
        return [(kind, "outgoing", visible[target]) for kind, target in outgoing if visible.get(target)] + [
            link for link in incoming if link[1] == "incoming"]


class DisclosureEdge(graphene.ObjectType):
    node = graphene.Field(Disclosure, required=True)
    cursor = graphene.String(required=True)


class DisclosureConnection(graphene.ObjectType):
    """A page of entries (Relay connection)."""

    edges = graphene.List(graphene.NonNull(DisclosureEdge), required=True)
    nodes = graphene.List(graphene.NonNull(Disclosure), required=True, description="The entries, without cursors.")
    page_info = graphene.Field(PageInfo, required=True)
    total_count = graphene.Int(required=True, description="All entries matching the filter (one extra query).")


EXTRA_TYPES = ALL_BLOCK_TYPES
