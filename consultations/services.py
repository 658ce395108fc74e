"""What staff do with consultations (docs/interaction.md «征求意见»): open one for an entry, enter opinions
received at meetings or by letter, mark each opinion's adoption with a reason (several opinions may share
one), generate the adoption report (采纳情况) as a draft entry under the same catalogue row — it then goes
through the unit's normal procedure — and link the final decision. Every function checks
consultations.permissions and raises PermissionDenied or ValidationError with a Chinese message."""

import html
import re
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import DisclosurePage
from cms.models.choices import LinkKind
from cms.moderation.guard import sensitive_words
from cms.privacy import mask_text, scan_text

from . import permissions
from .choices import NEEDS_REASON, Channel, Kind, Outcome
from .models import AdoptionReason, Consultation, Opinion

OPINION_MAX_CHARS = 2000
SUMMARY_CHARS = 120


def _check(user, consultation):
    if not permissions.may_manage(user, consultation):
        raise PermissionDenied(_("You may not manage this consultation."))


def _full_clean(obj):
    try:
        obj.full_clean()
    except ValidationError as invalid:
        raise ValidationError(invalid.message_dict) from None


def open_consultation(entry: DisclosurePage, user, **fields) -> Consultation:
    """Attach a consultation to ``entry`` (kind, background, period, how to take part); refused when the
    period is shorter than the rule (consultations.rules) or the entry is not the user's unit's."""
    if not permissions.entries_for(user).filter(pk=entry.pk).exists():
        raise PermissionDenied(_("You may not open a consultation on this entry."))
    consultation = Consultation(entry=entry, organisation_id=entry.organisation_id, created_by=user, **fields)
    _full_clean(consultation)
    consultation.save()
    return consultation


def update_consultation(consultation: Consultation, user, **fields) -> Consultation:
    _check(user, consultation)
    for name, value in fields.items():
        setattr(consultation, name, value)
    _full_clean(consultation)
    consultation.save()
    return consultation


def scan(text: str) -> int:
    """Pieces of personal data (and listed sensitive words) in an opinion (cms.privacy)."""
    return len(scan_text(text, "opinion", sensitive_words()))


def add_opinion(consultation: Consultation, user, *, channel: str, text: str, received_on=None,
                author_name: str = "", contact: str = "", summary: str = "") -> Opinion:
    """An opinion received at a meeting, by letter or otherwise, entered by staff."""
    _check(user, consultation)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("This field is required.")})
    if channel not in Channel.values or channel == Channel.PORTAL:
        raise ValidationError({"channel": _("Choose one of the offered values.")})
    received_on = received_on or timezone.localdate()
    if received_on < consultation.starts_on or received_on > timezone.localdate():
        raise ValidationError({"received_on": _("An opinion is received between the start of the period and today.")})
    opinion = Opinion(consultation=consultation, channel=channel, text=text[:OPINION_MAX_CHARS],
                      received_on=received_on, author_name=author_name.strip()[:60], contact=contact.strip()[:120],
                      summary=summary.strip()[:200], entered_by=user, personal_data_found=scan(text))
    _full_clean(opinion)
    opinion.save()
    return opinion


@transaction.atomic
def decide(consultation: Consultation, user, opinion_ids, outcome: str, reason: AdoptionReason | None = None,
           new_reason: str = "") -> int:
    """Mark opinions adopted, partly adopted or not adopted, after the period. Partly and not adopted need a
    reason: an existing one of this consultation (shared) or a new text. Returns how many were marked."""
    _check(user, consultation)
    if not consultation.is_closed():
        raise ValidationError(_("Opinions are marked once the consultation period has ended."))
    if outcome not in Outcome.values or outcome == Outcome.PENDING:
        raise ValidationError(_("Choose one of the offered values."))
    if consultation.report_id and DisclosurePage.objects.filter(pk=consultation.report_id, live=True).exists():
        raise ValidationError(_("The adoption report is published; the outcomes can no longer change."))
    opinions = list(consultation.opinions.filter(pk__in=list(opinion_ids), hidden=False))
    if not opinions:
        raise ValidationError(_("Choose at least one opinion."))
    new_reason = (new_reason or "").strip()
    if reason is not None and reason.consultation_id != consultation.pk:
        raise ValidationError(_("Choose one of the offered values."))
    if outcome in NEEDS_REASON:
        if reason is None and not new_reason:
            raise ValidationError(_("Give the reason why the opinions were not, or only partly, adopted."))
        if reason is None:
            reason = AdoptionReason.objects.create(consultation=consultation, text=new_reason[:1000])
    else:
        reason = None
    now = timezone.now()
    for opinion in opinions:
        opinion.outcome, opinion.reason, opinion.decided_by, opinion.decided_at = outcome, reason, user, now
    Opinion.objects.bulk_update(opinions, ["outcome", "reason", "decided_by", "decided_at"])
    return len(opinions)


