"""Demo applications (依申请公开) at two units — 东山乡人民政府 and 示范县民政局 — in every state: some overdue,
one awaiting 补正, one extended, one with a third party, replies with several outcomes and fees. Dates are
fixed in autumn 2026 (like the rest of the demo), so that every due date falls in a year the calendar covers;
seen from December 2026 the oldest open ones are overdue. Safe to run again: each application has a fixed
idempotency key and is created once. Handler accounts ``township_handler`` and ``civil_affairs_handler`` join the
units' new groups (same password as the other demo accounts)."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from demo.loader import Stage

from . import services
from .models import Application

D = datetime.date
UNITS = {"dongshan": "township", "civil_affairs": "civil_affairs"}  # demo unit key -> account prefix

# (key, channel, received, applicant (type, kind, name), information, steps); a step is (transition, date, data)
PLANS = {
    "dongshan": [
        ("received", "online", D(2026, 12, 1), ("natural_person", "", "陈立新"), "东山乡2026年农村危房改造补助名单", []),
        ("registered", "post", D(2026, 11, 27), ("legal_person", "legal_services", "某律师事务所"),
         "东山乡某村土地征收补偿安置方案", [("register", D(2026, 11, 30), {})]),
        ("completion", "in_person", D(2026, 11, 25), ("natural_person", "", "刘桂芳"), "关于我村道路的文件",
         [("register", D(2026, 11, 25), {}),
          ("request_completion", D(2026, 11, 27), {"completion_due_on": D(2026, 12, 11),
                                                   "comment": "请写明道路名称、年份或文号"})]),
        ("completed", "email", D(2026, 11, 10), ("natural_person", "", "赵明"), "东山乡2025年度财政决算",
         [("request_completion", D(2026, 11, 12), {"completion_due_on": D(2026, 11, 26), "comment": "请提供身份证明"}),
          ("receive_completion", D(2026, 11, 24), {})]),
        ("overdue", "in_person", D(2026, 10, 20), ("natural_person", "", "孙海燕"), "东山乡2026年低保资金发放情况",
         [("register", D(2026, 10, 20), {}), ("start", D(2026, 10, 21), {})]),
        ("third_party", "online", D(2026, 11, 2), ("legal_person", "commercial", "某建材有限公司"),
         "东山乡集镇供水工程施工合同",
         [("register", D(2026, 11, 2), {}), ("start", D(2026, 11, 3), {}),
          ("consult_third_party", D(2026, 11, 10), {"third_party": "某水务工程有限公司",
                                                    "comment": "合同涉及第三方商业秘密，书面征求意见"})]),
        ("extended", "post", D(2026, 10, 28), ("legal_person", "research", "某大学公共管理学院"),
         "东山乡2018—2025年村级组织运转经费",
         [("register", D(2026, 10, 28), {}), ("start", D(2026, 10, 29), {}),
          ("approve_extension", D(2026, 11, 20), {"extension_days": 20, "comment": "涉及年份多、需调档汇总"})]),
        ("replied_fee", "online", D(2026, 10, 15), ("legal_person", "commercial", "某咨询有限公司"),
         "东山乡2026年政府采购合同汇编",
         [("register", D(2026, 10, 15), {}), ("start", D(2026, 10, 16), {}),
          ("reply", D(2026, 11, 5), {"outcome": "disclosed", "fee_method": "by_pages", "pages": 120,
                                     "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（二）项"})]),
        ("closed", "in_person", D(2026, 9, 14), ("natural_person", "", "周建华"), "东山乡2026年春耕补贴发放标准",
         [("register", D(2026, 9, 14), {}), ("reply", D(2026, 9, 15), {"outcome": "disclosed"}),
          ("close", D(2026, 9, 16), {})]),
        ("partly", "email", D(2026, 9, 21), ("legal_person", "public_interest", "某环保公益协会"),
         "东山乡养殖场环境执法检查记录",
         [("register", D(2026, 9, 21), {}), ("start", D(2026, 9, 22), {}),
          ("reply", D(2026, 10, 19), {"outcome": "partly_disclosed",
                                      "withheld_parts": "检查记录中养殖户的身份证号码、联系电话属于个人信息，不予公开",
                                      "legal_basis": "《中华人民共和国政府信息公开条例》第十五条、第三十七条"}),
          ("close", D(2026, 10, 20), {})]),
        ("withheld", "post", D(2026, 8, 3), ("natural_person", "", "吴国平"), "东山乡党委会议纪要（2026年第5次）",
         [("register", D(2026, 8, 4), {}),
          ("reply", D(2026, 8, 20), {"outcome": "withheld_6",
                                     "legal_basis": "《中华人民共和国政府信息公开条例》第十六条第二款"}),
          ("close", D(2026, 8, 21), {})]),
        ("transferred", "online", D(2026, 11, 16), ("natural_person", "", "郑晓梅"), "县医保局2026年医保目录调整",
         [("transfer", D(2026, 11, 17), {"transferred_to": "示范县医疗保障局"})]),
        ("withdrawn", "online", D(2026, 11, 18), ("natural_person", "", "王建军"), "东山乡2026年征兵工作安排",
         [("register", D(2026, 11, 18), {}), ("withdraw", D(2026, 11, 19), {"comment": "申请人电话告知撤回"})]),
        ("deemed", "fax", D(2026, 10, 9), ("natural_person", "", "黄丽"), "有关补偿的材料",
         [("request_completion", D(2026, 10, 12), {"completion_due_on": D(2026, 10, 23),
                                                   "comment": "请明确所需信息的名称或文号"}),
          ("deem_withdrawn", D(2026, 10, 27), {})]),
    ],
    "civil_affairs": [
        ("received", "online", D(2026, 12, 2), ("natural_person", "", "林志强"), "示范县2026年城乡低保标准调整文件", []),
        ("overdue", "post", D(2026, 10, 12), ("legal_person", "research", "某社会保障研究院"),
         "示范县2025年养老服务补贴发放汇总",
         [("register", D(2026, 10, 13), {}), ("start", D(2026, 10, 14), {})]),
        ("in_progress", "online", D(2026, 11, 23), ("natural_person", "", "何丽娟"), "示范县2026年临时救助审批办法",
         [("register", D(2026, 11, 23), {}), ("start", D(2026, 11, 24), {})]),
        ("third_party", "email", D(2026, 11, 9), ("legal_person", "commercial", "某工程有限公司"),
         "示范县某养老机构建设项目评审意见",
         [("register", D(2026, 11, 9), {}), ("start", D(2026, 11, 10), {}),
          ("consult_third_party", D(2026, 11, 18), {"third_party": "某养老服务有限公司",
                                                    "comment": "评审意见含该公司经营信息，征求意见"})]),
        ("paid_fee", "in_person", D(2026, 9, 7), ("legal_person", "commercial", "某会计师事务所"),
         "示范县2021—2025年社会救助资金使用情况",
         [("register", D(2026, 9, 7), {}),
          ("reply", D(2026, 9, 25), {"outcome": "disclosed", "fee_method": "by_pages", "pages": 45,
                                     "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（二）项"})]),
        ("published", "online", D(2026, 10, 8), ("natural_person", "", "罗晓东"), "示范县2025年民政事业发展统计公报",
         [("register", D(2026, 10, 8), {}), ("reply", D(2026, 10, 9), {"outcome": "not_processed_3",
                                     "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（一）项"})]),
        ("to_be_made", "post", D(2026, 9, 28), ("legal_person", "other", "某村股份经济合作社"),
         "全县各村困境儿童人数统计",
         [("register", D(2026, 9, 28), {}),
          ("reply", D(2026, 10, 16), {"outcome": "unavailable_2",
                                      "legal_basis": "《中华人民共和国政府信息公开条例》第三十八条"}),
          ("close", D(2026, 10, 19), {})]),
    ],
}


def _handler(unit, prefix, password_hash):
    user, _created = get_user_model().objects.get_or_create(
        username=f"{prefix}_handler", defaults={"password": password_hash, "last_name": "申", "first_name": "办理"})
    user.groups.add(services.ensure_office(unit).handlers)
    return user


def demo_stage(units: dict, password: str):
    """The demo loader's stage (registered as the ``load_demo_stage`` hook) that adds the applications."""
    started = time.perf_counter()
    created = ensure_demo_applications(units, password)
    return Stage("applications", created, time.perf_counter() - started)


