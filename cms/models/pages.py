"""The page tree: portal home → unit sections → catalogues (one per domain) → catalogue items."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from search.analysis import index_tokens, normalise

from ..events import catalogue_row_retired
from .choices import (
    PARTY_CHANNELS, Audience, Cadence, Channel, DisclosureLevel, Domain, Manner, Scope, TimeLimitKind,
)

DEFAULT_PROMPT_WORKING_DAYS = 20  # 政府信息公开条例 §26
# §26 fixes the longest time: a catalogue row may ask for less, never for more (docs/lifecycle.md).
PROMPT_DAYS_MESSAGE = _("%(days)s working days is not allowed: prompt disclosure (条例 §26) must happen within "
                        "%(limit)s working days of the information being formed or changed; a row may shorten "
                        "that time but not lengthen it.")
# Longest part of a title or summary the admin's search finds from its first character.
ADMIN_SEARCH_SUFFIX = 24
WORD_RUN = re.compile(r"\w+")


def admin_search_terms(*texts: str) -> str:
    """The text the admin's page search (Wagtail's database backend) indexes beside the title, so that
    a word written inside a Chinese title or summary is found (修缮, 道路修缮 in 2026年村内道路修缮工程公示).

    SQLite FTS5 and PostgreSQL's parser keep a run of Chinese characters as one token, and the admin
    searches with ``autocomplete()``: every term typed must be a token, the last one may be a prefix.
    So the text holds the rjieba words (``search.analysis``: 道路, 修缮, 工程) for terms typed apart
    (道路 工程), and each run holding Chinese as its suffixes (up to :data:`ADMIN_SEARCH_SUFFIX`
    characters): a prefix of a suffix is any part of the run, so what is typed as one term (道路修缮)
    finds exactly the titles containing it. The public search has its own index (``search``)."""
    terms = []
    for text in texts:
        norm = normalise(text or "")
        terms.extend(index_tokens(norm))
        for run in WORD_RUN.findall(norm):
            if not run.isascii():
                terms.extend(run[start:start + ADMIN_SEARCH_SUFFIX] for start in range(len(run)))
    return " ".join(dict.fromkeys(terms))


class InheritsFromParent:
    """Pages that copy denormalised fields (organisation, domain…) from their parent before validation."""

    def inherit_from_parent(self, parent):
        raise NotImplementedError

    def _inherit(self):
        if self.path and self.depth and self.depth > 1:
            self.inherit_from_parent(self.get_parent().specific)

    def full_clean(self, *args, **kwargs):
        self._inherit()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._inherit()
        return super().save(*args, **kwargs)


class PortalHomePage(Page):
    """The root of the public portal; one per site."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    template = "cms/preview/page.html"  # previews only: public page URLs are routed by cms.serving
    subpage_types = ["cms.UnitPage"]
    max_count = 1

    class Meta:
        verbose_name = _("portal home page")


class UnitPage(Page):
    """The section of one organisation; created with the organisation, never by hand."""

    content_panels = Page.content_panels
    parent_page_types = ["cms.PortalHomePage", "cms.UnitPage"]
    template = "cms/preview/page.html"
    subpage_types = ["cms.UnitPage", "cms.CataloguePage"]
    is_creatable = False

    class Meta:
        verbose_name = _("unit section")

    @property
    def organisation(self):
        return getattr(self, "unit", None)


def may_keep_rows(user, page) -> bool:
    """Whether ``user`` keeps the catalogue rows at ``page`` (a catalogue or a row): adds, edits, moves,
    copies, deletes and retires rows. Rows are kept by those who may publish there: the unit's approvers,
    the parent unit's approvers and administrators. Editors and reviewers only add entries under rows
    (docs/editors.md)."""
    return page.permissions_for_user(user).can_publish()


class CataloguePermissionTester(PagePermissionTester):
    """A catalogue takes rows only from those who keep its rows."""

    def can_add_subpage(self):
        return self.can_publish() and super().can_add_subpage()


class CatalogueItemPermissionTester(PagePermissionTester):
    """A row is edited, moved, copied, deleted (and locked) only by those who keep rows; everyone who may
    add pages there still adds entries under it (sub-rows: see ``cms.catalogue_admin``)."""

    def _keeps(self) -> bool:
        return self.can_publish()

    def can_edit(self):
        return self._keeps() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._keeps() and super().can_delete(ignore_bulk)

    def can_move(self):
        return self._keeps() and super().can_move()

    def can_copy(self):
        return self._keeps() and super().can_copy()

    def can_lock(self):
        return self._keeps() and super().can_lock()

    def can_submit_for_moderation(self):
        return self._keeps() and super().can_submit_for_moderation()

    def can_set_view_restrictions(self):
        return self._keeps() and super().can_set_view_restrictions()


