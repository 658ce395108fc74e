"""Organisations (单位): county → township/street → village/community, with departments under any unit."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .choices import Domain, OrganisationLevel

# Which level may sit under which (None: a root).
ALLOWED_PARENT_LEVELS = {
    OrganisationLevel.COUNTY: {None},
    OrganisationLevel.TOWNSHIP: {OrganisationLevel.COUNTY},
    OrganisationLevel.VILLAGE: {OrganisationLevel.TOWNSHIP},
    OrganisationLevel.DEPARTMENT: {OrganisationLevel.COUNTY, OrganisationLevel.TOWNSHIP, OrganisationLevel.VILLAGE},
}

code_validator = RegexValidator(r"^[0-9A-Za-z]+$", _("Use digits and Latin letters only."))


class Role(models.TextChoices):
    """The four groups every unit gets; the procedure of domain.md §5 (提出 → 审核/保密审查 → 审批)."""

    EDITOR = "editor", _("Editors (propose)")
    REVIEWER = "reviewer", _("Reviewers")
    SECRECY_REVIEWER = "secrecy_reviewer", _("Secrecy reviewers")
    APPROVER = "approver", _("Approvers")


class VillageRole(models.TextChoices):
    """The group only villages get: the 村务监督委员会 checks village affairs before they are published
    (村民委员会组织法 §32). Kept apart from Role, the groups every unit gets."""

    SUPERVISOR = "supervisor", _("Village affairs supervisors")


class Organisation(MP_Node):
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40)
    level = models.CharField(_("level"), max_length=20, choices=OrganisationLevel.choices)
    region_code = models.CharField(
        _("region code"), max_length=12, validators=[code_validator],
        help_text=_("Administrative division code, the first part of every index number (e.g. 330102)."),
    )
    department_code = models.CharField(
        _("department code"), max_length=12, validators=[code_validator],
        help_text=_("Code of this unit within its region, the second part of every index number (e.g. 001)."),
    )
    publishes_party = models.BooleanField(_("publishes party affairs"), default=False)
    publishes_government = models.BooleanField(_("publishes government affairs"), default=False)
    publishes_village = models.BooleanField(_("publishes village affairs"), default=False)
    leader = models.CharField(_("responsible leader"), max_length=60, blank=True)
    office = models.CharField(_("office"), max_length=120, blank=True)
    contact_phone = models.CharField(_("office telephone"), max_length=40, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)

    page = models.OneToOneField(
        "cms.UnitPage", verbose_name=_("section"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="unit",
    )
    editors = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    reviewers = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    secrecy_reviewers = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    approvers = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    supervisors = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    workflow = models.ForeignKey(
        "wagtailcore.Workflow", verbose_name=_("default workflow"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The procedure before publication, created with the unit and assigned to its catalogues."),
    )

    node_order_by = ["region_code", "department_code"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["region_code", "department_code"], name="organisation_unique_code"),
        ]

    def __str__(self):
        return self.name

    @property
    def code(self) -> str:
        """The unit's public code: region code and department code, as in 索引号."""
        return f"{self.region_code}-{self.department_code}"

    @property
    def domains(self) -> list[str]:
        flags = {
            Domain.PARTY: self.publishes_party,
            Domain.GOVERNMENT: self.publishes_government,
            Domain.VILLAGE: self.publishes_village,
        }
        return [domain.value for domain, on in flags.items() if on]

    def group_for(self, role: str) -> Group | None:
        return {
            Role.EDITOR: self.editors,
            Role.REVIEWER: self.reviewers,
            Role.SECRECY_REVIEWER: self.secrecy_reviewers,
            Role.APPROVER: self.approvers,
            VillageRole.SUPERVISOR: self.supervisors,
        }[role]

    def clean_parent(self, parent: "Organisation | None"):
        """A county is a root; a township sits under a county, a village under a township."""
        allowed = ALLOWED_PARENT_LEVELS[self.level]
        parent_level = parent.level if parent else None
        if parent_level not in allowed:
            raise ValidationError(
                {"level": _("A unit of this level cannot be placed under %(parent)s.")
                 % {"parent": parent.name if parent else _("the top of the tree")}}
            )
        if self.level == OrganisationLevel.VILLAGE and self.publishes_government:
            raise ValidationError({"publishes_government": _("Villages publish village and party affairs, not government affairs.")})
        if not self.domains:
            raise ValidationError(_("Choose at least one domain the unit publishes in."))
