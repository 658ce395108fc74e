"""Demo entries waiting at every step of the procedure (提出 → 审核 → 保密审查 → 村务监督 → 审批),
one rejected back to the editor and one referred up to the township, so that every reviewer of the
demo village finds something in their queue."""

from dataclasses import dataclass

from cms.models import CatalogueItemPage, DisclosurePage, Organisation

from .accounts import demo_user


@dataclass(frozen=True)
class WorkflowDemo:
    slug: str
    title: str
    stop: str  # the step the entry is left at


DEMOS = [
    WorkflowDemo("wf-at-review", "东山村2026年11月村级财务收支公开（待审核）", "review"),
    WorkflowDemo("wf-at-secrecy", "东山村2026年冬季道路修缮项目公示（待保密审查）", "secrecy"),
    WorkflowDemo("wf-at-supervision", "东山村2026年集体资产租赁情况公开（待村务监督委员会审核）", "supervision"),
    WorkflowDemo("wf-at-approval", "东山村2026年一事一议筹资筹劳方案公开（待审批）", "approval"),
    WorkflowDemo("wf-rejected", "东山村2026年第四季度惠农补贴发放情况（已退回修改）", "rejected"),
    WorkflowDemo("wf-referred-up", "东山村2026年宅基地审批结果公开（已报镇审批）", "referred"),
]
DISCLOSE = {"outcome": "disclose", "notes": "经审查，内容不涉及国家秘密和个人隐私，可以公开。"}
REFER_UP = {"outcome": "escalate", "notes": "涉及宅基地审批，按规定报镇审批。"}


def ensure_workflow_demo(village: Organisation, prefix: str = "village") -> int:
    """Create the entries of DEMOS under the village's first open village-affairs row, once each."""
    item = (CatalogueItemPage.objects.filter(organisation=village, domain="village", retired_at__isnull=True,
                                             numchild=0).order_by("path").first())
    if item is None:
        return 0
    users = {role: demo_user(f"{prefix}_{role}") for role in ("editor", "reviewer", "secrecy_reviewer", "supervisor")}
    created = 0
    for demo in DEMOS:
        if DisclosurePage.objects.filter(organisation=village, slug=demo.slug).exists():
            continue
        entry = item.add_child(instance=DisclosurePage(
            title=demo.title, slug=demo.slug, live=False,
            summary="本条为演示用的审核流程示例，内容为虚构。",
            body=[("rich_text", "<p>根据村务公开有关规定，现将有关情况公开如下。内容为演示用虚构数据。</p>")]))
        entry.save_revision(user=users["editor"])
        _advance(entry, demo, users)
        created += 1
    return created


def _act(entry, user, action, **data):
    state = DisclosurePage.objects.get(pk=entry.pk).current_workflow_task_state
    state.task.specific.on_action(state, user, action, **data)


def _advance(entry, demo: WorkflowDemo, users) -> None:
    entry.get_workflow().start(entry, users["editor"])  # 提出
    if demo.stop == "review":
        return
    if demo.stop == "rejected":
        _act(entry, users["reviewer"], "reject", comment="请补充发放对象人数和资金来源后重新提交。")
        return
    _act(entry, users["reviewer"], "approve", comment="内容准确，同意报保密审查。")
    if demo.stop == "secrecy":
        return
    _act(entry, users["secrecy_reviewer"], "review", **(REFER_UP if demo.stop == "referred" else DISCLOSE))
    if demo.stop == "supervision":
        return
    _act(entry, users["supervisor"], "approve", comment="村务监督委员会已审核，内容、时间、程序符合要求。")
