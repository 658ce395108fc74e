"""System checks of the portal API (``manage.py check``; docs/install.md «Checks»)."""

from django.core import checks

from cms.checks import bilingual

from .contract import CONTRACT_DIR, OPERATIONS_DIR, SCHEMA_FILE


@checks.register()
def check_contract(app_configs=None, **kwargs):
    """The committed contract (schema and operations) must be readable: the portal runs its operations."""
    if SCHEMA_FILE.is_file() and any(OPERATIONS_DIR.glob("*.graphql")):
        return []
    return [checks.Error(
        bilingual(f"找不到 GraphQL 接口约定文件（{CONTRACT_DIR}）。",
                  f"The GraphQL contract files are missing ({CONTRACT_DIR})."),
        hint=bilingual("从完整的 wheel 安装，或把 GRAPHQL_CONTRACT_DIR 设为含 schema.graphql 和 operations/ 的目录。",
                       "Install from the complete wheel, or set GRAPHQL_CONTRACT_DIR to a directory holding "
                       "schema.graphql and operations/."),
        id="graphql_api.E001")]
