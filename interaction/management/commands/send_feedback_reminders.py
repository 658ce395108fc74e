from django.core.management.base import BaseCommand

from interaction.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each unit's staff the feedback that is overdue, due soon or waiting for review (run daily)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
