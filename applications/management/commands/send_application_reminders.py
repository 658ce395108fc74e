from django.core.management.base import BaseCommand

from applications.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each unit's application handlers the applications that are overdue or due soon (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} message(s) sent.")
