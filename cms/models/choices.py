"""Controlled vocabularies of the disclosure domain (shared/domain.md §1–§4, docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Domain(models.TextChoices):
    PARTY = "party", _("Party affairs")
    GOVERNMENT = "government", _("Government affairs")
    VILLAGE = "village", _("Village affairs")


class OrganisationLevel(models.TextChoices):
    COUNTY = "county", _("County / district")
    TOWNSHIP = "township", _("Township / town / street")
    VILLAGE = "village", _("Village / community")
    DEPARTMENT = "department", _("Department")


class TimeLimitKind(models.TextChoices):
    STANDING = "standing", _("Standing")
    PERIODIC = "periodic", _("Periodic")
    BY_STAGE = "by_stage", _("By stage")
    PROMPT = "prompt", _("Prompt")


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class Channel(models.TextChoices):
    """公开渠道和载体: the standard list of 国办发〔2019〕54号 samples."""

    GOVERNMENT_WEBSITE = "government_website", _("Government website")
    GAZETTE = "gazette", _("Government gazette")
    NEW_MEDIA = "new_media", _("Weibo, WeChat and apps")
    PRESS_CONFERENCE = "press_conference", _("Press conference / hearing")
    BROADCAST = "broadcast", _("Radio and television")
    PRINT = "print", _("Print media")
    READING_POINT = "reading_point", _("Public reading point")
    SERVICE_CENTRE = "service_centre", _("Government service centre")
    SERVICE_STATION = "service_station", _("Convenience service station")
    ON_SITE = "on_site", _("Door to door / on site")
    NOTICE_BOARD = "notice_board", _("Community or village notice board (screen)")
    TARGETED_PUSH = "targeted_push", _("Targeted push")
    # Inside the party (党务公开条例 §12): channels of their own, for party catalogues only.
    PARTY_MEETING = "party_meeting", _("Party members' meeting")
    PARTY_CIRCULAR = "party_circular", _("Circular within the party")
    PARTY_NOTICE_BOARD = "party_notice_board", _("Party affairs notice board")
    INTERNAL_BULLETIN = "internal_bulletin", _("Internal bulletin or party document")
    OTHER = "other", _("Other")


PARTY_CHANNELS = frozenset({Channel.PARTY_MEETING, Channel.PARTY_CIRCULAR, Channel.PARTY_NOTICE_BOARD,
                            Channel.INTERNAL_BULLETIN})


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SPECIFIC_GROUP = "specific_group", _("A specific group")


class Manner(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_APPLICATION = "on_application", _("Disclosure on application")


class DisclosureLevel(models.TextChoices):
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")
    VILLAGE = "village", _("Village level")


class Scope(models.TextChoices):
    """公开范围 of party disclosure (党务公开条例 §9), widest first."""

    PUBLIC = "public", pgettext_lazy("scope", "Public")
    ALL_MEMBERS = "all_members", _("All party members")
    UNIT_MEMBERS = "unit_members", _("Members of this region, department or unit")
    SPECIFIC = "specific", _("Named party organisations, members and people")


SCOPE_WIDTH = {Scope.PUBLIC: 3, Scope.ALL_MEMBERS: 2, Scope.UNIT_MEMBERS: 1, Scope.SPECIFIC: 0}
AUDIENCE_WIDTH = {Audience.PUBLIC: 1, Audience.SPECIFIC_GROUP: 0}


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_APPLICATION = "on_application", _("Disclosure on application")
    WITHHELD = "withheld", _("Not disclosed")


class Validity(models.TextChoices):
    VALID = "valid", _("Valid")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    EXPIRED = "expired", _("Expired")


class Topic(models.TextChoices):
    """主题分类: a short list after the State Council's topic classification."""

    ORGANISATION = "organisation", _("Organisation and staff")
    FINANCE = "finance", _("Finance, budgets and accounts")
    PLANNING = "planning", _("Planning and construction")
    AGRICULTURE = "agriculture", _("Agriculture and rural affairs")
    SOCIAL_SECURITY = "social_security", _("Social security and assistance")
    LAND = "land", _("Land and resources")
    LICENSING = "licensing", _("Licensing and enforcement")
    PARTY_BUILDING = "party_building", _("Party building")
    OTHER = "other", _("Other")


