"""Demo feedback (留言) at 东山乡 and its village 东山村 in every state: awaiting reply (one complex, one overdue),
reply returned, reply in review, answered and published (rated), answered but kept private, hidden as spam,
a duplicate, one merged into an answered one, and one on a catalogue row ("should be public"). Dates are fixed
in autumn 2026 (like the rest of the demo); seen from December 2026 the oldest open ones are overdue. Safe to
run again: each feedback has a fixed idempotency key. The unit's demo accounts (``township_editor`` writes,
``township_reviewer`` reviews; ``village_…`` for the village) do the work."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.loader import Stage
from cms.models import CatalogueItemPage
from cms.visibility import visible_entries

from . import services
from .models import Feedback, Target

D = datetime.date
UNITS = {"dongshan": "township", "dongshan_village": "village"}  # demo unit key -> account prefix

REPLY = ("感谢您的留言。经核实，相关情况如下：{topic}已按规定办理，具体安排将在本单位公开栏目及时更新。"
         "如有疑问，可在工作日到本单位政务服务窗口咨询。")

# (key, target, received, name, text, keep_private, steps); a step is (action, date, data)
PLANS = [
    ("received", Target.ENTRY, D(2026, 12, 1), "陈立新", "这份文件里提到的补助什么时候发放？", False, []),
    ("complex", Target.UNIT, D(2026, 11, 30), "", "建议公开近三年村道硬化工程的招投标和验收资料。", False,
     [("mark_complex", D(2026, 12, 1), {"comment": "涉及多个年度、多个项目，需调阅档案"})]),
    ("overdue", Target.UNIT, D(2026, 11, 2), "刘桂芳", "我家低保停发了，联系电话13912345678，请尽快答复原因。", False, []),
    ("returned", Target.ENTRY, D(2026, 11, 26), "赵明", "公示名单和上次的不一样，为什么？", False,
     [("submit_reply", D(2026, 11, 27), {"reply": "名单有调整。"}),
      ("return_reply", D(2026, 11, 30), {"comment": "请写明调整的依据和程序"})]),
    ("in_review", Target.UNIT, D(2026, 11, 25), "孙海燕", "乡里的垃圾清运时间能不能公开一下？", False,
     [("submit_reply", D(2026, 11, 27), {"reply": REPLY.format(topic="垃圾清运时间")})]),
    ("answered", Target.ENTRY, D(2026, 10, 12), "周建华", "春耕补贴的标准是按亩还是按户？我的身份证号330199198001011239。",
     False, [("submit_reply", D(2026, 10, 14), {"reply": "春耕补贴按实际种植面积计算，标准见本文件第二条。"}),
             ("approve", D(2026, 10, 15), {}), ("rate", None, "satisfied")]),
    ("answered_late", Target.UNIT, D(2026, 9, 21), "", "集镇路灯坏了很久，什么时候修？", False,
     [("submit_reply", D(2026, 10, 12), {"reply": "已安排维修，预计本月底前完成。"}),
      ("approve", D(2026, 10, 13), {}), ("rate", None, "dissatisfied")]),
    ("private", Target.UNIT, D(2026, 10, 20), "王建军", "我反映的宅基地审批问题，请不要公开我的留言。", True,
     [("submit_reply", D(2026, 10, 22), {"reply": "您的宅基地审批材料已补齐，将于下次审批会议研究。"}),
      ("approve", D(2026, 10, 23), {}), ("rate", None, "fairly")]),
    ("row", Target.ROW, D(2026, 11, 9), "黄丽", "这个事项下面一直没有公开内容，应该公开的吧？", False,
     [("submit_reply", D(2026, 11, 11), {"reply": "该事项本年度信息已于11月10日补充公开，感谢监督。"}),
      ("approve", D(2026, 11, 12), {})]),
    ("spam", Target.UNIT, D(2026, 11, 18), "", "低价代办各类证件，加微信详询。", False,
     [("hide", D(2026, 11, 18), {"comment": "广告，与公开事项无关"})]),
    ("duplicate", Target.UNIT, D(2026, 11, 30), "", "建议公开近三年村道硬化工程的招投标和验收资料。", False,
     [("mark_duplicate", D(2026, 12, 1), {"comment": "同一留言重复提交", "other": "complex"})]),
    ("merged", Target.ENTRY, D(2026, 10, 13), "郑晓梅", "春耕补贴按什么标准发？", False,
     [("merge", D(2026, 10, 14), {"comment": "与同一文件的留言问题相同，一并答复", "other": "answered"})]),
]


def demo_stage(units: dict, password: str):
    """The demo loader's stage (the ``load_demo_stage`` hook) that adds feedback."""
    started = time.perf_counter()
    created = ensure_demo_feedback(units)
    return Stage("feedback", created, time.perf_counter() - started)


def _target(unit, kind):
    if kind == Target.ENTRY:
        entry = visible_entries().filter(organisation=unit).order_by("pk").first()
        if entry is not None:
            return {"entry": entry, "target_title": entry.title}
    if kind == Target.ROW:
        row = CatalogueItemPage.objects.live().filter(organisation=unit).order_by("pk").first()
        if row is not None:
            return {"catalogue_item": row, "target_title": row.title}
    return {"target": Target.UNIT, "target_title": unit.name}


@transaction.atomic
def ensure_demo_feedback(units: dict) -> int:
    """Create the missing demo feedback; returns how many were created."""
    users = get_user_model().objects
    created = 0
    for unit_key, prefix in UNITS.items():
        unit = units.get(unit_key)
        writer = users.filter(username=f"{prefix}_editor").first()
        reviewer = users.filter(username=f"{prefix}_reviewer").first()
        if unit is None or writer is None or reviewer is None:
            continue
        made = {}
        for number, (key, kind, received, name, text, private, steps) in enumerate(PLANS, start=1):
            idempotency_key = f"demo-feedback-{unit_key}-{key}"
            existing = Feedback.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                made[key] = existing
                continue
            target = {"target": kind, **_target(unit, kind)}
            feedback = services.receive(Feedback(
                organisation=unit, name=name, contact=f"1390000{2000 + number:04d}", text=text, keep_private=private,
                received_on=received, idempotency_key=idempotency_key, **target))
            for action, on, data in steps:
                if action == "rate":
                    feedback = services.rate(feedback, data)
                    continue
                data = dict(data)
                if "other" in data:
                    data["other"] = made[data["other"]]
                actor = reviewer if action in ("approve", "return_reply") else writer
                feedback = services.perform(feedback, action, actor, on=on, **data)
            made[key] = feedback
            created += 1
    return created
