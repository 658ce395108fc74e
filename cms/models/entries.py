"""Disclosure entries (公开信息): a page under its catalogue item, with the fields of domain.md §3."""

import copy
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester, WorkflowState
from wagtail.query import PageQuerySet
from wagtail.search import index

from blocks import DisclosureBodyBlock

from .. import schedule
from ..locks import archive_lock
from .choices import (
    AUDIENCE_WIDTH, SCOPE_WIDTH, Audience, DisclosureAttribute, Domain, LinkKind, Scope, Topic, Validity,
    TimeLimitKind, WithholdingGround, ground_choices, ground_refusal,
)
from .audiences import AudienceGroup
from .organisations import Organisation
from .pages import CatalogueItemPage, InheritsFromParent, admin_search_terms

# Fields kept on the page row, not in revisions: set by procedures (validity marking, withdrawal,
# archiving, numbering) that must survive a later edit of an older draft.
NON_REVISIONED_FIELDS = (
    "index_number", "validity", "superseded_by_id", "withdrawn_at", "withdrawal_reason", "archived_at",
    "archive_hidden", "first_published_on", "working_days_late", "invalid_from", "invalidity_reason",
)


# The stored sort dates of an entry and the fields they are derived from (docs/lifecycle.md «Listing date»).
SORT_DATE_FIELDS = ("listed_on", "written_or_listed_on")
SORT_DATE_SOURCES = frozenset({"published_on", "first_published_on", "first_published_at", "written_on"})


def listing_date_from(published_on: datetime.date | None, first_published_on: datetime.date | None,
                      first_published_at: datetime.datetime | None) -> datetime.date | None:
    """The date an entry is listed under: 发布日期, else the day of its first publication as recorded, else
    the local date (settings.TIME_ZONE) of Wagtail's first publication moment; None for an entry never
    published without a 发布日期. The one definition of ``DisclosurePage.listed_on``."""
    if published_on:
        return published_on
    if first_published_on:
        return first_published_on
    return timezone.localdate(first_published_at) if first_published_at else None


def sort_dates_from(written_on, published_on, first_published_on, first_published_at) -> dict:
    """The stored sort dates from their sources: ``listed_on`` and ``written_or_listed_on`` (成文日期, else
    the listing date)."""
    listed_on = listing_date_from(published_on, first_published_on, first_published_at)
    return {"listed_on": listed_on, "written_or_listed_on": written_on or listed_on}