class LinkKind(models.TextChoices):
    INTERPRETS = "interprets", _("Interprets (政策解读)")
    AMENDS = "amends", _("Amends")
    REPEALS = "repeals", _("Repeals")
    RELATED = "related", _("Related")


class WithholdingGround(models.TextChoices):
    """不予公开 grounds (docs/moderation.md "Withholding grounds"): the 政府信息公开条例's for government
    entries (domain.md §6), and the reasoned lists for party and village entries (:data:`GROUNDS_BY_DOMAIN`)."""

    STATE_SECRET = "state_secret", _("State secret")
    FORBIDDEN_BY_LAW = "forbidden_by_law", _("Forbidden by other laws")
    THREE_SECURITIES = "three_securities", _("Endangers security or stability")
    THIRD_PARTY = "third_party", _("Third-party rights (trade secrets, personal privacy)")
    INTERNAL_AFFAIRS = "internal_affairs", _("Internal affairs information")
    PROCESS_INFORMATION = "process_information", _("Process information")
    ENFORCEMENT_FILES = "enforcement_files", _("Administrative enforcement files")
    ADMINISTRATIVE_ENQUIRY = "administrative_enquiry", _("Administrative enquiry matters")
    # 党务 (党务公开条例(试行)): secrets, internal party affairs, discipline cases under review.
    PARTY_SECRET = "party_secret", _("Party or state secret")
    PARTY_INTERNAL = "party_internal", _("Internal party affairs not to be disclosed under party rules")
    DISCIPLINE_CASE = "discipline_case", _("Discipline case under review")
    # 村务 (村民委员会组织法, 中办发〔2004〕17号) and party: people's privacy, firms' secrets, matters undecided.
    PERSONAL_PRIVACY = "personal_privacy", _("Personal privacy")
    TRADE_SECRET = "trade_secret", _("Trade secret")
    UNDECIDED_MATTER = "undecided_matter", _("Matter still under discussion, not decided")


_G = WithholdingGround
GROUNDS_BY_DOMAIN = {
    Domain.GOVERNMENT: (_G.STATE_SECRET, _G.FORBIDDEN_BY_LAW, _G.THREE_SECURITIES, _G.THIRD_PARTY,
                        _G.INTERNAL_AFFAIRS, _G.PROCESS_INFORMATION, _G.ENFORCEMENT_FILES, _G.ADMINISTRATIVE_ENQUIRY),
    Domain.PARTY: (_G.PARTY_SECRET, _G.PARTY_INTERNAL, _G.DISCIPLINE_CASE, _G.PERSONAL_PRIVACY, _G.UNDECIDED_MATTER,
                   _G.FORBIDDEN_BY_LAW),
    Domain.VILLAGE: (_G.STATE_SECRET, _G.PERSONAL_PRIVACY, _G.TRADE_SECRET, _G.UNDECIDED_MATTER, _G.FORBIDDEN_BY_LAW),
}


def ground_choices(domain: str | None) -> list[tuple[str, str]]:
    """The withholding grounds offered for an entry of ``domain`` (all of them when unknown)."""
    allowed = GROUNDS_BY_DOMAIN.get(domain)
    return [(value, label) for value, label in WithholdingGround.choices if allowed is None or value in allowed]


def ground_refusal(domain: str | None, ground: str) -> str | None:
    """Why ``ground`` is not a withholding ground of ``domain``'s entries, or None."""
    if not ground or domain not in GROUNDS_BY_DOMAIN or ground in GROUNDS_BY_DOMAIN[domain]:
        return None
    return _("“%(ground)s” is not a withholding ground of %(domain)s entries; choose one of: %(allowed)s.") % {
        "ground": WithholdingGround(ground).label if ground in WithholdingGround.values else ground,
        "domain": Domain(domain).label,
        "allowed": "、".join(str(g.label) for g in GROUNDS_BY_DOMAIN[domain])}
