"""Government affairs (政务公开) of the county government and the townships: policies with their
interpretations, executive meetings, the work plan and a consultation; the townships' budgets, annual
reports, subsistence allowance lists, land acquisition notices and projects."""

import datetime

from blocks import ColumnKind
from cms.models import Domain, LinkKind, Topic, WithholdingGround

from . import legal
from .annual import annual_report, budget, final_accounts
from cms.demo.body import FileSpec, PhotoSpec, attachments, financial_table, gallery, key_facts, rich_text, rich_text_list
from .organisations import COUNTY_NAME, UNITS, UNITS_BY_KEY
from .plan import QUARTER_NAMES, EntrySpec, LinkSpec, Planner, WithheldSpec
from .village import villages_of

YEARS = (2025, 2026)
TOWNSHIPS = tuple(s.key for s in UNITS if s.level == "township")
DOCUMENT_PREFIXES = {"county": "县政发", "chengguan": "城政", "qingxi": "青政", "dongshan": "东政"}


def plan(planner: Planner) -> None:
    _county(planner)
    for key in TOWNSHIPS:
        _township(planner, key)


# County government ---------------------------------------------------------------------------------

POLICIES = (
    # (slug, year, month, title of the measure, summary, always)
    ("employment", 2025, 4, "关于进一步做好稳就业工作的实施意见",
     "从支持企业吸纳就业、重点群体就业创业、公益性岗位托底安置等方面提出十二条措施。", False),
    ("homestead-2025", 2025, 6, "示范县农村宅基地管理办法",
     "规范农村宅基地申请、审批和监管，明确“一户一宅”、面积标准和审批流程。", True),
    ("collective-economy", 2026, 3, "示范县促进农村集体经济高质量发展若干措施",
     "从盘活闲置资产、发展物业经济、强化“三资”监管等方面支持村级集体经济发展。", False),
    ("homestead-2026", 2026, 9, "示范县农村宅基地管理办法（2026年修订）",
     "根据上级最新规定修订宅基地审批流程，推行“一窗受理、并联审批”，原办法同时废止。", True),
)


def _county(planner: Planner) -> None:
    for slug, year, month, name, summary, always in POLICIES:
        _policy(planner, slug, year, month, name, summary, always)
    for year in YEARS:
        for quarter in range(1, 5):
            _executive_meeting(planner, year, quarter)
        annual_report(planner, "county", year - 1, due_month=3)
        _work_plan(planner, year)
    _consultation(planner)


def _policy(planner: Planner, slug: str, year: int, month: int, name: str, summary: str, always: bool) -> None:
    written = planner.day(year, month, planner.rng.randint(1, 12))
    published = planner.later(written, planner.rng.randint(2, 6))
    number = planner.document_number(DOCUMENT_PREFIXES["county"], year)
    title = f"{COUNTY_NAME}人民政府关于印发《{name}》的通知" if "办法" in name or "措施" in name else \
        f"{COUNTY_NAME}人民政府{name}"
    links = []
    if slug == "homestead-2026":
        links.append(LinkSpec(LinkKind.REPEALS, "county", "policy-homestead-2025"))
    planner.add(EntrySpec(
        unit="county", domain=Domain.GOVERNMENT, slug=f"policy-{slug}", row=("规范性文件", "政策文件", "文件"),
        title=title, summary=f"《{name}》{summary}", planned_on=published, topic=Topic.AGRICULTURE,
        keywords=f"规范性文件,{name}", written_on=written, document_number=number,
        always=always, links=links,
        body=[
            rich_text("各乡镇人民政府，县政府各部门、各直属单位：",
                      f"《{name}》已经县政府常务会议审议通过，现印发给你们，请认真贯彻执行。", summary,
                      "本文件自印发之日起施行，有效期五年。"),
            attachments(FileSpec(f"《{name}》全文", "pdf", lines=(
                name, f"（{number}）", "第一条 为规范管理，根据有关法律法规，结合本县实际，制定本办法。",
                "第二条 本办法适用于本县行政区域内的有关管理活动。", summary, "第三条 本办法自印发之日起施行。"))),
        ],
    ))
    planner.add(EntrySpec(
        unit="county", domain=Domain.GOVERNMENT, slug=f"interpretation-{slug}", row=("政策解读", "解读"),
        title=f"《{name}》政策解读", summary=f"解读《{name}》的出台背景、主要内容和适用对象。",
        planned_on=published, topic=Topic.AGRICULTURE, keywords=f"政策解读,{name}", written_on=written,
        always=always, links=[LinkSpec(LinkKind.INTERPRETS, "county", f"policy-{slug}")],
        body=[
            rich_text("为做好文件的贯彻落实，现就有关内容解读如下。", heading="一、出台背景"),
            rich_text_list("主要内容包括：", [summary, "明确各乡镇和县级有关部门的职责分工。",
                                             "规定办理程序、办理时限和监督措施。"]),
            key_facts(("文件名称", f"《{name}》"), ("文号", number), ("解读机关", f"{COUNTY_NAME}人民政府办公室")),
        ],
    ))


