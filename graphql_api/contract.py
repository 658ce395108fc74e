"""The committed contract: graphql/schema.graphql (printed schema) and graphql/operations/*.graphql.

graphql/ is not a Python package (it would shadow graphql-core), so its files are read by path.
"""

from pathlib import Path

from django.conf import settings
from graphql import print_schema

CONTRACT_DIR = Path(settings.BASE_DIR) / "graphql"
SCHEMA_FILE = CONTRACT_DIR / "schema.graphql"
OPERATIONS_DIR = CONTRACT_DIR / "operations"


def printed_schema() -> str:
    from .schema import schema

    return print_schema(schema.graphql_schema).rstrip("\n") + "\n"


def operation_files() -> list[Path]:
    return sorted(OPERATIONS_DIR.glob("*.graphql"))
