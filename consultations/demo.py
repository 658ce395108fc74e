"""Demo consultations (征求意见) at the county government: one open now (a draft plan with opinions coming in)
and one closed in autumn 2026 whose opinions were marked and whose adoption report (采纳情况) is published.
Safe to run again: each demo entry has a fixed slug and is created once."""

import datetime
import time

from django.db import transaction
from django.utils import timezone

from demo.catalogues import leaf_items, matching_item
from demo.loader import Stage
from cms.models import DisclosurePage, Domain

from . import services
from .choices import Channel, Kind, Outcome
from .models import Consultation, Opinion

D = datetime.date
ROW_WORDS = ("重大决策预公开", "重大行政决策", "征求意见", "重大决策")
OPEN_SLUG, CLOSED_SLUG = "consultation-bus-plan", "consultation-elderly-care"

OPEN_PLAN = {
    "title": "关于公开征求《示范县城乡公交一体化发展规划（2027—2030年）（征求意见稿）》意见的公告",
    "summary": "为提高决策的科学性和透明度，现将规划征求意见稿全文公布，公开征求社会公众意见。",
    "body": "规划提出到2030年实现建制村通公交率100%，新增城乡公交线路12条，优化县城至各乡镇班次。",
    "background": "按照《重大行政决策程序暂行条例》，城乡公交发展规划属于重大行政决策事项，需公开征求社会公众意见。",
    "how": "可在本网站“征求意见”栏目在线提交意见；也可将书面意见寄送至县交通运输局（信封注明“公交规划意见”）。",
    "opinions": [
        (Channel.PORTAL, "张先生", "建议增加东山乡至县城的早班车，方便学生上学。"),
        (Channel.PORTAL, "", "希望公交站台增加遮雨棚和线路图。"),
        (Channel.LETTER, "李某", "建议老年人乘车优惠年龄从70岁降低到65岁。"),
    ],
}
CLOSED_PLAN = {
    "title": "关于公开征求《示范县居家养老服务补贴办法（征求意见稿）》意见的公告",
    "summary": "现将居家养老服务补贴办法征求意见稿全文公布，公开征求社会公众意见。",
    "body": "办法规定居家养老服务补贴的对象、标准、申请程序和资金监管。",
    "background": "为规范居家养老服务补贴发放，县民政局起草了本办法，按重大行政决策程序公开征求意见。",
    "how": "在本网站在线提交，或参加2026年10月28日在县民政局召开的征求意见座谈会。",
    "starts_on": D(2026, 10, 12), "ends_on": D(2026, 11, 10),
    "opinions": [
        (Channel.PORTAL, "王女士", "建议将失能老人的补贴标准提高到每月300元，联系电话13812345678。",
         Outcome.ADOPTED, ""),
        (Channel.PORTAL, "", "补贴申请材料太多，建议简化为身份证和户口本。", Outcome.PARTLY_ADOPTED,
         "申请材料已精简为三项；户籍和身份信息由部门共享核验，无需申请人另行提供，但经济状况证明仍需提交。"),
        (Channel.MEETING, "村民代表", "建议补贴按季度直接发放到老人的银行账户。", Outcome.ADOPTED, ""),
        (Channel.MEETING, "养老服务机构代表", "建议将补贴改为现金发放，由老人自行选择服务。", Outcome.NOT_ADOPTED,
         "补贴为服务补贴，须用于购买居家养老服务，按规定不得发放现金。"),
        (Channel.LETTER, "赵某", "建议补贴可以用于购买保健品。", Outcome.NOT_ADOPTED,
         "补贴为服务补贴，须用于购买居家养老服务，按规定不得发放现金。"),
    ],
}


def demo_stage(units: dict, password: str):
    """The demo loader's stage (registered as the ``load_demo_stage`` hook) that adds the consultations."""
    started = time.perf_counter()
    created = ensure_demo_consultations(units)
    return Stage("consultations", created, time.perf_counter() - started)


def _entry(row, slug, plan, user, published_on) -> DisclosurePage:
    entry = DisclosurePage.objects.filter(slug=slug, catalogue_item=row).first()
    if entry is not None:
        return entry
    entry = row.add_child(instance=DisclosurePage(
        title=plan["title"], slug=slug, live=False, owner=user, summary=plan["summary"], keywords="征求意见",
        written_on=published_on, published_on=published_on,
        body=[{"type": "rich_text", "value": f"<p>{plan['body']}</p>"}]))
    entry.save_revision(user=user).publish(user=user)
    return DisclosurePage.objects.get(pk=entry.pk)


@transaction.atomic
def ensure_demo_consultations(units: dict) -> int:
    """Create the missing demo consultations; returns how many were created."""
    from demo.accounts import demo_user

    county = units.get("county")
    if county is None:
        return 0
    row = matching_item(leaf_items(county, Domain.GOVERNMENT), ROW_WORDS)
    if row is None:
        return 0
    admin = demo_user()
    today = timezone.localdate()
    created = 0
    entry = _entry(row, CLOSED_SLUG, CLOSED_PLAN, admin, CLOSED_PLAN["starts_on"])
    if not Consultation.objects.filter(entry=entry).exists():
        consultation = Consultation.objects.create(
            entry=entry, organisation=county, kind=Kind.GOVERNMENT, background=CLOSED_PLAN["background"],
            how_to_take_part=CLOSED_PLAN["how"], starts_on=CLOSED_PLAN["starts_on"], ends_on=CLOSED_PLAN["ends_on"],
            created_by=admin)
        reasons = {}
        for number, (channel, name, text, outcome, reason) in enumerate(CLOSED_PLAN["opinions"], start=1):
            opinion = Opinion.objects.create(
                consultation=consultation, channel=channel, author_name=name, text=text,
                contact=f"1390000{number:04d}", received_on=CLOSED_PLAN["starts_on"] + datetime.timedelta(days=3 * number),
                personal_data_found=services.scan(text))
            if today > consultation.ends_on:
                services.decide(consultation, admin, [opinion.pk], outcome, reasons.get(reason),
                                reason if reason not in reasons else "")
                opinion.refresh_from_db()
                if opinion.reason_id:
                    reasons[reason] = opinion.reason
        if today > consultation.ends_on:
            report = services.generate_report(consultation, admin, submit=False)
            report.save_revision(user=admin).publish(user=admin)
        created += 1
    entry = _entry(row, OPEN_SLUG, OPEN_PLAN, admin, today - datetime.timedelta(days=5))
    if not Consultation.objects.filter(entry=entry).exists():
        start = today - datetime.timedelta(days=5)
        consultation = Consultation.objects.create(
            entry=entry, organisation=county, kind=Kind.GOVERNMENT, background=OPEN_PLAN["background"],
            how_to_take_part=OPEN_PLAN["how"], starts_on=start, ends_on=start + datetime.timedelta(days=29),
            created_by=admin)
        for number, (channel, name, text) in enumerate(OPEN_PLAN["opinions"], start=1):
            Opinion.objects.create(consultation=consultation, channel=channel, author_name=name, text=text,
                                   contact=f"1370000{number:04d}", received_on=start + datetime.timedelta(days=number))
        created += 1
    return created
