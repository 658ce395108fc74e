"""Give every unit its default workflow and (villages) its supervision group: for databases whose units
were provisioned before the procedure existed. Safe to run again; edited workflows are left alone."""

from django.core.management.base import BaseCommand

from cms.models import Organisation
from cms.units import provision


class Command(BaseCommand):
    help = "Provision every unit again, creating missing workflows and village supervision groups."

    def handle(self, *args, **options):
        created = 0
        for organisation in Organisation.objects.order_by("path"):
            had_workflow = organisation.workflow_id is not None
            provision(organisation)
            created += not had_workflow
        self.stdout.write(f"{created} workflows created.")
