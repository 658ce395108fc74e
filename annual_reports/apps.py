from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    """政府信息公开工作年度报告: a unit's yearly report on the 2021 template, generated from the data, completed
    in the admin and published as an entry under the unit's 年度报告 row (docs/supervision.md «年度报告»)."""

    name = "annual_reports"
    label = "annual_reports"
    verbose_name = _("Annual reports")
    default_auto_field = "django.db.models.BigAutoField"
