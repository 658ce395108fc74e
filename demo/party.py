"""Party affairs (党务公开): pre-appointment notices, committee meetings, party member development,
theme party days and party fees, some of them published only inside the party (公开范围)."""

from blocks import ColumnKind
from cms.models import Domain, Scope, Topic

from . import legal
from cms.demo.body import PhotoSpec, financial_table, gallery, key_facts, person_list, rich_text, rich_text_list
from .organisations import COUNTY_NAME, UNITS, UNITS_BY_KEY
from .plan import EntrySpec, Planner, party_name
from .village import VILLAGES

YEARS = (2025, 2026)
TOWNSHIPS = tuple(s.key for s in UNITS if s.level == "township")
DEPARTMENTS = tuple(s.key for s in UNITS if s.level == "department")
ORGANISATION_DEPARTMENT = f"中共{COUNTY_NAME}委组织部"
PROMOTIONS = (
    ("{township}党委委员、副镇长", "{township}党委副书记（提名为镇长候选人）"),
    ("{department}副局长", "{department}局长"),
    ("{department}办公室主任", "{department}副局长"),
    ("{township}党委组织委员", "{township}党委副书记"),
    ("县委办公室副主任", "{township}党委书记"),
)
THEMES = ("重温入党誓词", "学习贯彻党的创新理论", "清廉村居建设", "志愿服务进网格", "红色教育基地现场教学")


def plan(planner: Planner) -> None:
    for year in YEARS:
        # The last notice of 2026 is still running on the demo's last publication day.
        for index, month in enumerate((4, 10) if year == 2025 else (4, 11), start=1):
            _pre_appointment(planner, year, index, month)
        for quarter in range(1, 5):
            _standing_committee(planner, year, quarter)
        _party_work_plan(planner, year)
        for key in TOWNSHIPS:
            _township_posts(planner, key, year)
            for half in (1, 2):
                _township_committee(planner, key, year, half)
        for key in VILLAGES:
            _member_development(planner, key, year)
            _theme_day(planner, key, year)
    for key in VILLAGES:
        _party_fees(planner, key)
    for key in DEPARTMENTS:
        _branch_day(planner, key)
    _designation(planner)


def _pre_appointment(planner: Planner, year: int, index: int, month: int) -> None:
    """干部任前公示: at least 5 working days (党政领导干部选拔任用工作条例)."""
    published = planner.day(year, month, planner.rng.randint(8, 19))
    start, end = planner.notice(published, 5)
    people = []
    for _ in range(planner.rng.randint(2, 4)):
        current, proposed = planner.rng.choice(PROMOTIONS)
        township = UNITS_BY_KEY[planner.rng.choice(TOWNSHIPS)].short_name
        department = planner.rng.choice([s.name for s in UNITS if s.level == "department" and s.parent == "county"])
        people.append(planner.person(current.format(township=township, department=department),
                                     proposed.format(township=township, department=department), ages=(32, 50)))
    names = people[0]["name"]
    planner.add(EntrySpec(
        unit="county", domain=Domain.PARTY, slug=f"pre-appointment-{year}-{index}", row=("任前公示", "干部", "任免"),
        title=f"关于{names}等{len(people)}名同志任前公示", publishing_body=ORGANISATION_DEPARTMENT,
        summary=f"根据干部选拔任用有关规定，对{names}等{len(people)}名拟提拔任职的同志进行任前公示。",
        planned_on=published, topic=Topic.ORGANISATION, keywords="任前公示,干部任用", written_on=published,
        notice_start=start, notice_end=end, always=(year, index) == (2026, 2),
        body=[
            person_list(f"{year}年第{index}批干部任前公示名单",
                        f"公示时间：{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日（5个工作日）。"
                        "公示期间，对公示对象有情况反映的，可通过来信、来访等方式向县委组织部干部监督科反映。"
                        "反映情况要实事求是，提倡署真实姓名。", people),
            legal.pre_appointment_notice(),
        ],
    ))


def _standing_committee(planner: Planner, year: int, quarter: int) -> None:
    held = planner.day(year, quarter * 3 - 2, planner.rng.randint(10, 25))
    published = planner.later(held, 2)
    topics = planner.rng.sample([
        "传达学习上级全会精神，研究贯彻落实意见", "研究全面从严治党主体责任落实工作", "听取县纪委监委工作情况汇报",
        "研究基层党组织建设有关事项", "研究意识形态工作责任制落实情况", "审议县委年度重点工作任务清单",
    ], 3)
    internal = quarter % 2 == 0
    planner.add(EntrySpec(
        unit="county", domain=Domain.PARTY, slug=f"standing-committee-{year}-q{quarter}",
        row=("常委会", "会议", "重大决策"), title=f"中共{COUNTY_NAME}委常委会召开{year}年第{quarter * 2}次会议",
        summary="会议" + "；".join(topics[:2]) + "。", planned_on=published, topic=Topic.PARTY_BUILDING,
        keywords="县委常委会,会议", written_on=held, scope=Scope.ALL_MEMBERS if internal else "",
        body=[rich_text_list(f"{held.month}月{held.day}日，县委书记主持召开县委常委会会议。会议：",
                             [topic + "。" for topic in topics])],
    ))


