"""Recording review decisions in the secrecy review record and Wagtail's audit log."""

from django.urls import reverse
from wagtail.log_actions import log

from . import guard
from .records import Outcome, SecrecyReview


def entry_of(task_state):
    """The entry a task state is about, as its latest revision (what the next approval would publish)."""
    page = task_state.workflow_state.content_object.specific
    revision = page.get_latest_revision()
    return revision, revision.as_object()


def block_choices(entry) -> list[tuple[str, str]]:
    """The entry's body blocks as (id, label) for the 区分处理 choice."""
    choices = []
    for index, child in enumerate(entry.body or [], 1):
        label = f"{index}. {child.block.label}"
        text = " ".join(str(part) for part in child.block.get_searchable_content(child.value))[:60]
        choices.append((child.id, f"{label}: {text}" if text else label))
    return choices


def record_secrecy_review(task_state, user, data: dict) -> SecrecyReview:
    """Store the secrecy reviewer's decision on the revision under review and log it (and any exemption)."""
    revision, entry = entry_of(task_state)
    labels = dict(block_choices(entry))
    types = {child.id: child.block_type for child in entry.body or []}
    outcome = data["outcome"]
    withheld = [] if outcome == Outcome.EXEMPT else [
        {"id": block_id, "type": types.get(block_id, ""), "label": labels.get(block_id, "")}
        for block_id in data.get("withheld_blocks") or []
    ]
    exemption = bool(data.get("exemption")) and outcome != Outcome.EXEMPT
    report = guard.scan(entry)
    record = SecrecyReview.objects.create(
        page_id=entry.pk, revision=revision, task_state=task_state,
        title=entry.title, summary=entry.summary, proposed_manner=entry.disclosure_attribute,
        audience=entry.effective_audience, scope=entry.effective_scope, proposed_time=entry.go_live_at,
        outcome=outcome, notes=data.get("notes", ""),
        ground=data.get("ground", ""), reason=data.get("reason", ""), legal_basis=data.get("legal_basis", ""),
        withheld_blocks=withheld, withheld_description=data.get("withheld_description", "") if withheld else "",
        exemption=exemption,
        exemption_reason=data.get("exemption_reason", "") if exemption else "",
        exemption_basis=data.get("exemption_basis", "") if exemption else "",
        findings=[{"location": item.finding.location, "kind": str(item.finding.kind), "mask": item.finding.mask}
                  for item in report.items],
        reviewer=user,
    )
    log(instance=entry, action="moderation.secrecy_review", user=user, revision=revision, data={
        "record": record.pk, "outcome": outcome, "ground": record.ground, "legal_basis": record.legal_basis,
        "withheld": [block["id"] for block in withheld], "comment": record.reason or record.notes,
    })
    if exemption:
        log(instance=entry, action="moderation.exemption", user=user, revision=revision, data={
            "record": record.pk, "exemption": record.exemption_reason, "legal_basis": record.exemption_basis,
            "findings": len(record.findings),
            "comment": f"{record.exemption_reason} ({record.exemption_basis})",
        })
    return record


def log_refusal(page, user, messages, revision=None) -> None:
    messages = [str(message) for message in messages]
    log(instance=page, action="moderation.publish_refused", user=user, revision=revision,
        data={"messages": messages, "comment": "\n".join(messages)})


def refuse_publication(task_state, user, messages) -> str:
    """Log a publication the guard (or the entry's validation) refused; return the findings page URL."""
    revision, entry = entry_of(task_state)
    log_refusal(entry, user, messages, revision=revision)
    return reverse("moderation:findings", args=(entry.pk,)) + "?refused=1"
