"""System checks of the cms app (``manage.py check``; docs/install.md «Checks»).

Each message is given in Chinese and English: the operator of a host site may read either. The checks
that read the database (calendar years, provisioning) say nothing while the database cannot be read or
is not migrated yet: ``migrate`` itself must be able to run.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

# A host must point Wagtail's documents and images at ours: files leave through the entry's checks
# (cms.file_access), uploads are content-checked (cms.file_checks).
REQUIRED_SETTINGS = {
    "WAGTAILDOCS_DOCUMENT_MODEL": "cms.DisclosureDocument",
    "WAGTAILIMAGES_IMAGE_MODEL": "cms.DisclosureImage",
    "WAGTAILDOCS_SERVE_METHOD": "serve_view",
}


def bilingual(chinese: str, english: str) -> str:
    return f"{chinese}\n{english}"


def writable_directory(directory: Path) -> bool:
    """Whether the directory can be written, or created and then written (nothing is created here)."""
    probe = Path(directory)
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


@checks.register(checks.Tags.compatibility)
def check_wagtail_settings(app_configs=None, **kwargs):
    """Wagtail settings the disclosure apps rely on (docs/install.md «Settings of the host»)."""
    problems = []
    for name, expected in REQUIRED_SETTINGS.items():
        value = getattr(settings, name, None)
        if value != expected:
            problems.append(checks.Error(
                bilingual(f"设置 {name} 应为 “{expected}”，当前为 “{value}”。",
                          f"The setting {name} must be {expected!r}, not {value!r}."),
                hint=bilingual("公开条目的附件和图片须经公开审查才能下载，请按 docs/install.md 设置。",
                               "Files of entries are served only after the entry's visibility is checked: "
                               "set it as docs/install.md says."),
                id="cms.E001"))
    return problems


@checks.register()
def check_calendar_years(app_configs=None, today=None, **kwargs):
    """The official calendar (cms/workdays) must cover this year, and from 1 November the next one:
    deadlines are never guessed (docs/workdays.md)."""
    from cms.workdays.service import missing_years_to_enter

    try:
        missing = missing_years_to_enter(today)
    except DatabaseError:
        return []
    return [checks.Warning(
        bilingual(f"工作日历缺少 {year} 年：chinesecalendar 与后台“工作日历”都没有该年的节假日安排，"
                  "该年的办理期限无法计算。",
                  f"The working-day calendar has no data for {year}: neither chinesecalendar nor the admin's "
                  "calendar table covers it, so deadlines in that year cannot be computed."),
        hint=bilingual("在后台“设置 → 工作日历”录入国务院办公厅公布的安排并标记为完整，或升级 chinesecalendar。",
                       "Enter the State Council's holiday arrangement in the admin (Settings → Working-day "
                       "calendar) and mark the year complete, or upgrade chinesecalendar."),
        id="cms.W001") for year in missing]


@checks.register()
def check_provisioning(app_configs=None, **kwargs):
    """Units, their groups and the review workflows exist (``manage.py disclosure_setup``)."""
    from wagtail.models import WorkflowPage

    from cms.models import CataloguePage, Organisation

    try:
        if not Organisation.objects.exists():
            return [checks.Warning(
                bilingual("尚未创建公开单位：公开目录、用户组和审核流程都还没有。",
                          "No disclosure unit exists yet: there are no catalogues, groups or review workflows."),
                hint=bilingual("运行 manage.py disclosure_setup（见 docs/install.md）。",
                               "Run manage.py disclosure_setup (docs/install.md)."),
                id="cms.W002")]
        without_groups = list(Organisation.objects.filter(editors__isnull=True).values_list("name", flat=True)[:5])
        workflow_paths = list(WorkflowPage.objects.filter(workflow__active=True).values_list("page__path", flat=True))
        catalogues = CataloguePage.objects.values_list("path", "title")
        unreviewed = [title for path, title in catalogues.iterator()
                      if not any(path.startswith(prefix) for prefix in workflow_paths)]
    except DatabaseError:
        return []
    problems = []
    if without_groups:
        problems.append(checks.Warning(
            bilingual(f"这些单位没有用户组：{'、'.join(without_groups)}。",
                      f"These units have no groups: {', '.join(without_groups)}."),
            hint=bilingual("运行 manage.py disclosure_setup，它会补齐缺少的部分。",
                           "Run manage.py disclosure_setup: it adds what is missing."),
            id="cms.W003"))
    if unreviewed:
        shown = unreviewed[:5]
        problems.append(checks.Warning(
            bilingual(f"{len(unreviewed)} 个公开目录没有审核流程（例如：{'、'.join(shown)}），"
                      "条目可不经审核直接发布。",
                      f"{len(unreviewed)} catalogue(s) have no review workflow (e.g. {', '.join(shown)}): "
                      "entries could be published without review."),
            hint=bilingual("运行 manage.py disclosure_setup，它会为每个单位配置审核流程。",
                           "Run manage.py disclosure_setup: it gives every unit its review workflow."),
            id="cms.W004"))
    return problems