def _party_work_plan(planner: Planner, year: int) -> None:
    published = planner.day(year, 3, planner.rng.randint(3, 15))
    planner.add(EntrySpec(
        unit="county", domain=Domain.PARTY, slug=f"party-work-plan-{year}", row=("工作要点", "学习贯彻党的理论"),
        title=f"{COUNTY_NAME}{year}年党建工作要点", planned_on=published, topic=Topic.PARTY_BUILDING,
        summary=f"部署{year}年全县党的建设重点任务。", keywords="党建工作要点", written_on=published,
        period_covered=f"{year}年", always=year == YEARS[-1],
        body=[rich_text_list(f"{year}年全县党建工作要点：", [
            "加强党的政治建设，严格落实“第一议题”制度。", "推进基层党组织标准化规范化建设。",
            "深化党务公开，按目录及时公开党务信息。", "加强党员教育管理，规范发展党员工作。"])],
    ))


def _township_posts(planner: Planner, key: str, year: int) -> None:
    township = UNITS_BY_KEY[key].short_name
    published = planner.day(year, 6, planner.rng.randint(5, 20))
    start, end = planner.notice(published, 5)
    posts = planner.rng.sample(("便民服务中心主任", "综合行政执法队队长", "农业综合服务中心主任", "社会事务办公室主任"), 2)
    people = [planner.person(f"{township}一级科员", f"{township}{post}", ages=(28, 45)) for post in posts]
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug=f"posts-{year}", row=("任前公示", "干部", "任免"),
        title=f"{township}{year}年站所负责人拟任人选公示", planned_on=published, topic=Topic.ORGANISATION,
        summary=f"经{township}党委会议研究，拟任{len(people)}名站所负责人，现予公示。", keywords="拟任人选,公示",
        written_on=published, notice_start=start, notice_end=end,
        body=[person_list(f"{township}站所负责人拟任人选",
                          f"公示期：{start.month}月{start.day}日至{end.month}月{end.day}日。"
                          f"如有意见，请向{township}党委组织办书面反映。", people)],
    ))


def _township_committee(planner: Planner, key: str, year: int, half: int) -> None:
    township = UNITS_BY_KEY[key].short_name
    held = planner.day(year, 5 if half == 1 else 11, planner.rng.randint(3, 14))
    published = planner.later(held, 3)
    matters = planner.rng.sample(("集镇道路改造工程招标方案", "年度民生实事项目安排", "村级后备干部培养计划",
                                  "镇属国有资产处置事项", "防汛防台物资采购事项"), 2)
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug=f"committee-{year}-h{half}", row=("三重一大", "决策", "会议"),
        title=f"{party_name(key)}{year}年“三重一大”事项集体决策情况（{'上' if half == 1 else '下'}半年）",
        summary=f"{township}党委会议集体研究决定{matters[0]}等“三重一大”事项。", planned_on=published,
        topic=Topic.PARTY_BUILDING, keywords="三重一大,集体决策", written_on=held,
        scope=Scope.UNIT_MEMBERS if half == 2 else "",
        body=[rich_text_list(f"{held.month}月{held.day}日，{township}党委召开会议，集体研究决定以下事项：",
                             [matter + "。" for matter in matters]),
              key_facts(("会议形式", "党委会议"), ("应到委员", "9 人"), ("实到委员", f"{planner.rng.randint(7, 9)} 人"))],
    ))


def _member_development(planner: Planner, key: str, year: int) -> None:
    village = UNITS_BY_KEY[key].short_name
    published = planner.day(year, planner.rng.randint(5, 9), planner.rng.randint(5, 20))
    start, end = planner.notice(published, 5)
    people = [planner.person(f"{village}村民", ages=(22, 40), education=planner.rng.choice(("高中", "大学专科", "大学本科")))
              for _ in range(planner.rng.randint(1, 3))]
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug=f"member-development-{year}", row=("发展党员", "党员", "公示"),
        title=f"关于拟发展{people[0]['name']}等{len(people)}名同志为中共预备党员的公示", planned_on=published,
        topic=Topic.PARTY_BUILDING, summary=f"{party_name(key)}拟发展{len(people)}名同志为中共预备党员，现予公示。",
        keywords="发展党员,预备党员,公示", written_on=published, notice_start=start, notice_end=end,
        body=[person_list("拟发展对象名单",
                          f"公示期：{start.month}月{start.day}日至{end.month}月{end.day}日。党员和群众如有意见，"
                          f"可向{party_name(key)}或{UNITS_BY_KEY[key].township}党委组织办反映。", people)],
    ))


