"""GraphQL enums of the domain vocabularies (cms.models.choices); values are the stored strings.

Descriptions are English and fixed so that the printed schema does not change with the language;
portals get the translated labels from the ``choices`` root field.
"""

import graphene

from cms.models import (
    Audience, Cadence, Channel, DisclosureAttribute, DisclosureLevel, Domain, LinkKind, Manner, OrganisationLevel,
    Scope, TimeLimitKind, Topic, Validity,
)


def enum_from_choices(name: str, choices, description: str):
    members = [(value.upper(), value) for value in choices.values]
    return graphene.Enum(name, members, description=description)


DomainEnum = enum_from_choices("Domain", Domain, "Party (党务), government (政务) or village (村务) affairs.")
OrganisationLevelEnum = enum_from_choices("OrganisationLevel", OrganisationLevel, "Level of a unit in the tree.")
TimeLimitKindEnum = enum_from_choices("TimeLimitKind", TimeLimitKind, "公开时限: standing, periodic, by stage, prompt.")
CadenceEnum = enum_from_choices("Cadence", Cadence, "How often a periodic item is disclosed.")
ChannelEnum = enum_from_choices("Channel", Channel, "公开渠道和载体.")
AudienceEnum = enum_from_choices("Audience", Audience, "公开对象: everyone or a specific group.")
MannerEnum = enum_from_choices("Manner", Manner, "公开方式: proactive or on application.")
DisclosureLevelEnum = enum_from_choices("DisclosureLevel", DisclosureLevel, "公开层级.")
ScopeEnum = enum_from_choices("Scope", Scope, "公开范围 of party affairs, widest first.")
DisclosureAttributeEnum = enum_from_choices("DisclosureAttribute", DisclosureAttribute, "公开属性.")
ValidityEnum = enum_from_choices("Validity", Validity, "有效性 of an entry.")
TopicEnum = enum_from_choices("Topic", Topic, "主题分类.")
LinkKindEnum = enum_from_choices("LinkKind", LinkKind, "How one entry relates to another.")

VOCABULARIES = {
    "domain": Domain, "organisation_level": OrganisationLevel, "time_limit_kind": TimeLimitKind,
    "cadence": Cadence, "channel": Channel, "audience": Audience, "manner": Manner,
    "disclosure_level": DisclosureLevel, "scope": Scope, "disclosure_attribute": DisclosureAttribute,
    "validity": Validity, "topic": Topic, "link_kind": LinkKind,
}
VocabularyEnum = graphene.Enum("Vocabulary", [(name.upper(), name) for name in VOCABULARIES],
                               description="A controlled vocabulary whose labels a portal shows.")


class Choice(graphene.ObjectType):
    """One value of a vocabulary with its label in the request's language (zh-hans by default)."""

    value = graphene.String(required=True, description="The enum value, e.g. PROACTIVE.")
    label = graphene.String(required=True)


def value_of(enum_member):
    """The stored string of an enum argument (graphene passes enum members)."""
    if enum_member is None:
        return None
    return getattr(enum_member, "value", enum_member)