@transaction.atomic
def ensure_demo_applications(units: dict, password: str) -> int:
    """Create the missing demo applications; returns how many were created."""
    from demo.accounts import demo_user

    admin = demo_user()
    password_hash = make_password(password)
    created = 0
    for unit_key, prefix in UNITS.items():
        unit = units.get(unit_key)
        if unit is None:  # a demo size without this unit
            continue
        handler = _handler(unit, prefix, password_hash)
        approver = unit.approvers.user_set.first() or admin
        for number, (key, channel, received, applicant, title, steps) in enumerate(PLANS[unit_key], start=1):
            idempotency_key = f"demo-{unit_key}-{key}"
            if Application.objects.filter(idempotency_key=idempotency_key).exists():
                continue
            applicant_type, kind, name = applicant
            date_field = {"in_person": "submitted_on", "post": "signed_for_on"}.get(channel, "confirmed_on")
            application = services.register(Application(
                organisation=unit, channel=channel, applicant_type=applicant_type, organisation_kind=kind,
                applicant_name=name, phone=f"1380000{1000 + number:04d}"[-11:], email=f"applicant{number}@example.com",
                information_title=title, idempotency_key=idempotency_key, **{date_field: received}), handler)
            for name_, on, data in steps:
                data = dict(data)
                comment = data.pop("comment", "")
                actor = approver if name_ == "approve_extension" else handler
                application = services.perform(application, name_, actor, comment=comment, on=on, **data)
            if key == "paid_fee":
                services.record_fee_paid(application, handler, on=D(2026, 10, 9))
                services.perform(application, "close", handler, on=D(2026, 10, 12))
            if key == "overdue":
                services.add_note(application, handler, "已请财政所提供发放明细，尚未回复。")
            created += 1
    return created
