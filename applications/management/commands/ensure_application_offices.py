"""Give every existing unit its group of application handlers (new units get it when provisioned): run once
after installing the applications app on a database with units."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from applications.services import ensure_office
from cms.models import Organisation


class Command(BaseCommand):
    help = "Create the application handlers group of every unit that lacks it (safe to run again)."

    def handle(self, *args, **options):
        count = 0
        with translation.override(settings.LANGUAGE_CODE):  # group names in the installation's language
            for organisation in Organisation.objects.filter(application_office__isnull=True):
                ensure_office(organisation)
                count += 1
        self.stdout.write(f"{count} unit(s) provisioned.")