def _executive_meeting(planner: Planner, year: int, quarter: int) -> None:
    month = quarter * 3 - 1
    held = planner.day(year, month, planner.rng.randint(5, 20))
    published = planner.later(held, 3)
    number = (year - 2025) * 4 + quarter + 11
    topics = planner.rng.sample([
        "研究部署全县安全生产和防汛防台工作", "审议县级财政预算执行情况", "研究农村人居环境整治提升工作",
        "审议全县养老服务体系建设方案", "研究政府投资项目年度计划调整事项", "听取全县政务公开工作情况汇报",
        "研究稳就业保民生有关事项", "审议县级重大行政决策事项目录",
    ], 4)
    planner.add(EntrySpec(
        unit="county", domain=Domain.GOVERNMENT, slug=f"executive-meeting-{year}-q{quarter}",
        row=("常务会议",), title=f"{COUNTY_NAME}人民政府第{number}次常务会议",
        summary=f"{held.month}月{held.day}日，县政府召开第{number}次常务会议，" + "、".join(topics[:2]) + "等。",
        planned_on=published, topic=Topic.OTHER, keywords="常务会议,会议纪要", written_on=held,
        body=[rich_text_list(f"{held.year}年{held.month}月{held.day}日，县长主持召开县政府第{number}次常务会议。会议：",
                             [topic + "。" for topic in topics])],
    ))


def _work_plan(planner: Planner, year: int) -> None:
    published = planner.day(year, 4, planner.rng.randint(8, 20))
    planner.add(EntrySpec(
        unit="county", domain=Domain.GOVERNMENT, slug=f"work-plan-{year}", row=("工作要点", "政务公开"),
        title=f"{COUNTY_NAME}{year}年政务公开工作要点", document_number=planner.document_number("县政办发", year),
        summary=f"部署{year}年全县政务公开工作：深化重点领域信息公开、规范依申请公开、推进基层政务公开标准化。",
        planned_on=published, topic=Topic.OTHER, keywords="政务公开,工作要点", written_on=published,
        period_covered=f"{year}年",
        body=[
            rich_text_list(f"{year}年全县政务公开工作要点如下：", [
                "围绕财政预决算、重大建设项目、社会救助等重点领域，及时准确公开政策措施和实施情况。",
                "规范政策解读，做到政策文件与解读材料同步组织、同步审签、同步部署。",
                "完善依申请公开办理机制，严格按照法定时限答复。",
                "推进乡镇（街道）和村（社区）公开标准目录动态调整。",
                "加强政府网站和政务新媒体内容保障，落实个人信息去标识化要求。",
            ]),
            legal.proactive_disclosure(),
        ],
    ))


def _consultation(planner: Planner) -> None:
    published = planner.day(2026, 10, 12)
    start, end = published, published + datetime.timedelta(days=30)
    name = "示范县城乡生活垃圾分类管理办法（征求意见稿）"
    planner.add(EntrySpec(
        unit="county", domain=Domain.GOVERNMENT, slug="consultation-waste-sorting", always=True,
        row=("重大决策预公开", "征求意见"), title=f"关于公开征求《{name}》意见的公告",
        summary="为提高决策的科学性和透明度，现将征求意见稿全文公布，公开征求社会公众意见。",
        planned_on=published, topic=Topic.PLANNING, keywords="征求意见,垃圾分类", written_on=published,
        notice_start=start, notice_end=end,
        body=[
            rich_text(f"意见反馈截止时间为{end.year}年{end.month}月{end.day}日。社会公众可通过县政府门户网站"
                      "“意见征集”栏目提出意见，或书面寄送至县住房和城乡建设局，信封上注明“意见征集”字样。"),
            attachments(FileSpec(f"《{name}》", "docx", lines=(
                "第一章 总则", "第一条 为加强城乡生活垃圾分类管理，改善人居环境，结合本县实际，制定本办法。",
                "第二条 本县行政区域内生活垃圾的分类投放、收集、运输、处理及其监督管理，适用本办法。"))),
            legal.proactive_disclosure(),
        ],
    ))