def _theme_day(planner: Planner, key: str, year: int) -> None:
    village = UNITS_BY_KEY[key].short_name
    theme = planner.rng.choice(THEMES)
    held = planner.day(year, planner.rng.randint(3, 11), planner.rng.randint(1, 10))
    published = planner.later(held, 1)
    internal = year == 2026
    members = planner.rng.randint(25, 60)
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug=f"theme-day-{year}", row=("主题党日", "主题教育", "组织生活"),
        title=f"{village}党支部{year}年{held.month}月主题党日活动情况", planned_on=published,
        topic=Topic.PARTY_BUILDING, summary=f"{village}党支部开展“{theme}”主题党日活动。",
        keywords="主题党日,组织生活", written_on=held, scope=Scope.UNIT_MEMBERS if internal else "",
        always=internal and key == "dongshan_village",
        body=[rich_text(f"{held.month}月{held.day}日，{village}党支部组织党员开展“{theme}”主题党日活动，"
                        f"应到党员{members}名，实到党员{members - planner.rng.randint(1, 5)}名，"
                        "流动党员通过线上方式参加。"),
              gallery(*(PhotoSpec(f"{village}党支部主题党日照片{index}", caption, planner.rng.randint(1, 10**6))
                        for index, caption in enumerate(("集中学习", "志愿服务"), start=1)))],
    ))


def _party_fees(planner: Planner, key: str) -> None:
    village = UNITS_BY_KEY[key].short_name
    published = planner.day(2026, 1, planner.rng.randint(10, 25))
    members = planner.rng.randint(25, 60)
    rows = [[f"2025年第{q}季度", members, planner.amount(600, 1500)] for q in ("一", "二", "三", "四")]
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug="party-fees-2025", row=("党费", "收缴", "组织生活"),
        title=f"{village}党支部2025年度党费收缴情况", planned_on=published, topic=Topic.PARTY_BUILDING,
        summary=f"{village}党支部2025年度党费收缴情况，按季度汇总。", keywords="党费,收缴", written_on=published,
        period_covered="2025年度", scope=Scope.UNIT_MEMBERS, always=key == "dongshan_village",
        body=[financial_table("2025年度党费收缴情况", [("季度", ColumnKind.TEXT), ("缴纳人数", ColumnKind.INTEGER),
                                                     ("党费金额", ColumnKind.AMOUNT)], rows)],
    ))


def _branch_day(planner: Planner, key: str) -> None:
    unit = UNITS_BY_KEY[key]
    theme = planner.rng.choice(THEMES[:3])
    held = planner.day(2026, planner.rng.randint(2, 10), planner.rng.randint(1, 12))
    planner.add(EntrySpec(
        unit=key, domain=Domain.PARTY, slug="branch-day-2026", row=("主题党日", "主题教育", "组织生活"),
        title=f"{unit.short_name}机关党支部开展“{theme}”主题党日活动", planned_on=planner.later(held, 1),
        topic=Topic.PARTY_BUILDING, summary=f"{unit.short_name}机关党支部组织党员开展“{theme}”主题党日活动。",
        keywords="机关党建,主题党日", written_on=held,
        scope=Scope.UNIT_MEMBERS if DEPARTMENTS.index(key) % 2 else "",
        body=[rich_text(f"{held.month}月{held.day}日，{unit.short_name}机关党支部组织全体党员开展主题党日活动，"
                        "集中学习有关文件精神，并结合岗位实际开展交流研讨。"),
              gallery(PhotoSpec(f"{unit.short_name}机关党支部主题党日照片", "集中学习研讨", planner.rng.randint(1, 10**6)))],
    ))


def _designation(planner: Planner) -> None:
    published = planner.day(2026, 10, 20)
    villages = [UNITS_BY_KEY[key].short_name for key in VILLAGES if UNITS_BY_KEY[key].parent == "dongshan"]
    planner.add(EntrySpec(
        unit="dongshan", domain=Domain.PARTY, slug="five-star-2026", row=("组织建设", "基层党组织", "党建"),
        title="关于确定2026年度“五星”党支部创建对象的通知", planned_on=published, topic=Topic.PARTY_BUILDING,
        summary="确定" + "、".join(villages) + "党支部为2026年度“五星”党支部创建对象。",
        keywords="五星支部,创建", written_on=published, scope=Scope.SPECIFIC, always=True,
        body=[rich_text("经乡党委研究，确定" + "、".join(villages) + "党支部为2026年度“五星”党支部创建对象，"
                        "请各创建支部对照标准制定创建方案，于年底前接受验收。"),
              key_facts(("公开范围", "对特定党组织公开（各村党支部）"), ("创建对象", f"{len(villages)} 个"))],
    ))