def set_hidden(consultation, user, opinion_ids, hidden: bool = True) -> int:
    """Hide spam or abuse (kept, never deleted; not counted and not in the report)."""
    _check(user, consultation)
    return consultation.opinions.filter(pk__in=list(opinion_ids)).update(hidden=hidden)


def public_text(opinion: Opinion) -> str:
    """What the report shows of an opinion: the staff's summary, else the text shortened; personal data masked."""
    text = " ".join((opinion.summary or opinion.text).split())
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS - 1] + "…"
    return mask_text(text, sensitive_words())


OUTCOME_WORDS = {Outcome.ADOPTED: "采纳", Outcome.PARTLY_ADOPTED: "部分采纳", Outcome.NOT_ADOPTED: "未采纳"}
CHANNEL_WORDS = {Channel.PORTAL: "网上征集", Channel.MEETING: "座谈会", Channel.LETTER: "信函", Channel.OTHER: "其他方式"}
NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else str(n)


DRAFT_NAME = re.compile(r"《(.+)》")
DRAFT_SUFFIX = re.compile(r"[（(](征求意见稿|草案|送审稿)[）)]$")


def draft_name(entry) -> str:
    """The draft's own name: 关于公开征求《X（征求意见稿）》意见的公告 → X; otherwise the entry's title."""
    found = DRAFT_NAME.search(entry.title)
    name = found.group(1) if found else entry.title
    return DRAFT_SUFFIX.sub("", name).strip() or entry.title


def report_body(consultation: Consultation) -> list[dict]:
    """The adoption report's body blocks (Chinese document text): the account of the period and the
    opinions by channel, the counts per outcome (key facts), each opinion summarised and masked with its
    outcome, and the reasons with the opinions that share them."""
    entry = consultation.entry
    opinions = list(consultation.opinions.filter(hidden=False).select_related("reason"))
    channels = Counter(opinion.channel for opinion in opinions)
    outcomes = Counter(opinion.outcome for opinion in opinions)
    by_channel = "，".join(f"{CHANNEL_WORDS[c]}{channels[c]}条" for c in Channel.values if channels[c])
    intro = (f"《{draft_name(entry)}》于{consultation.starts_on:%Y年%-m月%-d日}至{consultation.ends_on:%Y年%-m月%-d日}"
             f"征求意见，共收到意见{len(opinions)}条" + (f"（{by_channel}）" if by_channel else "") +
             f"。经认真研究，采纳{outcomes[Outcome.ADOPTED]}条，部分采纳{outcomes[Outcome.PARTLY_ADOPTED]}条，"
             f"未采纳{outcomes[Outcome.NOT_ADOPTED]}条。现将意见采纳情况说明如下。")
    blocks = [{"type": "rich_text", "value": f"<p>{html.escape(intro)}</p>"},
              {"type": "key_facts", "value": [
                  {"label": "收到意见", "value": f"{len(opinions)}条"},
                  *({"label": word, "value": f"{outcomes[code]}条"} for code, word in OUTCOME_WORDS.items())]}]
    reasons = {}
    for number, opinion in enumerate(opinions, start=1):
        if opinion.reason_id:
            reasons.setdefault(opinion.reason_id, (opinion.reason, []))[1].append(number)
    reason_numbers = {reason_id: index for index, reason_id in enumerate(reasons, start=1)}
    if opinions:
        items = []
        for number, opinion in enumerate(opinions, start=1):
            line = f"{public_text(opinion)}——{OUTCOME_WORDS.get(opinion.outcome, '')}"
            if opinion.reason_id:
                line += f"（理由{_numeral(reason_numbers[opinion.reason_id])}）"
            items.append(f"<li>{html.escape(line)}</li>")
        blocks.append({"type": "rich_text", "value": "<h2>意见及采纳情况</h2><ol>" + "".join(items) + "</ol>"})
    if reasons:
        items = [f"<li>{html.escape(f'理由{_numeral(reason_numbers[rid])}：' + mask_text(reason.text, sensitive_words()))}"
                 f"（涉及第{'、'.join(map(str, numbers))}条意见）</li>" for rid, (reason, numbers) in reasons.items()]
        blocks.append({"type": "rich_text",
                       "value": "<h2>未采纳或部分采纳的理由</h2><ol>" + "".join(items) + "</ol>"})
    return blocks


