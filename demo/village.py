"""Village affairs (村务公开) of the six demo villages: monthly or quarterly accounts, decisions of the
villagers' representatives, projects, subsidies and the supervision committee's report."""

import datetime

from blocks import ColumnKind
from cms.models import Domain, Topic

from . import legal
from cms.demo.body import (
    FileSpec, PhotoSpec, amount, attachments, financial_table, gallery, key_facts, money, rich_text, rich_text_list,
)
from cms.demo.files import Sheet
from .organisations import UNITS, UNITS_BY_KEY
from .plan import (
    FIRST_MONTH, LAST_MONTH, QUARTER_NAMES, EntrySpec, Planner, months, next_month, quarter_of,
    village_committee_name,
)

VILLAGES = tuple(spec.key for spec in UNITS if spec.level == "village")
# Villages with many transactions publish their accounts monthly (村委会组织法 §30); the others quarterly.
MONTHLY_ACCOUNTS = ("dongshan_village", "nanjie")

INCOME = (
    ("收到村集体厂房租金", 8000, 30000),
    ("收到上级拨付村级组织运转经费", 20000, 60000),
    ("收到农田流转租金", 5000, 20000),
    ("收到村级光伏电站发电收益", 2000, 8000),
    ("收到集体山林承包费", 3000, 12000),
    ("收到银行存款利息", 100, 600),
)
EXPENDITURE = (
    ("支付保洁员劳务费", 3000, 6000),
    ("支付办公用品及报刊费", 300, 1500),
    ("支付村道路灯电费", 500, 2000),
    ("支付水渠清淤工程款", 5000, 20000),
    ("支付村民代表会议误工补贴", 500, 1500),
    ("支付困难群众走访慰问金", 1000, 4000),
    ("支付文化礼堂活动费用", 500, 3000),
    ("支付垃圾清运费", 1500, 4000),
)
PROJECTS = (
    ("村道硬化提升工程", "对村内主干道进行拓宽硬化，铺设沥青路面并完善排水边沟"),
    ("文化礼堂提升改造", "对文化礼堂屋面、舞台和灯光音响进行改造，增设农家书屋阅览区"),
    ("农田水利沟渠修缮", "修缮灌溉渠道并新建机耕路，改善农田灌溉条件"),
    ("生活污水管网改造", "新建和改造生活污水收集管网，接入终端处理设施"),
    ("老年食堂建设", "利用闲置村集体用房建设老年食堂，为高龄老人提供助餐服务"),
    ("垃圾分类收集亭建设", "新建垃圾分类收集亭并配置分类垃圾桶"),
)
DECISIONS = (
    ("关于村集体闲置厂房对外公开招租的决议", "闲置厂房通过县农村产权交易平台公开招租，租期五年，底价由第三方评估确定"),
    ("关于村级公益事业一事一议筹资筹劳方案的决议", "按照自愿、量力、受益原则筹资筹劳，用于村内道路养护"),
    ("关于村集体经营性收益分配方案的决议", "提取公积公益金后，按股份向本村集体经济组织成员分配"),
    ("关于集体土地经营权流转的决议", "将村集体机动地经营权流转给农业专业合作社，流转期限十年"),
)
GROUPS = ("第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组", "第五村民小组")


def villages_of(township: str) -> list[str]:
    return [key for key in VILLAGES if UNITS_BY_KEY[key].parent == township]


def plan(planner: Planner) -> None:
    for key in VILLAGES:
        _accounts(planner, key)
        for year in (2025, 2026):
            _decision(planner, key, year)
            _project(planner, key, year)
            _subsidy(planner, key, year)
        _supervision(planner, key)


def _ledger(planner: Planner, incomes: int, expenses: int) -> list[list]:
    rows = []
    for text, low, high in planner.rng.sample(INCOME, incomes):
        rows.append([text, planner.amount(low, high), None])
    for text, low, high in planner.rng.sample(EXPENDITURE, expenses):
        rows.append([text, None, planner.amount(low, high)])
    return rows


