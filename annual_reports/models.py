"""One annual report (政府信息公开工作年度报告) per unit and year (docs/supervision.md «年度报告»).

The report keeps what it was generated from: ``computed`` holds the figures taken from the data when the
draft was last generated (table 三 of applications, the counts of 二 the unit's catalogue rows hold) with
their evidence; ``entered`` holds what editors enter (figures of 二 the data does not hold, 四 复议/诉讼);
the texts of 一, 五 and 六 are fields. The entry itself is ``page``: a DisclosurePage under the unit's
年度报告 row that goes through the unit's procedure like any entry.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualReport(models.Model):
    organisation = models.ForeignKey("cms.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    overview = models.TextField(_("general situation"), blank=True)
    problems = models.TextField(_("problems and improvements"), blank=True)
    other_matters = models.TextField(_("other matters"), blank=True)
    computed = models.JSONField(_("computed figures"), default=dict, blank=True, editable=False)
    entered = models.JSONField(_("entered figures"), default=dict, blank=True, editable=False)
    page = models.ForeignKey("cms.DisclosurePage", verbose_name=_("entry"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True, editable=False)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="annual_report_unit_year")]

    def __str__(self):
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"
