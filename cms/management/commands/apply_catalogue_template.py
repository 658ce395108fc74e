"""Start a unit's catalogue from a standard template (cms/catalogue_templates/)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.catalogue_io import (
    CatalogueFileError, CatalogueNotFound, apply_template, find_catalogue, find_organisation, get_template,
    list_templates,
)


class Command(BaseCommand):
    help = gettext_lazy("Add a standard template's rows to a unit's catalogue of the template's domain.")

    def add_arguments(self, parser):
        parser.add_argument("unit", nargs="?", help=_("Unit code (region-department, e.g. 330199-101) or id."))
        parser.add_argument("template", nargs="?", help=_("Template name (see --list)."))
        parser.add_argument("--list", action="store_true", help=_("List the templates."))
        parser.add_argument("--draft", action="store_true", help=_("Save the new items as drafts."))

    def handle(self, *args, unit=None, template=None, list=False, draft=False, **options):
        if list:
            for entry in list_templates():
                self.stdout.write(f"{entry.name}\t{entry.domain}\t{entry.title}")
            return
        if not unit or not template:
            raise CommandError(_("Give a unit and a template name, or --list."))
        try:
            organisation = find_organisation(unit)
            chosen = get_template(template)
            catalogue = find_catalogue(str(organisation.pk), chosen.domain)
            summary = apply_template(catalogue, chosen.name, publish=not draft)
        except CatalogueNotFound as exc:
            raise CommandError(str(exc)) from None
        except CatalogueFileError as exc:
            raise CommandError(_("The template was not applied; nothing was changed.") + f"\n{exc}") from None
        self.stdout.write(_("%(catalogue)s: %(added)d added, %(updated)d updated, %(unchanged)d unchanged from "
                            "%(template)s.") % {"catalogue": catalogue.title, "added": len(summary.created),
                                                "updated": len(summary.updated), "unchanged": len(summary.unchanged),
                                                "template": chosen.title})