def _accounts(planner: Planner, key: str) -> None:
    village = UNITS_BY_KEY[key]
    balance = planner.amount(150000, 600000)
    monthly = key in MONTHLY_ACCOUNTS
    periods = [(y, m) for y, m in months(FIRST_MONTH, LAST_MONTH) if monthly or m % 3 == 0]
    for year, month in periods:
        if monthly:
            period, slug = f"{year}年{month}月", f"accounts-{year}-{month:02d}"
            rows = _ledger(planner, planner.rng.randint(2, 3), planner.rng.randint(3, 5))
        else:
            period, slug = f"{year}年第{QUARTER_NAMES[quarter_of(month)]}季度", f"accounts-{year}-q{quarter_of(month)}"
            rows = _ledger(planner, planner.rng.randint(3, 5), planner.rng.randint(5, 7))
        income = sum(row[1] or 0 for row in rows)
        spent = sum(row[2] or 0 for row in rows)
        opening, balance = balance, balance + income - spent
        publish_year, publish_month = next_month(year, month)
        published = planner.day(publish_year, publish_month, planner.rng.randint(5, 12))
        title = f"{village.short_name}{period}村级财务收支公开"
        body = [
            rich_text(f"根据村务公开有关规定，经村务监督委员会审核，现将本村{period}财务收支情况予以公开。"
                      f"村民对公开内容如有疑问，可在公开之日起10日内向村务监督委员会反映。"),
            financial_table(f"{village.short_name}{period}收支明细",
                            [("摘要", ColumnKind.TEXT), ("收入", ColumnKind.AMOUNT), ("支出", ColumnKind.AMOUNT)],
                            rows),
            key_facts(("期初余额", f"{money(opening)} 元"), ("本期收入", f"{money(income)} 元"),
                      ("本期支出", f"{money(spent)} 元"), ("期末余额", f"{money(balance)} 元")),
        ]
        if not monthly or month % 3 == 0:
            sheet = Sheet(("摘要", "收入（元）", "支出（元）"),
                          tuple((text, amount(i) if i else "", amount(e) if e else "") for text, i, e in rows))
            body.append(attachments(
                FileSpec(f"{title}明细表", "xlsx", sheet=sheet),
                FileSpec(f"{title}记账凭证汇总", "pdf", lines=(title, "记账凭证汇总表", *(
                    f"{index}. {text}  {money(i or e)} 元" for index, (text, i, e) in enumerate(rows, start=1)))),
            ))
        if not monthly:
            body.append(legal.village_disclosure())
        planner.add(EntrySpec(
            unit=key, domain=Domain.VILLAGE, slug=slug, row=("财务收支", "财务", "收支"), title=title,
            summary=f"{village.short_name}{period}村级集体经济组织财务收支情况，本期收入{money(income)}元，"
                    f"支出{money(spent)}元。",
            planned_on=published, topic=Topic.FINANCE, keywords="村级财务,收支公开,村务公开",
            period_covered=period, written_on=published - datetime.timedelta(days=2), body=body,
        ))


def _decision(planner: Planner, key: str, year: int) -> None:
    village = UNITS_BY_KEY[key]
    name, detail = planner.rng.choice(DECISIONS)
    month = planner.rng.randint(3, 10)
    meeting = planner.day(year, month, planner.rng.randint(1, 15))
    published = planner.later(meeting, 2)
    attendees = planner.rng.randint(25, 40)
    present = attendees - planner.rng.randint(0, 4)
    agreed = present - planner.rng.randint(0, 3)
    start, end = planner.notice(published, 5)
    planner.add(EntrySpec(
        unit=key, domain=Domain.VILLAGE, slug=f"decision-{year}", row=("重大事项", "决策", "四议两公开", "村务"),
        title=f"{village.short_name}{name}公示",
        summary=f"经村党组织提议、村“两委”会议商议、党员大会审议、村民代表会议决议，{detail}。现予公示。",
        planned_on=published, topic=Topic.AGRICULTURE, keywords="四议两公开,村民代表会议,决议公示",
        written_on=meeting, notice_start=start, notice_end=end, information_formed_on=meeting,
        body=[
            rich_text(f"{meeting.month}月{meeting.day}日，{village.short_name}召开村民代表会议，"
                      f"按照“四议两公开”程序对有关事项进行表决。{detail}。",
                      f"公示期为{start.month}月{start.day}日至{end.month}月{end.day}日。公示期间，村民如有异议，"
                      "可向村务监督委员会书面反映。"),
            key_facts(("应到村民代表", f"{attendees} 人"), ("实到村民代表", f"{present} 人"),
                      ("同意", f"{agreed} 票"), ("不同意或弃权", f"{present - agreed} 票")),
            legal.village_disclosure(),
        ],
    ))


