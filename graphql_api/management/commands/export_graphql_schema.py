from django.core.management.base import BaseCommand, CommandError

from graphql_api.contract import SCHEMA_FILE, printed_schema


class Command(BaseCommand):
    help = "Write the printed GraphQL schema to graphql/schema.graphql (or --check that it is current)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the committed schema differs.")

    def handle(self, *args, check=False, **options):
        current = printed_schema()
        if check:
            committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
            if committed != current:
                raise CommandError(f"{SCHEMA_FILE} is out of date: run manage.py export_graphql_schema")
            self.stdout.write("The committed schema is current.")
            return
        SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_FILE.write_text(current, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