class CataloguePage(Page):
    """公开目录: a unit's catalogue for one domain; created with the organisation."""

    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="catalogues",
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)

    content_panels = Page.content_panels
    parent_page_types = ["cms.UnitPage"]
    template = "cms/preview/page.html"
    subpage_types = ["cms.CatalogueItemPage"]
    is_creatable = False

    def permissions_for_user(self, user):
        return CataloguePermissionTester(user, self)

    class Meta:
        verbose_name = _("disclosure catalogue")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="one_catalogue_per_domain"),
        ]


class CatalogueItemPageForm(WagtailAdminPageForm):
    """A catalogue row's form: channels as checkboxes of the standard list (not a JSON box); 公开范围
    only on party catalogues, where it applies."""

    channels = forms.MultipleChoiceField(label=_("channels"), choices=Channel.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = getattr(self.parent_page, "specific", None)
        domain = self.instance.domain or getattr(parent, "domain", None)
        if domain != Domain.PARTY:
            self.fields.pop("scope", None)
            self.fields["channels"].choices = [(value, label) for value, label in Channel.choices
                                               if value not in PARTY_CHANNELS]
        field = self.fields.get("responsible_department")
        organisation_id = self.instance.organisation_id or getattr(parent, "organisation_id", None)
        if field is not None and organisation_id:
            field.queryset = responsible_departments(organisation_id, self.instance.responsible_department_id)


def responsible_departments(organisation_id, current_id=None):
    """What 责任部门 offers on a unit's row: the unit itself and its own departments (and the row's
    current choice, so that an older choice stays valid)."""
    from django.db.models import Q

    from .choices import OrganisationLevel
    from .organisations import Organisation

    unit = Organisation.objects.get(pk=organisation_id)
    departments = unit.get_children().filter(level=OrganisationLevel.DEPARTMENT).values("pk")
    return Organisation.objects.filter(Q(pk=unit.pk) | Q(pk__in=departments) | Q(pk=current_id)).order_by("path")


class CatalogueItemPage(InheritsFromParent, Page):
    """公开事项: a catalogue row (一级 or 二级) with every element of 国办发〔2019〕54号."""

    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="catalogue_items", editable=False,
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices, editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), default=0)
    code = models.CharField(
        _("category code"), max_length=12, blank=True,
        help_text=_("Used in index numbers; generated from the sequence when empty."),
    )
    content_elements = models.TextField(_("content elements"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    time_limit_kind = models.CharField(_("time limit"), max_length=20, choices=TimeLimitKind.choices,
                                       default=TimeLimitKind.STANDING)
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence.choices, blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days to publish"), default=DEFAULT_PROMPT_WORKING_DAYS,
        help_text=_("For prompt disclosure: working days after the information is formed or changed."),
    )
    time_limit_note = models.CharField(_("time limit note"), max_length=200, blank=True)
    responsible_department = models.ForeignKey(
        "cms.Organisation", verbose_name=_("responsible department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="responsible_for_items",
    )
    responsible_body = models.CharField(_("responsible body"), max_length=200, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    manner = models.CharField(_("manner"), max_length=20, choices=Manner.choices, default=Manner.PROACTIVE)
    disclosure_level = models.CharField(_("disclosure level"), max_length=20, choices=DisclosureLevel.choices,
                                        blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.PUBLIC,
                             help_text=_("Party catalogues only."))
    notice_min_working_days = models.PositiveSmallIntegerField(
        _("minimum notice period (working days)"), null=True, blank=True,
        help_text=_("For notices: e.g. 5 for pre-appointment notices, 7 for subsistence allowance lists."),
    )
    notice_min_days = models.PositiveSmallIntegerField(
        _("minimum notice period (calendar days)"), null=True, blank=True, validators=[MaxValueValidator(366)],
        help_text=_("For notices counted in calendar days: e.g. 7 for a village matter to be on the board at least "
                    "seven days, 15 for half a month."))
    requires_interpretation = models.BooleanField(
        _("requires an interpretation"), default=False,
        help_text=_("政策解读 三同步: a policy published under this row must come with its interpretation."))
    # Periodic rows with terms (docs/lifecycle.md): the entry for a period is due on ``due_day`` of the
    # ``due_month``-th month after the period ends — 每月10日前: 1 and 10; the annual report 次年3月31日前: 3
    # and 31. Without terms: by the end of the next period.
    due_month = models.PositiveSmallIntegerField(
        _("due in month after the period"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Periodic rows: 1 for the month after the period ends, 3 for the third month (e.g. an annual "
                    "report due by 31 March)."))
    due_day = models.PositiveSmallIntegerField(
        _("due by day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Day of that month (31: its last day)."))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    retirement_reason = models.CharField(_("retirement reason"), max_length=200, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("sequence"), FieldPanel("code")]),
        FieldPanel("content_elements"),
        FieldPanel("legal_basis"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("time_limit_kind"), FieldPanel("cadence"), FieldPanel("working_days")]),
            FieldRowPanel([FieldPanel("due_month"), FieldPanel("due_day")]),
            FieldPanel("time_limit_note"),
            FieldRowPanel([FieldPanel("notice_min_working_days"), FieldPanel("notice_min_days")]),
            FieldPanel("requires_interpretation"),
        ], heading=_("Time limit")),
        MultiFieldPanel([
            FieldPanel("responsible_department"),
            FieldPanel("responsible_body"),
            FieldPanel("channels"),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("manner")]),
            FieldRowPanel([FieldPanel("disclosure_level"), FieldPanel("scope")]),
        ], heading=_("How it is disclosed")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("content_elements"),
        index.AutocompleteField("admin_search_text"),
    ]
    parent_page_types = ["cms.CataloguePage", "cms.CatalogueItemPage"]
    base_form_class = CatalogueItemPageForm
    template = "cms/preview/page.html"
    subpage_types = ["cms.CatalogueItemPage", "cms.DisclosurePage"]

    class Meta:
        verbose_name = _("catalogue item")
        ordering = ["path"]

    def admin_search_text(self) -> str:
        return admin_search_terms(self.title)

    def permissions_for_user(self, user):
        return CatalogueItemPermissionTester(user, self)

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def catalogue(self) -> CataloguePage:
        return CataloguePage.objects.ancestor_of(self).get()

    def full_name(self) -> str:
        parent = self.get_parent().specific
        if isinstance(parent, CatalogueItemPage):
            return f"{parent.title} / {self.title}"
        return self.title

    def item_code(self) -> str:
        """The row's own code, or its parent row's code followed by its sequence (一级 03 → 二级 0302)."""
        if self.code:
            return self.code
        own = f"{self.sequence:02d}"
        parent = self.get_parent().specific if self.depth and self.depth > 1 else None
        return parent.item_code() + own if isinstance(parent, CatalogueItemPage) else own

    def category_code(self) -> str:
        """The catalogue part of 索引号: a domain letter pair and the item's code (e.g. ZW0302)."""
        prefix = {Domain.PARTY: "DW", Domain.GOVERNMENT: "ZW", Domain.VILLAGE: "CW"}[self.domain]
        return prefix + self.item_code()

    def with_content_json(self, content):
        """Restoring a revision never un-retires the row: retirement lives on the page row."""
        obj = super().with_content_json(content)
        obj.retired_at, obj.retirement_reason = self.retired_at, self.retirement_reason
        return obj

    def clean(self):
        super().clean()
        bad = [c for c in self.channels or [] if c not in Channel.values]
        if bad:
            raise ValidationError({"channels": _("Unknown channels: %(bad)s") % {"bad": ", ".join(bad)}})
        inside = [Channel(c).label for c in self.channels or [] if c in PARTY_CHANNELS]
        if inside and self.domain and self.domain != Domain.PARTY:
            raise ValidationError({"channels": _("Channels inside the party are for party catalogues only: "
                                                 "%(channels)s.") % {"channels": "、".join(map(str, inside))}})
        if self.time_limit_kind == TimeLimitKind.PERIODIC and not self.cadence:
            raise ValidationError({"cadence": _("A periodic item needs a cadence.")})
        if (self.due_month is None) != (self.due_day is None):
            raise ValidationError({"due_day": _("Give both the month and the day of the due date, or neither.")})
        if self.due_month is not None and self.time_limit_kind != TimeLimitKind.PERIODIC:
            raise ValidationError({"due_month": _("Only periodic rows have a due date after their period.")})
        if self.time_limit_kind == TimeLimitKind.PROMPT and not 0 < (self.working_days or 0) <= \
                DEFAULT_PROMPT_WORKING_DAYS:
            raise ValidationError({"working_days": PROMPT_DAYS_MESSAGE % {
                "days": self.working_days, "limit": DEFAULT_PROMPT_WORKING_DAYS}})
        if self.domain and self.domain != Domain.PARTY and self.scope != Scope.PUBLIC:
            raise ValidationError({"scope": _("Only party catalogue items have a restricted scope.")})

    def inherit_from_parent(self, parent):
        self.organisation_id = parent.organisation_id
        self.domain = parent.domain

    def _neutral_slug(self) -> str:
        base = f"item-{self.category_code().lower()}"
        siblings = (Page.objects.child_of(self.get_parent()).exclude(pk=self.pk)
                    if self.depth and self.depth > 1 else Page.objects.none())
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def is_public_row(self) -> bool:
        return self.domain != Domain.PARTY or self.scope == Scope.PUBLIC

    def full_clean(self, *args, **kwargs):
        """A row of a non-public 公开范围 whose slug spells its title (Wagtail derives slugs from
        titles) takes a neutral one from its code, so that its title never shows in the paths of pages
        below it (docs/catalogue.md)."""
        self._inherit()
        if self.domain and not self.is_public_row and not self.slug.isascii():
            self.slug = self._neutral_slug()
        super().full_clean(*args, **kwargs)

    def retire(self, reason: str = ""):
        """Retire the row: it stays with its entries and history but takes no new entries."""
        self.retired_at = timezone.now()
        self.retirement_reason = reason
        type(self).objects.filter(pk=self.pk).update(retired_at=self.retired_at, retirement_reason=reason)
        catalogue_row_retired.send(sender=type(self), instance=self)
