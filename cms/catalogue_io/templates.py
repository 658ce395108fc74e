"""Standard catalogues a new unit starts from: CSV files of the sample layout under cms/catalogue_templates/,
listed with their title and domain in index.json."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from ..models import CataloguePage, DisclosureLevel, Domain, OrganisationLevel
from .errors import CatalogueNotFound, refuse
from .rows import CatalogueRow, read_catalogue_file
from .service import ImportSummary, import_rows

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "catalogue_templates"
UNIT_LEVEL = {  # 公开层级 of a unit's rows where the template leaves it empty; departments take their parent's
    OrganisationLevel.COUNTY: DisclosureLevel.COUNTY,
    OrganisationLevel.TOWNSHIP: DisclosureLevel.TOWNSHIP,
    OrganisationLevel.VILLAGE: DisclosureLevel.VILLAGE,
}


@dataclass(frozen=True)
class CatalogueTemplate:
    name: str
    title: str
    domain: str
    description: str
    file: str

    def rows(self) -> list[CatalogueRow]:
        return read_catalogue_file((TEMPLATES_DIR / self.file).read_bytes(), self.domain, format="csv")


def list_templates(domain: str | None = None) -> list[CatalogueTemplate]:
    index = json.loads((TEMPLATES_DIR / "index.json").read_text(encoding="utf-8"))
    templates = [CatalogueTemplate(name=name, **entry) for name, entry in index.items()]
    return [template for template in templates if domain in (None, template.domain)]


def get_template(name: str) -> CatalogueTemplate:
    for template in list_templates():
        if template.name == name:
            return template
    raise CatalogueNotFound(_("There is no catalogue template named “%(name)s”.") % {"name": name[:40]})


def unit_level(catalogue: CataloguePage) -> str:
    organisation = catalogue.organisation
    if organisation.level == OrganisationLevel.DEPARTMENT:
        organisation = organisation.get_parent() or organisation
    return str(UNIT_LEVEL.get(organisation.level, ""))


def apply_template(catalogue: CataloguePage, template_name: str, *, user=None,
                   publish: bool = True) -> ImportSummary:
    """Import a standard template's rows into a catalogue of its domain (items of the same names are
    updated, like any import); rows whose 公开层级 the template leaves empty get the unit's level."""
    template = get_template(template_name)
    if template.domain != catalogue.domain:
        refuse(_("The template “%(template)s” is for %(domain)s catalogues.")
               % {"template": template.title, "domain": Domain(template.domain).label})
    rows = template.rows()
    level = unit_level(catalogue)
    for row in rows:
        row.fields["disclosure_level"] = row.fields["disclosure_level"] or level
    return import_rows(catalogue, rows, user=user, publish=publish)
