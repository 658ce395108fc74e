"""The models of the disclosure CMS; import them from here."""

from .choices import (  # noqa: F401
    Audience, Cadence, Channel, DisclosureAttribute, DisclosureLevel, Domain, LinkKind, Manner, OrganisationLevel,
    Scope, TimeLimitKind, Topic, Validity, WithholdingGround, GROUNDS_BY_DOMAIN, ground_choices, ground_refusal,
)
from .audiences import DELIVERY_CHANNELS, AudienceGroup, DeliveryRecord  # noqa: F401
from .entries import DisclosureLink, DisclosurePage, IndexNumberSequence, WithheldPart  # noqa: F401
from .files import DisclosureDocument, DisclosureImage, DisclosureRendition  # noqa: F401
from .jobs import CatalogueImportJob, JobStatus  # noqa: F401
from .organisations import Organisation, Role, VillageRole  # noqa: F401
from .pages import CatalogueItemPage, CataloguePage, PortalHomePage, UnitPage  # noqa: F401