# Townships --------------------------------------------------------------------------------------------

def _township(planner: Planner, key: str) -> None:
    for year in YEARS:
        budget(planner, key, year, always=key == "dongshan" and year == 2026)
        final_accounts(planner, key, year - 1, always=key == "dongshan" and year == 2026)
        annual_report(planner, key, year - 1, due_month=1)
        _land_acquisition(planner, key, year)
        _township_project(planner, key, year)
        for quarter in range(1, 5):
            _subsistence_list(planner, key, year, quarter)


def _subsistence_list(planner: Planner, key: str, year: int, quarter: int) -> None:
    """低保对象名单公示: 7 working days (local practice, domain.md §4)."""
    township = UNITS_BY_KEY[key].short_name
    period = f"{year}年第{QUARTER_NAMES[quarter]}季度"
    published = planner.day(year, quarter * 3 - 2, planner.rng.randint(3, 10))
    start, end = planner.notice(published, 7)
    rows = []
    for village in villages_of(key):
        for _ in range(planner.rng.randint(3, 6)):
            people = planner.rng.randint(1, 4)
            rows.append([planner.people.name(), UNITS_BY_KEY[village].short_name, people,
                         people * planner.rng.choice((960, 980, 1010))])
    withdrawn = key == "dongshan" and (year, quarter) == (2026, 2)
    table = financial_table(f"{township}{period}低保对象名单",
                            [("户主姓名", ColumnKind.TEXT), ("所在村", ColumnKind.TEXT), ("保障人数", ColumnKind.INTEGER),
                             ("月保障金", ColumnKind.AMOUNT)], rows)
    spec = EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"subsistence-{year}-q{quarter}", row=("低保", "社会救助", "救助"),
        title=f"{township}{period}低保对象名单公示",
        summary=f"{township}{period}城乡最低生活保障对象共{len(rows)}户{sum(r[2] for r in rows)}人，现予公示。",
        planned_on=published, topic=Topic.SOCIAL_SECURITY, keywords="低保,最低生活保障,名单公示",
        period_covered=period, written_on=published, notice_start=start, notice_end=end, always=withdrawn,
        withdrawal_reason="名单中一户保障人数登记有误，撤回后更正重新公示。" if withdrawn else "",
        body=[
            rich_text(f"经村（居）民委员会入户调查、民主评议，乡镇审核确认，现将{period}低保对象名单予以公示。"
                      f"公示期为{start.month}月{start.day}日至{end.month}月{end.day}日（7个工作日）。"
                      f"如有异议，请在公示期内向{township}社会事务办公室书面反映。"),
            table,
            legal.local_disclosure(),
        ],
    )
    planner.add(spec)
    if withdrawn:
        corrected_on = planner.later(published, 6)
        start, end = planner.notice(corrected_on, 7)
        rows[0][2] += 1
        rows[0][3] = rows[0][2] * 960
        planner.add(EntrySpec(
            unit=key, domain=Domain.GOVERNMENT, slug=f"subsistence-{year}-q{quarter}-corrected",
            row=spec.row, title=f"{township}{period}低保对象名单公示（更正）",
            summary=f"更正{township}{period}低保对象名单中一户的保障人数，重新公示。",
            planned_on=corrected_on, topic=Topic.SOCIAL_SECURITY, keywords=spec.keywords, period_covered=period,
            written_on=corrected_on, notice_start=start, notice_end=end, always=True,
            links=[LinkSpec(LinkKind.RELATED, key, spec.slug)],
            body=[
                rich_text(f"原公示名单中一户保障人数登记有误，现予更正并重新公示。公示期为{start.month}月{start.day}日至"
                          f"{end.month}月{end.day}日。"),
                financial_table(table.value["caption"], [(c["heading"], c["kind"]) for c in table.value["columns"]],
                                rows),
            ],
        ))