def _project(planner: Planner, key: str, year: int) -> None:
    village = UNITS_BY_KEY[key]
    name, detail = planner.rng.choice(PROJECTS)
    month = planner.rng.randint(4, 11)
    published = planner.day(year, month, planner.rng.randint(10, 25))
    county_fund = planner.amount(200, 800) * 1000
    village_fund = planner.amount(50, 200) * 1000
    photo_count = planner.rng.randint(2, 3)
    planner.add(EntrySpec(
        unit=key, domain=Domain.VILLAGE, slug=f"project-{year}", row=("工程建设项目", "工程", "项目"),
        title=f"{village.short_name}{year}年{name}项目实施情况公开",
        summary=f"{village.short_name}{name}项目{detail}。项目总投资{money(county_fund + village_fund)}元，现公开实施进度和资金使用情况。",
        planned_on=published, topic=Topic.PLANNING, keywords=f"{name},项目建设,资金使用",
        period_covered=f"{year}年", written_on=published,
        body=[
            rich_text(f"{name}项目经村民代表会议决议并报{village.township}人民政府审核同意后实施。"
                      f"项目{detail}，采用公开比选方式确定施工单位，目前已完成主体工程。"),
            key_facts(("项目总投资", f"{money(county_fund + village_fund)} 元"),
                      ("计划工期", f"{planner.rng.randint(60, 180)} 天"), ("实施方式", "公开比选"),
                      ("项目负责人", village_committee_name(key))),
            financial_table("资金来源", [("来源", ColumnKind.TEXT), ("金额", ColumnKind.AMOUNT)],
                            [["县级财政补助资金", county_fund], ["村集体自筹资金", village_fund]]),
            gallery(*(PhotoSpec(f"{village.short_name}{name}现场照片{index}", caption, planner.rng.randint(1, 10**6))
                      for index, caption in enumerate(("施工前", "施工中", "完工后")[:photo_count], start=1))),
        ],
    ))


def _subsidy(planner: Planner, key: str, year: int) -> None:
    village = UNITS_BY_KEY[key]
    published = planner.day(year, 6, planner.rng.randint(10, 25))
    rows = []
    for group in GROUPS[:planner.rng.randint(3, 5)]:
        households = planner.rng.randint(30, 80)
        rows.append([group, households, households * planner.amount(300, 900)])
    planner.add(EntrySpec(
        unit=key, domain=Domain.VILLAGE, slug=f"subsidy-{year}", row=("补贴", "惠农", "资金"),
        title=f"{village.short_name}{year}年耕地地力保护补贴发放情况公开",
        summary=f"{village.short_name}{year}年耕地地力保护补贴已通过惠民惠农财政补贴资金“一卡通”发放到户，现按村民小组公开汇总情况。",
        planned_on=published, topic=Topic.AGRICULTURE, keywords="耕地地力保护补贴,一卡通,惠农补贴",
        period_covered=f"{year}年", written_on=published,
        body=[
            rich_text("补贴资金按照确权承包面积核定，经村民小组公示无异议后，由县财政通过“一卡通”直接发放到户。"
                      "各户明细可到村务公开查阅点查询。"),
            financial_table(f"{year}年耕地地力保护补贴发放汇总",
                            [("村民小组", ColumnKind.TEXT), ("户数", ColumnKind.INTEGER), ("补贴金额", ColumnKind.AMOUNT)],
                            rows),
        ],
    ))


def _supervision(planner: Planner, key: str) -> None:
    village = UNITS_BY_KEY[key]
    published = planner.day(2026, 1, planner.rng.randint(12, 25))
    planner.add(EntrySpec(
        unit=key, domain=Domain.VILLAGE, slug="supervision-2025", row=("监督", "村务监督委员会", "村务"),
        title=f"{village.short_name}村务监督委员会2025年度工作情况公开",
        summary=f"{village.short_name}村务监督委员会2025年度履行监督职责情况，包括财务审核、工程项目监督和村务公开检查。",
        planned_on=published, topic=Topic.AGRICULTURE, keywords="村务监督委员会,年度报告",
        period_covered="2025年", written_on=published,
        body=[
            rich_text_list("2025年，村务监督委员会围绕村级“三资”管理和重大事项决策开展监督：", [
                f"审核村级财务票据{planner.rng.randint(180, 400)}张，对{planner.rng.randint(2, 6)}张不规范票据提出整改意见；",
                f"列席村“两委”会议和村民代表会议{planner.rng.randint(8, 16)}次；",
                f"对{planner.rng.randint(2, 4)}个村级工程项目开展全过程监督；",
                "按季度检查村务公开栏更新情况，督促及时公开。",
            ]),
            gallery(PhotoSpec(f"{village.short_name}村务监督委员会工作照片", "村务监督委员会审核村级财务票据",
                              planner.rng.randint(1, 10**6))),
        ],
    ))
