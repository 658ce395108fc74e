"""The committed contract: graphql/schema.graphql (printed schema) and graphql/operations/*.graphql.

graphql/ is not a Python package (it would shadow graphql-core), so its files are read by path: in this
repository from graphql/ at its root; in an installed wheel from the copy setup.py puts in
graphql_api/contract_files/ (docs/install.md); or from the setting ``GRAPHQL_CONTRACT_DIR``.
"""

from pathlib import Path

from graphql import print_schema

from cms.conf import setting

PACKAGED_DIR = Path(__file__).resolve().parent / "contract_files"
REPOSITORY_DIR = Path(__file__).resolve().parent.parent / "graphql"


def _contract_dir() -> Path:
    configured = setting("GRAPHQL_CONTRACT_DIR", None)
    if configured:
        return Path(configured)
    return PACKAGED_DIR if PACKAGED_DIR.is_dir() else REPOSITORY_DIR


CONTRACT_DIR = _contract_dir()
SCHEMA_FILE = CONTRACT_DIR / "schema.graphql"
OPERATIONS_DIR = CONTRACT_DIR / "operations"


def printed_schema() -> str:
    from .schema import schema

    return print_schema(schema.graphql_schema).rstrip("\n") + "\n"


def operation_files() -> list[Path]:
    return sorted(OPERATIONS_DIR.glob("*.graphql"))