def _land_acquisition(planner: Planner, key: str, year: int) -> None:
    township = UNITS_BY_KEY[key].short_name
    village = UNITS_BY_KEY[planner.rng.choice(villages_of(key))].short_name
    project = planner.rng.choice(("县道改建工程", "乡村振兴产业园", "中心小学扩建工程", "污水处理厂配套管网"))
    published = planner.day(year, planner.rng.randint(3, 10), planner.rng.randint(1, 20))
    area = planner.amount(20, 180)
    start, end = planner.notice(published, 10)
    withheld = key == "dongshan" and year == 2026
    body = [
        rich_text(f"因{project}建设需要，拟征收{village}部分集体土地。现将有关事项预公告如下，"
                  "自本公告发布之日起，在拟征收土地范围内暂停办理户口迁入、分户，停止新建、扩建、改建建筑物。"),
        key_facts(("拟征收土地位置", f"{township}{village}"), ("拟征收土地面积", f"约{area}亩"),
                  ("土地用途", "公共基础设施建设"), ("预公告期", f"{start.month}月{start.day}日至{end.month}月{end.day}日")),
        legal.local_disclosure(),
    ]
    withheld_parts = []
    if withheld:
        households = [[planner.people.name(), planner.amount(1, 6), planner.amount(20000, 90000)] for _ in range(5)]
        body.append(financial_table("征收补偿到户明细", [("户主姓名", ColumnKind.TEXT), ("地块数", ColumnKind.INTEGER),
                                                        ("补偿金额", ColumnKind.AMOUNT)], households))
        withheld_parts.append(WithheldSpec(len(body) - 1, "征收补偿到户明细（涉及个人财产信息）",
                                           WithholdingGround.THIRD_PARTY, legal.PERSONAL_PRIVACY_BASIS))
    planner.add(EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"land-acquisition-{year}", row=("征收", "土地", "征地"),
        title=f"关于{village}{project}项目拟征收土地的预公告", always=withheld,
        document_number=planner.document_number(DOCUMENT_PREFIXES[key], year),
        summary=f"因{project}建设需要，拟征收{village}集体土地约{area}亩，现发布征地预公告。",
        planned_on=published, topic=Topic.LAND, keywords="土地征收,征地预公告", written_on=published,
        notice_start=start, notice_end=end, body=body, withheld=withheld_parts,
        withdrawal_reason="项目选址调整，原预公告撤回。" if (key, year) == ("qingxi", 2025) else "",
    ))


def _township_project(planner: Planner, key: str, year: int) -> None:
    township = UNITS_BY_KEY[key].short_name
    project = planner.rng.choice(("集镇污水零直排改造", "农贸市场提升改造", "乡村振兴示范带建设", "便民服务中心改造"))
    stage = "开工建设" if year == 2025 else "竣工验收"
    published = planner.day(year, planner.rng.randint(5, 11), planner.rng.randint(5, 25))
    investment = planner.amount(300, 3000)
    planner.add(EntrySpec(
        unit=key, domain=Domain.GOVERNMENT, slug=f"project-{year}", row=("项目", "重大建设", "建设"),
        title=f"{township}{project}项目{stage}情况", period_covered=f"{year}年",
        summary=f"{township}{project}项目总投资{investment}万元，{year}年完成{stage}。",
        planned_on=published, topic=Topic.PLANNING, keywords=f"{project},重大项目", written_on=published,
        body=[
            rich_text(f"{project}项目由{township}人民政府组织实施，按照阶段公开要求，现将{stage}情况公开如下。"),
            key_facts(("项目总投资", f"{investment} 万元"), ("建设阶段", stage), ("建设单位", f"{township}人民政府")),
            gallery(*(PhotoSpec(f"{township}{project}{stage}照片{index}", caption, planner.rng.randint(1, 10**6))
                      for index, caption in enumerate(("项目现场全景", "施工作业面", "质量安全检查"), start=1))),
        ],
    ))


