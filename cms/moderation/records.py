"""The secrecy review record (保密审查记录): what the reviewer decided about one revision of an entry.

domain.md §5: review records keep title, summary, proposed manner, scope and time, and for withholding
the reason and its legal basis. The record also holds the blocks withheld from the public (区分处理) and
any privacy exemption (e.g. 惩戒公示) with its legal basis; the guard honours an exemption only for the
revision it was recorded on.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.models import Audience, DisclosureAttribute, Scope, WithholdingGround


class Outcome(models.TextChoices):
    """保密审查 outcomes (domain.md §5)."""

    DISCLOSE = "disclose", _("Disclose")
    EXEMPT = "exempt", _("Exempt from disclosure")
    ESCALATE = "escalate", _("Refer to the parent unit")


class SecrecyReview(models.Model):
    page = models.ForeignKey("cms.DisclosurePage", verbose_name=_("entry"), on_delete=models.CASCADE,
                             related_name="secrecy_reviews")
    # PROTECT: purge_revisions skips protected revisions, so the record and what it withheld stay.
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name=_("revision reviewed"),
                                 on_delete=models.PROTECT, related_name="+")
    task_state = models.ForeignKey("wagtailcore.TaskState", verbose_name=_("task"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    proposed_manner = models.CharField(_("proposed disclosure attribute"), max_length=20,
                                       choices=DisclosureAttribute.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    proposed_time = models.DateTimeField(_("proposed publication time"), null=True, blank=True,
                                         help_text=_("Empty: on approval."))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    ground = models.CharField(_("ground"), max_length=40, choices=WithholdingGround.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    legal_basis = models.CharField(_("legal basis for withholding"), max_length=200, blank=True)
    withheld_blocks = models.JSONField(_("withheld blocks"), default=list, blank=True,
                                       help_text=_("Body blocks withheld from the public: id, type and label."))
    withheld_description = models.CharField(_("what is withheld"), max_length=200, blank=True)
    exemption = models.BooleanField(_("privacy exemption"), default=False)
    exemption_reason = models.CharField(_("exemption"), max_length=200, blank=True,
                                        help_text=_("e.g. 惩戒公示 (a disciplinary notice the law requires)."))
    exemption_basis = models.CharField(_("legal basis of the exemption"), max_length=200, blank=True)
    findings = models.JSONField(_("personal data found"), default=list, blank=True,
                                help_text=_("What the guard found when the review was recorded (masked)."))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("secrecy review record")
        verbose_name_plural = _("secrecy review records")
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["page", "revision"])]

    def __str__(self):
        return f"{self.title} · {self.get_outcome_display()}"

    @property
    def withheld_block_ids(self) -> set[str]:
        return block_ids(self.withheld_blocks)

    @property
    def is_exemption(self) -> bool:
        return self.exemption and bool(self.exemption_basis.strip())


def exemption_for(revision_id) -> SecrecyReview | None:
    """The privacy exemption recorded on exactly this revision, if any."""
    if not revision_id:
        return None
    record = SecrecyReview.objects.filter(revision_id=revision_id).order_by("-reviewed_at", "-pk").first()
    return record if record is not None and record.is_exemption else None


def governing_reviews(page_ids_to_live: dict) -> dict:
    """For each entry (id → live revision id), its latest review up to the live revision that let it through."""
    live = {pk: rev for pk, rev in page_ids_to_live.items() if rev}
    if not live:
        return {}
    records = (SecrecyReview.objects.filter(page_id__in=list(live)).exclude(outcome=Outcome.EXEMPT)
               .order_by("page_id", "-revision_id", "-reviewed_at", "-pk")
               .only("page_id", "revision_id", "withheld_blocks"))
    result = {}
    for record in records:
        if record.page_id not in result and record.revision_id <= live[record.page_id]:
            result[record.page_id] = record
    return result


def governing_withheld_blocks():
    """A subquery for entry querysets: the withheld_blocks of the review governing the live revision
    (the rule of governing_reviews), so that a list of entries needs no extra query."""
    from django.db.models import OuterRef, Subquery

    reviews = (SecrecyReview.objects.filter(page_id=OuterRef("pk"), revision_id__lte=OuterRef("live_revision_id"))
               .exclude(outcome=Outcome.EXEMPT).order_by("-revision_id", "-reviewed_at", "-pk")
               .values("withheld_blocks")[:1])
    return Subquery(reviews, output_field=models.JSONField())


def block_ids(withheld_blocks) -> set[str]:
    return {block["id"] for block in withheld_blocks or () if block.get("id")}


def withheld_block_ids(page) -> set[str]:
    """Blocks withheld (区分处理) by the latest secrecy review of the live revision or an earlier one.

    An earlier review still counts for a later revision published without review, so that a block once
    withheld stays withheld until a new secrecy review says otherwise (block ids survive edits).
    """
    record = governing_reviews({page.pk: page.live_revision_id}).get(page.pk)
    return record.withheld_block_ids if record else set()


def withheld_block_ids_for(pages) -> dict[int, set[str]]:
    """withheld_block_ids for many entries in one query: {entry id: block ids}."""
    records = governing_reviews({page.pk: page.live_revision_id for page in pages})
    return {pk: record.withheld_block_ids for pk, record in records.items()}


def escalation_requested(workflow_state_id) -> bool:
    """True when the latest secrecy review in this workflow said 需报审."""
    record = (SecrecyReview.objects.filter(task_state__workflow_state_id=workflow_state_id)
              .order_by("-reviewed_at", "-pk").only("outcome").first())
    return record is not None and record.outcome == Outcome.ESCALATE
