"""System checks of 依申请公开 (``manage.py check``; docs/install.md «Checks»)."""

from django.core import checks

from cms.checks import bilingual, writable_directory
from cms.conf import data_dir, setting


@checks.register()
def check_private_files(app_configs=None, **kwargs):
    """Identity proofs and supplied files go to a directory no URL serves (APPLICATIONS_FILE_ROOT)."""
    from pathlib import Path

    root = Path(setting("APPLICATIONS_FILE_ROOT", None) or data_dir() / "applications")
    if writable_directory(root):
        return []
    return [checks.Error(
        bilingual(f"依申请公开的私密文件目录 {root} 无法写入（或无法创建）。",
                  f"The private file directory of applications, {root}, cannot be written (or created)."),
        hint=bilingual("设置 APPLICATIONS_FILE_ROOT（或 DATA_DIR）为可写目录；多台服务器时须为共享目录。",
                       "Set APPLICATIONS_FILE_ROOT (or DATA_DIR) to a writable directory, shared between "
                       "app servers when there are several."),
        id="applications.E001")]
