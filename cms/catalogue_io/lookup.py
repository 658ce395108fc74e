"""Finding a unit's catalogue from what people type: a unit code (region-department, as in 索引号) or id,
and a domain (party / government / village, or 党务 / 政务 / 村务)."""

from django.utils.translation import gettext as _

from ..models import CataloguePage, Domain, Organisation
from .errors import CatalogueNotFound
from .vocabulary import parse_choice


def parse_domain(text: str) -> str:
    try:
        return parse_choice("domain", text, required=True)
    except ValueError:
        raise CatalogueNotFound(_("Unknown domain “%(domain)s”; use party, government or village.")
                                % {"domain": text[:40]}) from None


def find_organisation(reference: str) -> Organisation:
    region, separator, department = reference.strip().partition("-")
    if separator:
        found = Organisation.objects.filter(region_code=region, department_code=department).first()
    else:
        found = Organisation.objects.filter(pk=int(region)).first() if region.isdigit() else None
    if found is None:
        raise CatalogueNotFound(_("No unit has the code or id “%(unit)s”.") % {"unit": reference[:40]})
    return found


def find_catalogue(unit: str, domain: str) -> CataloguePage:
    organisation = find_organisation(unit)
    domain = parse_domain(domain)
    catalogue = CataloguePage.objects.filter(organisation=organisation, domain=domain).first()
    if catalogue is None:
        raise CatalogueNotFound(_("%(unit)s has no %(domain)s catalogue.")
                                % {"unit": organisation.name, "domain": Domain(domain).label})
    return catalogue