def report_problems(consultation: Consultation) -> list[str]:
    """Why the adoption report cannot be generated yet (empty when it can)."""
    problems = []
    if not consultation.is_closed():
        problems.append(_("The consultation period has not ended."))
    if consultation.report_id:
        problems.append(_("The adoption report was already generated."))
    undecided = consultation.opinions.filter(hidden=False, outcome=Outcome.PENDING).count()
    if undecided:
        problems.append(_("%(count)s opinions are not yet marked.") % {"count": undecided})
    return problems


@transaction.atomic
def generate_report(consultation: Consultation, user, submit: bool = True) -> DisclosurePage:
    """The adoption report (采纳情况) as a new draft entry under the consultation entry's catalogue row,
    linked to it; with ``submit`` its workflow starts at once (提出), as when an editor submits an entry.
    It goes live only through the unit's procedure; the consultation shows it once it is live."""
    _check(user, consultation)
    problems = report_problems(consultation)
    if problems:
        raise ValidationError(problems)
    entry = consultation.entry
    row = entry.get_parent().specific
    if not row.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(_("You may not add entries under this catalogue row."))
    slug, number = f"adoption-report-{consultation.pk}", 1
    while row.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"adoption-report-{consultation.pk}-{number}"
    report = DisclosurePage(
        title=f"关于《{draft_name(entry)[:200]}》征求意见采纳情况的说明", slug=slug, live=False, owner=user,
        summary=f"《{draft_name(entry)[:200]}》征求意见的意见采纳情况及未采纳理由。", keywords="征求意见,采纳情况",
        topic=entry.topic, audience=entry.audience, scope=entry.scope, body=report_body(consultation))
    report.links.add(_link(entry))
    row.add_child(instance=report)
    revision = report.save_revision(user=user)
    consultation.report = report
    consultation.save(update_fields=["report", "updated_at"])
    if submit:
        workflow = report.get_workflow()
        if workflow is not None:
            workflow.start(report, user)
        else:
            revision.publish(user=user)
    return report


def _link(entry):
    from cms.models.entries import DisclosureLink

    return DisclosureLink(kind=LinkKind.RELATED, target=entry)


def link_decision(consultation: Consultation, user, decision: DisclosurePage | None) -> Consultation:
    """Link the final decision entry (an entry of the same unit)."""
    _check(user, consultation)
    if decision is not None and (decision.organisation_id != consultation.organisation_id
                                 or decision.pk in (consultation.entry_id, consultation.report_id)):
        raise ValidationError({"decision": _("Choose another entry of the same unit.")})
    consultation.decision = decision
    consultation.save(update_fields=["decision", "updated_at"])
    return consultation


def counts(consultation: Consultation) -> dict:
    rows = Counter(consultation.opinions.filter(hidden=False).values_list("outcome", flat=True))
    return {"total": sum(rows.values()), **{code: rows[code] for code in Outcome.values}}


__all__ = ["Kind", "add_opinion", "decide", "generate_report", "link_decision", "open_consultation",
           "report_body", "report_problems", "set_hidden", "update_consultation"]