class EntryQuerySet(PageQuerySet):
    def update(self, **kwargs):
        """``QuerySet.update`` keeping the sort dates in step: an update of a field they are derived from
        (the demo dating its entries, procedures, tests) recomputes them for the rows updated, in the same
        transaction."""
        if SORT_DATE_SOURCES.isdisjoint(kwargs) or not set(SORT_DATE_FIELDS).isdisjoint(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            for start in range(0, len(pks), 500):
                store_sort_dates(self.model._default_manager.filter(pk__in=pks[start:start + 500]))
        return count


def store_sort_dates(entries) -> None:
    """Recompute and store the sort dates of ``entries`` (a queryset of DisclosurePage, a few hundred at
    most): one UPDATE per distinct pair of dates."""
    by_dates = {}
    for pk, *sources in entries.values_list("pk", "written_on", "published_on", "first_published_on",
                                            "first_published_at"):
        by_dates.setdefault(tuple(sort_dates_from(*sources).values()), []).append(pk)
    for dates, pks in by_dates.items():
        entries.model._default_manager.filter(pk__in=pks).update(**dict(zip(SORT_DATE_FIELDS, dates)))


EntryManager = PageManager.from_queryset(EntryQuerySet)


class IndexNumberSequence(models.Model):
    """The last sequence number given out under one 索引号 prefix."""

    prefix = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    @classmethod
    def next_number(cls, prefix: str) -> int:
        with transaction.atomic():
            row, _created = cls.objects.select_for_update().get_or_create(prefix=prefix)
            row.last += 1
            row.save(update_fields=["last"])
            return row.last


def build_index_number(page: "DisclosurePage") -> str:
    """索引号 = region code - department code - category - year - sequence, e.g. 330102-001-ZW0302-2026-0012.

    The year is the year the information was written (or today); the sequence counts per prefix.
    """
    organisation = page.organisation
    written_on = DisclosurePage._meta.get_field("written_on").to_python(page.written_on)
    year = (written_on or timezone.localdate()).year
    prefix = "-".join([organisation.region_code, organisation.department_code,
                       page.catalogue_item.category_code(), str(year)])
    return f"{prefix}-{IndexNumberSequence.next_number(prefix):04d}"


class DisclosurePageForm(WagtailAdminPageForm):
    """The entry form knows the catalogue row before the page exists, so that the row's rules (a
    notice period's minimum, a narrowed audience) are checked when the entry is created too. 公开属性
    offers 不予公开 only to those who decide it (secrecy reviewers, approvers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        domain = self.instance.domain or getattr(getattr(self.parent_page, "specific", None), "domain", None)
        if domain != Domain.PARTY:
            self.fields.pop("scope", None)  # 公开范围 applies to party entries only
        for name in ("audience", "scope"):
            if name in self.fields:
                self.fields[name].choices = [("", _("As the catalogue item")), *self.fields[name].choices[1:]]
        field = self.fields.get("disclosure_attribute")
        if field is not None and self.instance.disclosure_attribute != DisclosureAttribute.WITHHELD \
                and not self._may_withhold():
            field.choices = [(value, label) for value, label in field.choices if value != DisclosureAttribute.WITHHELD]
        formset = self.formsets.get("withheld_parts")
        if formset is not None and "ground" in formset.form.base_fields:
            # 不予公开 grounds of this entry's domain only (the server checks them too: WithheldPart.clean).
            form_class = type(formset.form.__name__, (formset.form,), {})
            form_class.base_fields = copy.deepcopy(formset.form.base_fields)  # after the metaclass set its own
            form_class.base_fields["ground"].choices = [("", "---------"), *ground_choices(domain)]
            formset.form = form_class
        field = self.fields.get("audience_groups")
        if field is not None:
            organisation_id = self.instance.organisation_id or getattr(
                getattr(self.parent_page, "specific", None), "organisation_id", None)
            field.queryset = AudienceGroup.objects.filter(organisation_id=organisation_id)
            field.widget.choices = field.choices

    def _may_withhold(self) -> bool:
        """不予公开 is the secrecy review's and the approver's decision: an editor's form does not offer it."""
        user = self.for_user
        if user is None or user.is_superuser:
            return True
        groups = user.groups.all()
        deciders = models.Q(secrecy_reviewers__in=groups) | models.Q(approvers__in=groups)
        return Organisation.objects.filter(deciders).exists()


    def clean(self):
        if self.parent_page is not None and not self.instance.catalogue_item_id:
            self.instance.inherit_from_parent(self.parent_page.specific)
        cleaned = super().clean()
        if "audience_groups" in self.fields and self.instance.catalogue_item_id:
            audience = cleaned.get("audience") or self.instance.catalogue_item.audience
            refusal = audience_groups_refusal(self.instance, audience, cleaned.get("audience_groups") or [])
            if refusal:
                self.add_error("audience_groups", refusal)
        return cleaned


def audience_groups_refusal(entry, audience: str, groups) -> str | None:
    """特定群体 (docs/catalogue.md): an entry whose audience is a specific group names at least one group of
    its own unit; an entry for everyone names none."""
    groups = list(groups)
    if audience != Audience.SPECIFIC_GROUP:
        return _("Only an entry for a specific group names groups.") if groups else None
    if not groups:
        return _("Name the specific group(s) this entry is disclosed to.")
    foreign = [group.name for group in groups if group.organisation_id != entry.organisation_id]
    if foreign:
        return _("These groups belong to another unit: %(groups)s.") % {"groups": "、".join(foreign)}
    return None


class EntryStatusPanel(HelpPanel):
    """The read-only time limit and status of an entry (cms/lifecycle/schedule_panel.html); left out
    of the form when there is nothing to say (no due date, notice period, withdrawal or archiving)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            entry = self.instance
            prompt = bool(entry.catalogue_item_id) and entry.catalogue_item.time_limit_kind == TimeLimitKind.PROMPT
            return super().is_shown() and bool(
                entry.due_on or prompt or (entry.notice_start and entry.notice_end) or entry.withdrawn_at
                or entry.archived_at or entry.invalid_from)


class EntryPermissionTester(PagePermissionTester):
    """The admin offers only what the rules allow: an entry once published is never deleted, and it
    comes down by 撤回 (withdrawal, with a reason; cms.lifecycle), never by a plain unpublish."""

    def can_delete(self, ignore_bulk=False):
        return not (self.page.live or self.page.first_published_at) and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return False

    def can_move(self):
        """An entry stays under the row it was written for: the row gives it its unit, domain, 索引号 and,
        through the row's 公开范围 and 公开对象, who may read it (cms.visibility). A move would carry none of
        these along, so the admin offers none, for anyone; to file the information under another row, it is
        written there (and this entry withdrawn, with a reason). Moving a row moves its entries with it."""
        return False

    def can_move_to(self, destination):
        return False


class DisclosurePage(InheritsFromParent, Page):
    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="disclosures", editable=False,
    )
    catalogue_item = models.ForeignKey(
        CatalogueItemPage, verbose_name=_("catalogue item"), on_delete=models.PROTECT,
        related_name="disclosures", editable=False,
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices, editable=False)
    index_number = models.CharField(_("index number"), max_length=80, unique=True, null=True, blank=True,
                                    editable=False)
    document_number = models.CharField(_("document number"), max_length=80, blank=True,
                                       help_text=_("e.g. 县政发〔2026〕12号"))
    written_on = models.DateField(_("date written"), null=True, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True,
                                    help_text=_("Filled in on first publication when left empty."))
    first_published_on = models.DateField(_("first published on"), null=True, blank=True, editable=False)
    # Derived, stored so that lists sort on an index (docs/lifecycle.md «Listing date»); see sort_dates_from().
    listed_on = models.DateField(_("listing date"), null=True, blank=True, editable=False)
    written_or_listed_on = models.DateField(_("written date for sorting"), null=True, blank=True, editable=False)
    publishing_body = models.CharField(_("publishing body"), max_length=120, blank=True,
                                       help_text=_("Defaults to the organisation's name."))
    disclosure_attribute = models.CharField(_("disclosure attribute"), max_length=20,
                                            choices=DisclosureAttribute.choices,
                                            default=DisclosureAttribute.PROACTIVE)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices, default=Topic.OTHER)
    summary = models.TextField(_("summary"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True,
                                help_text=_("Separate keywords with commas or spaces."))
    validity = models.CharField(_("validity"), max_length=20, choices=Validity.choices, default=Validity.VALID,
                                editable=False)
    # 已失效 (docs/lifecycle.md "Expiry"): declared by an approver with a date and a reason (cms.lifecycle.invalidate);
    # from that day the entry reads 已失效 (current_validity), and the scheduler stores it (expire_due_entries).
    invalid_from = models.DateField(_("invalid from"), null=True, blank=True, editable=False)
    invalidity_reason = models.TextField(_("reason for invalidity"), blank=True, editable=False)
    superseded_by = models.ForeignKey("self", verbose_name=_("replaced by"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="supersedes", editable=False)
    period_covered = models.CharField(_("period covered"), max_length=40, blank=True,
                                      help_text=_("e.g. 2026年第三季度"))
    notice_start = models.DateField(_("notice period start"), null=True, blank=True)
    notice_end = models.DateField(_("notice period end"), null=True, blank=True)
    information_formed_on = models.DateField(
        _("information formed or changed on"), null=True, blank=True,
        help_text=_("For prompt disclosure: starts the working-day clock."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True,
                                help_text=_("Empty: as the catalogue item. May only be narrowed."))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True,
                             help_text=_("Party entries. Empty: as the catalogue item. May only be narrowed."))
    audience_groups = ParentalManyToManyField(
        AudienceGroup, verbose_name=_("specific groups"), blank=True, related_name="entries",
        help_text=_("For an entry whose audience is a specific group: the group(s) of this unit it is disclosed to."))
    body = StreamField(DisclosureBodyBlock(), verbose_name=_("body"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True, editable=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archive_hidden = models.BooleanField(_("hidden from the public when archived"), default=False, editable=False)
    due_on = models.DateField(_("due on"), null=True, blank=True, editable=False,
                              help_text=_("For prompt disclosure: the last day allowed by the time limit."))
    working_days_late = models.PositiveSmallIntegerField(_("working days late"), null=True, blank=True,
                                                         editable=False)

    content_panels = Page.content_panels + [
        EntryStatusPanel(template="cms/lifecycle/schedule_panel.html", heading=_("Time limit and status")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_on"), FieldPanel("published_on")]),
            FieldRowPanel([FieldPanel("publishing_body"), FieldPanel("disclosure_attribute"), FieldPanel("topic")]),
            FieldPanel("summary"),
            FieldPanel("keywords"),
            FieldRowPanel([FieldPanel("period_covered"), FieldPanel("information_formed_on")]),
            FieldRowPanel([FieldPanel("notice_start"), FieldPanel("notice_end")]),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("scope")]),
            FieldPanel("audience_groups", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Disclosure metadata")),
        FieldPanel("body"),
        InlinePanel("links", heading=_("Linked entries"), label=_("link")),
        InlinePanel("withheld_parts", heading=_("Withheld parts"), label=_("withheld part")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_number"),
        index.AutocompleteField("admin_search_text"),
        index.FilterField("domain"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["cms.CatalogueItemPage"]
    base_form_class = DisclosurePageForm
    template = "cms/preview/entry.html"  # previews only: public page URLs are routed by cms.serving
    subpage_types = []
    # A copy is a new entry: it gets its own index number and none of the original's procedures.
    exclude_fields_in_copy = [f.removesuffix("_id") for f in NON_REVISIONED_FIELDS] + ["due_on"]

    objects = EntryManager()

    class Meta:
        verbose_name = _("disclosure entry")
        verbose_name_plural = _("disclosure entries")
        indexes = [
            models.Index(fields=["domain", "published_on"]), models.Index(fields=["organisation", "published_on"]),
            # Public lists, newest first, ties by id (graphql_api/disclosures): a unit's (UnitPage), a domain's
            # (home, feeds), all (feeds). The id makes the order whole on PostgreSQL; on SQLite it is the rowid.
            models.Index(fields=["organisation", "listed_on", "page_ptr"], name="cms_entry_org_listed"),
            models.Index(fields=["domain", "listed_on", "page_ptr"], name="cms_entry_domain_listed"),
            models.Index(fields=["listed_on", "page_ptr"], name="cms_entry_listed"),
            # A catalogue row's (CatalogueItemEntries): an entry stays under its row (EntryPermissionTester.can_move),
            # so the row's entries are read by their row from these, not found by tree path and all sorted.
            models.Index(fields=["catalogue_item", "listed_on", "page_ptr"], name="cms_entry_item_listed"),
            models.Index(fields=["catalogue_item", "written_or_listed_on", "page_ptr"], name="cms_entry_item_written"),
            # The same lists sorted by 成文日期 (the API's WRITTEN_ON sorts).
            models.Index(fields=["organisation", "written_or_listed_on", "page_ptr"], name="cms_entry_org_written"),
            models.Index(fields=["domain", "written_or_listed_on", "page_ptr"], name="cms_entry_domain_written"),
            models.Index(fields=["written_or_listed_on", "page_ptr"], name="cms_entry_written"),
        ]

    def listing_date(self) -> datetime.date | None:
        return listing_date_from(self.published_on, self.first_published_on, self.first_published_at)

    def sort_dates(self) -> dict:
        return sort_dates_from(self.written_on, self.published_on, self.first_published_on, self.first_published_at)

    def save(self, *args, **kwargs):
        """Store the sort dates with the fields they come from (publishing saves the whole page; a save of
        some fields that include a source also writes them)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or not SORT_DATE_SOURCES.isdisjoint(update_fields):
            for name, value in self.sort_dates().items():
                setattr(self, name, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *SORT_DATE_FIELDS}
        return super().save(*args, **kwargs)

    def inherit_from_parent(self, parent):
        if not isinstance(parent, CatalogueItemPage):
            return
        self.catalogue_item = parent
        self.organisation_id = parent.organisation_id
        self.domain = parent.domain

    def admin_search_text(self) -> str:
        return admin_search_terms(self.title, self.summary)

    # Effective audience and scope: the row's, narrowed by the entry.
    @property
    def effective_audience(self) -> str:
        return self.audience or self.catalogue_item.audience

    @property
    def effective_scope(self) -> str:
        if self.domain != Domain.PARTY:
            return Scope.PUBLIC
        return self.scope or self.catalogue_item.scope

    @property
    def status_string(self):
        """The status tag of the admin's listings: a withdrawn entry is 已撤回, and one sent back for
        changes 已退回修改 (where the listing prefetched workflow states), not a draft."""
        if not self.live:
            if self.is_withdrawn:
                return pgettext_lazy("entry status", "withdrawn")
            states = getattr(self, "_current_workflow_states", ())
            if any(state.status == WorkflowState.STATUS_NEEDS_CHANGES for state in states):
                return pgettext_lazy("entry status", "sent back for changes")
        return super().status_string

    def current_validity(self, today: datetime.date | None = None) -> str:
        """有效性 today: 已失效 from the day ``invalid_from`` says, whatever the scheduler has stored yet."""
        today = today or timezone.localdate()
        if self.invalid_from and self.invalid_from <= today and self.validity != Validity.REPEALED:
            return Validity.EXPIRED.value
        return self.validity

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @classmethod
    def bind_bodies(cls, raw_bodies: list[list[dict]]) -> list[list]:
        """Bound body blocks of many raw bodies (blocks of unknown types dropped), in order.

        All blocks go into one lazy ``StreamValue``, so that Wagtail's ``bulk_to_python`` runs once
        per block type for the whole batch (one query for all chosen documents, not one per entry)."""
        stream_block = cls._meta.get_field("body").stream_block
        combined, spans = [], []
        for raw in raw_bodies:
            known = [block for block in raw if block.get("type") in stream_block.child_blocks]
            spans.append((len(combined), len(known)))
            combined.extend(known)
        bound = list(StreamValue(stream_block, combined, is_lazy=True)) if combined else []
        return [bound[start:start + count] for start, count in spans]

    def clean(self):
        super().clean()
        item = self.catalogue_item if self.catalogue_item_id else None
        errors = {}
        if item is not None:
            if item.is_retired and not self.pk:
                errors["title"] = _("The catalogue item %(item)s is retired and takes no new entries.") % {
                    "item": item.title}
            if self.audience and AUDIENCE_WIDTH[self.audience] > AUDIENCE_WIDTH[item.audience]:
                errors["audience"] = _("The audience may only be narrowed from the catalogue item's (%(item)s).") % {
                    "item": item.get_audience_display()}
            if self.scope:
                if self.domain != Domain.PARTY:
                    errors["scope"] = _("Only party entries have a scope.")
                elif SCOPE_WIDTH[self.scope] > SCOPE_WIDTH[item.scope]:
                    errors["scope"] = _("The scope may only be narrowed from the catalogue item's (%(item)s).") % {
                        "item": item.get_scope_display()}
        if self.notice_start and self.notice_end and self.notice_end < self.notice_start:
            errors["notice_end"] = _("The notice period ends before it starts.")
        if bool(self.notice_start) != bool(self.notice_end):
            errors["notice_end"] = _("Give both the start and the end of the notice period.")
        if errors:
            raise ValidationError(errors)
        schedule.clean_schedule(self)

    def is_going_live(self) -> bool:
        """True while this save makes a revision live (publishing, approval, scheduled publishing)."""
        if not (self.live and self.live_revision_id and self.pk):
            return False
        before = type(self).objects.filter(pk=self.pk).values("live", "live_revision_id").first()
        return before is None or not before["live"] or before["live_revision_id"] != self.live_revision_id

    def permissions_for_user(self, user):
        return EntryPermissionTester(user, self)

    def get_lock(self):
        """An archived entry is read-only for everyone (归档)."""
        return archive_lock(self) or super().get_lock()

    def with_content_json(self, content):
        """Restore a revision without undoing the procedures recorded on the page row."""
        obj = super().with_content_json(content)
        for field in NON_REVISIONED_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    def mark_published(self, when: datetime.date | None = None):
        """Record the first publication date; 发布日期 defaults to it."""
        today = when or timezone.localdate()
        updates = {}
        if not self.first_published_on:
            updates["first_published_on"] = today
        if not self.published_on:
            updates["published_on"] = today
        if updates:
            updates.update(sort_dates_from(self.written_on, updates.get("published_on", self.published_on),
                                           updates.get("first_published_on", self.first_published_on),
                                           self.first_published_at))
            type(self).objects.filter(pk=self.pk).update(**updates)
            for key, value in updates.items():
                setattr(self, key, value)


class DisclosureLink(Orderable):
    """A link from this entry to another: it interprets, amends or repeals the other, or is related."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    target = models.ForeignKey(DisclosurePage, verbose_name=_("linked entry"), on_delete=models.CASCADE,
                               related_name="incoming_links")

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("linked entry")
        verbose_name_plural = _("linked entries")

    def clean(self):
        if self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("An entry cannot link to itself.")})


class WithheldPart(Orderable):
    """A part of the entry withheld from the public (区分处理), with reason and legal basis."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="withheld_parts")
    block_id = models.CharField(_("block"), max_length=64, blank=True,
                                help_text=_("The body block withheld; empty for content removed before drafting."))
    description = models.CharField(_("what is withheld"), max_length=200)
    ground = models.CharField(_("ground"), max_length=40, choices=WithholdingGround.choices)
    legal_basis = models.CharField(_("legal basis for withholding"), max_length=200)

    panels = [FieldPanel("block_id"), FieldPanel("description"),
              FieldRowPanel([FieldPanel("ground"), FieldPanel("legal_basis")])]

    def clean(self):
        """Only the grounds of the entry's domain (docs/moderation.md "Withholding grounds")."""
        try:
            domain = self.page.domain
        except DisclosurePage.DoesNotExist:
            domain = None
        refusal = ground_refusal(domain, self.ground)
        if refusal:
            raise ValidationError({"ground": refusal})

    class Meta(Orderable.Meta):
        verbose_name = _("withheld part")
        verbose_name_plural = _("withheld parts")
