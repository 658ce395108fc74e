from django.db.models import Q
from django.utils.translation import gettext as _

from cms.models import Domain, Organisation

from ..core.errors import BadUserInput

DOMAIN_FLAGS = {Domain.PARTY: "publishes_party", Domain.GOVERNMENT: "publishes_government",
                Domain.VILLAGE: "publishes_village"}


def parse_id(value, argument: str) -> int:
    """A numeric database id given as a GraphQL ID."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise BadUserInput(_("`%(argument)s` must be a numeric id.") % {"argument": argument},
                           argument=argument) from None
    if number <= 0 or number > 2**63 - 1:
        raise BadUserInput(_("`%(argument)s` must be a numeric id.") % {"argument": argument}, argument=argument)
    return number


def organisation_lookup(id=None, code=None, *, argument="organisation", prefix="") -> Q | None:
    """A filter for the unit given by id or code (exactly one); None when neither is given.

    ``prefix`` filters another model through its relation, e.g. ``"organisation__"``.
    """
    if id is not None and code is not None:
        raise BadUserInput(_("Give the organisation's id or its code, not both."), argument=argument)
    if id is not None:
        return Q(**{f"{prefix}pk": parse_id(id, argument)})
    if code is not None:
        region, _sep, department = str(code).partition("-")
        if not region or not department:
            raise BadUserInput(_("An organisation code looks like 330102-001."), argument=argument)
        return Q(**{f"{prefix}region_code": region, f"{prefix}department_code": department})
    return None


def find_organisation(id=None, code=None, *, argument="organisation", required=False) -> Organisation | None:
    lookup = organisation_lookup(id, code, argument=argument)
    if lookup is None:
        if required:
            raise BadUserInput(_("Give the organisation's id or its code."), argument=argument)
        return None
    return Organisation.objects.filter(lookup).first()


def domain_q(domain: str) -> Q:
    return Q(**{DOMAIN_FLAGS[domain]: True})
