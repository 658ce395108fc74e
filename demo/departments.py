"""Government affairs of the departments: the county departments' own work (budget execution, social
assistance, land, subsidies, public welfare posts, housing) and the township departments' subsidies."""

from blocks import ColumnKind
from cms.models import Domain, LinkKind, Topic

from . import legal
from .annual import annual_report, budget, final_accounts
from cms.demo.body import financial_table, key_facts, person_list, rich_text
from .organisations import UNITS, UNITS_BY_KEY
from .plan import EntrySpec, LinkSpec, Planner
from .village import villages_of

YEARS = (2025, 2026)
COUNTY_DEPARTMENTS = tuple(s.key for s in UNITS if s.level == "department" and s.parent == "county")
TOWNSHIPS = tuple(s.key for s in UNITS if s.level == "township")
DOCUMENT_PREFIXES = {"civil_affairs": "县民"}


def plan(planner: Planner) -> None:
    for key in COUNTY_DEPARTMENTS:
        for year in YEARS:
            budget(planner, key, year)
            final_accounts(planner, key, year - 1)
            annual_report(planner, key, year - 1, due_month=1)
    _finance(planner)
    _civil_affairs(planner)
    _natural_resources(planner)
    _agriculture(planner)
    _human_resources(planner)
    _housing(planner)
    _township_departments(planner)


def _finance(planner: Planner) -> None:
    for year in YEARS:
        for quarter in range(1, 5):
            month = quarter * 3
            publish_year, publish_month = (year + 1, 1) if quarter == 4 else (year, month + 1)
            published = planner.day(publish_year, publish_month, planner.rng.randint(12, 20))
            rows = []
            for label, low, high in (("税收收入", 180000, 260000), ("非税收入", 40000, 90000),
                                     ("一般公共预算支出", 300000, 450000)):
                current = planner.amount(low, high) * quarter / 100
                previous = current / planner.rng.uniform(0.92, 1.12)
                rows.append([label, current, round(previous, 2), f"{(current / previous - 1) * 100:.1f}"])
            period = f"{year}年1—{month}月"
            planner.add(EntrySpec(
                unit="finance", domain=Domain.GOVERNMENT, slug=f"budget-execution-{year}-q{quarter}",
                row=("预算执行", "财政收支", "财政"), title=f"{period}全县一般公共预算收支执行情况",
                summary=f"{period}全县一般公共预算收支执行情况。", planned_on=published, topic=Topic.FINANCE,
                keywords="预算执行,财政收支", period_covered=period, written_on=published,
                body=[financial_table(f"{period}一般公共预算收支执行情况",
                                      [("项目", ColumnKind.TEXT), ("本年累计", ColumnKind.AMOUNT),
                                       ("上年同期", ColumnKind.AMOUNT), ("增长率", ColumnKind.PERCENT)],
                                      [[label, round(a, 2), b, c] for label, a, b, c in rows], unit="ten_thousand_yuan",
                                      totals=False)],
            ))


def _civil_affairs(planner: Planner) -> None:
    old = planner.add(EntrySpec(
        unit="civil_affairs", domain=Domain.GOVERNMENT, slug="subsistence-standard-2025", always=True,
        row=("低保", "社会救助", "救助"), title="关于公布2025年城乡居民最低生活保障标准的通知",
        document_number=planner.document_number(DOCUMENT_PREFIXES["civil_affairs"], 2025),
        summary="自2025年7月1日起，全县城乡居民最低生活保障标准统一为每人每月1,010元。",
        planned_on=planner.day(2025, 6, 20), written_on=planner.day(2025, 6, 16), topic=Topic.SOCIAL_SECURITY,
        keywords="低保标准,社会救助",
        body=[rich_text("经县人民政府同意，自2025年7月1日起，全县城乡居民最低生活保障标准统一为每人每月1,010元。"),
              key_facts(("低保标准", "1,010 元/人·月"), ("执行时间", "2025年7月1日起"))],
    ))
    planner.add(EntrySpec(
        unit="civil_affairs", domain=Domain.GOVERNMENT, slug="subsistence-standard-2026", always=True,
        row=old.row, title="关于调整2026年城乡居民最低生活保障标准的通知",
        document_number=planner.document_number(DOCUMENT_PREFIXES["civil_affairs"], 2026),
        summary="自2026年7月1日起，全县城乡居民最低生活保障标准由每人每月1,010元调整为1,060元。",
        planned_on=planner.day(2026, 6, 19), written_on=planner.day(2026, 6, 15), topic=Topic.SOCIAL_SECURITY,
        keywords="低保标准,社会救助", links=[LinkSpec(LinkKind.AMENDS, "civil_affairs", old.slug)],
        body=[rich_text("经县人民政府同意，自2026年7月1日起调整全县城乡居民最低生活保障标准，"
                        "原标准同时停止执行。"),
              key_facts(("低保标准", "1,060 元/人·月"), ("原标准", "1,010 元/人·月"), ("执行时间", "2026年7月1日起")),
              legal.time_limit()],
    ))
    for year in YEARS:
        for half in (1, 2):
            published = planner.day(year + (half == 2), 1 if half == 2 else 7, planner.rng.randint(10, 20))
            rows = [[UNITS_BY_KEY[t].short_name, planner.amount(80, 260), planner.amount(900000, 2600000) / 10]
                    for t in TOWNSHIPS]
            period = f"{year}年{'上' if half == 1 else '下'}半年"
            planner.add(EntrySpec(
                unit="civil_affairs", domain=Domain.GOVERNMENT, slug=f"assistance-{year}-h{half}",
                row=("社会救助", "救助", "资金"), title=f"{period}全县社会救助资金发放情况",
                summary=f"{period}全县城乡低保、特困供养等社会救助资金发放情况。", planned_on=published,
                topic=Topic.SOCIAL_SECURITY, keywords="社会救助,资金发放", period_covered=period, written_on=published,
                body=[financial_table(f"{period}社会救助资金发放情况（按乡镇）",
                                      [("乡镇", ColumnKind.TEXT), ("低保户数", ColumnKind.INTEGER),
                                       ("发放金额", ColumnKind.AMOUNT)], rows)],
            ))


def _natural_resources(planner: Planner) -> None:
    for year in YEARS:
        for index, month in enumerate((5, 10), start=1):
            published = planner.day(year, month, planner.rng.randint(5, 25))
            area = planner.amount(8000, 60000)
            price = planner.amount(800, 4000)
            use = planner.rng.choice(("工业用地", "商服用地", "城镇住宅用地"))
            planner.add(EntrySpec(
                unit="natural_resources", domain=Domain.GOVERNMENT, slug=f"land-transfer-{year}-{index}",
                row=("公共资源交易", "出让"), title=f"示范县国有建设用地使用权出让结果公示（{year}年第{index}批）",
                summary=f"{use}一宗，出让面积{area}平方米，成交价{price}万元。", planned_on=published,
                topic=Topic.LAND, keywords="国有建设用地,出让结果", written_on=published,
                body=[key_facts(("宗地位置", f"示范县{UNITS_BY_KEY[planner.rng.choice(TOWNSHIPS)].short_name}"),
                                ("土地用途", use), ("出让面积", f"{area} 平方米"), ("成交价", f"{price} 万元"),
                                ("出让方式", "挂牌出让")),
                      legal.proactive_disclosure()],
            ))


def _agriculture(planner: Planner) -> None:
    for year in YEARS:
        published = planner.day(year, 5, planner.rng.randint(10, 25))
        rows = [[UNITS_BY_KEY[t].short_name, planner.amount(1500, 4000), planner.amount(150, 420) * 1000]
                for t in TOWNSHIPS]
        planner.add(EntrySpec(
            unit="agriculture", domain=Domain.GOVERNMENT, slug=f"subsidy-allocation-{year}", row=("补贴", "惠农", "资金"),
            title=f"{year}年全县耕地地力保护补贴资金分配情况", period_covered=f"{year}年",
            summary=f"{year}年全县耕地地力保护补贴资金按乡镇分配情况。", planned_on=published,
            topic=Topic.AGRICULTURE, keywords="耕地地力保护补贴,资金分配", written_on=published,
            body=[financial_table(f"{year}年耕地地力保护补贴资金分配表",
                                  [("乡镇", ColumnKind.TEXT), ("补贴户数", ColumnKind.INTEGER),
                                   ("分配金额", ColumnKind.AMOUNT)], rows)],
        ))


def _human_resources(planner: Planner) -> None:
    for year in YEARS:
        published = planner.day(year, 8, planner.rng.randint(5, 20))
        start, end = planner.notice(published, 5)
        people = [planner.person(f"示范县{UNITS_BY_KEY[planner.rng.choice(TOWNSHIPS)].short_name}居民",
                                 planner.rng.choice(("公益性岗位（道路保洁）", "公益性岗位（公共设施维护）",
                                                     "公益性岗位（社区服务）")),
                                 ages=(35, 55), education="高中")
                  for _ in range(planner.rng.randint(3, 6))]
        planner.add(EntrySpec(
            unit="human_resources", domain=Domain.GOVERNMENT, slug=f"public-welfare-posts-{year}",
            row=("公益性岗位", "就业"), title=f"{year}年公益性岗位拟聘用人员公示",
            summary=f"经报名、资格审核和面试，拟聘用{len(people)}名人员到公益性岗位工作，现予公示。",
            planned_on=published, topic=Topic.SOCIAL_SECURITY, keywords="公益性岗位,拟聘用,公示",
            written_on=published, notice_start=start, notice_end=end,
            body=[person_list(f"{year}年公益性岗位拟聘用人员名单",
                              f"公示期为{start.month}月{start.day}日至{end.month}月{end.day}日。"
                              "如有异议，请在公示期内以书面形式向县人力资源和社会保障局反映。", people)],
        ))


def _housing(planner: Planner) -> None:
    for year in YEARS:
        published = planner.day(year, 11, planner.rng.randint(3, 12))
        families = planner.amount(40, 120)
        planner.add(EntrySpec(
            unit="housing", domain=Domain.GOVERNMENT, slug=f"rental-housing-{year}", row=("住房保障", "住房"),
            title=f"{year}年保障性租赁住房配租结果公告", period_covered=f"{year}年",
            summary=f"{year}年保障性租赁住房公开摇号配租{families}户。", planned_on=published,
            topic=Topic.SOCIAL_SECURITY, keywords="保障性租赁住房,配租", written_on=published,
            withdrawal_reason="配租名单经复核需调整，原公告撤回，复核结果另行公告。" if year == 2025 else "",
            body=[rich_text(f"{year}年保障性租赁住房配租工作在公证机构监督下公开摇号，现将结果公告如下。"
                            "配租家庭明细已在县政务服务中心公开查阅点公布。"),
                  key_facts(("配租房源", f"{families} 套"), ("配租家庭", f"{families} 户"), ("摇号方式", "计算机公开摇号"))],
        ))


def _township_departments(planner: Planner) -> None:
    for key in ("chengguan_finance", "qingxi_finance"):
        name = UNITS_BY_KEY[key].short_name
        for year in YEARS:
            for half in (1, 2):
                published = planner.day(year + (half == 2), 1 if half == 2 else 7, planner.rng.randint(8, 22))
                period = f"{year}年{'上' if half == 1 else '下'}半年"
                rows = [[item, planner.amount(100, 900), planner.amount(20000, 400000)]
                        for item in ("耕地地力保护补贴", "城乡居民养老保险补贴", "高龄津贴", "困难残疾人生活补贴")]
                planner.add(EntrySpec(
                    unit=key, domain=Domain.GOVERNMENT, slug=f"one-card-{year}-h{half}", row=("补贴", "惠民惠农", "资金"),
                    title=f"{name}{period}惠民惠农财政补贴资金“一卡通”发放情况",
                    summary=f"{period}通过“一卡通”发放的惠民惠农补贴资金汇总情况。", planned_on=published,
                    topic=Topic.FINANCE, keywords="一卡通,惠民惠农补贴", period_covered=period, written_on=published,
                    body=[financial_table(f"{period}“一卡通”补贴资金发放汇总",
                                          [("补贴项目", ColumnKind.TEXT), ("发放人次", ColumnKind.INTEGER),
                                           ("发放金额", ColumnKind.AMOUNT)], rows)],
                ))
    for year in YEARS:
        published = planner.day(year, 12 if year == 2025 else 10, planner.rng.randint(5, 15))
        rows = [[UNITS_BY_KEY[v].short_name, planner.amount(40, 120), 0] for v in villages_of("chengguan")]
        for row in rows:
            row[2] = row[1] * 600
        planner.add(EntrySpec(
            unit="chengguan_social", domain=Domain.GOVERNMENT, slug=f"longevity-allowance-{year}",
            row=("高龄津贴",), title=f"城关镇{year}年高龄津贴发放情况",
            summary=f"城关镇{year}年80周岁以上老年人高龄津贴发放情况（按村汇总）。", planned_on=published,
            topic=Topic.SOCIAL_SECURITY, keywords="高龄津贴", period_covered=f"{year}年", written_on=published,
            body=[financial_table(f"{year}年高龄津贴发放汇总", [("村（社区）", ColumnKind.TEXT),
                                                             ("发放人数", ColumnKind.INTEGER),
                                                             ("发放金额", ColumnKind.AMOUNT)], rows)],
        ))
        published = planner.day(year, 4, planner.rng.randint(8, 25))
        start, end = planner.notice(published, 5)
        rows = [[item, planner.amount(1, 8), 0] for item in ("微耕机", "插秧机", "植保无人飞机", "谷物烘干机")]
        for row in rows:
            row[2] = row[1] * planner.amount(2000, 9000)
        planner.add(EntrySpec(
            unit="dongshan_agriculture", domain=Domain.GOVERNMENT, slug=f"machinery-subsidy-{year}",
            row=("补贴", "农机", "资金"), title=f"东山乡{year}年农机购置补贴申请情况公示",
            summary=f"东山乡{year}年农机购置与应用补贴申请情况（按机具品目汇总），现予公示。",
            planned_on=published, topic=Topic.AGRICULTURE, keywords="农机购置补贴,公示", written_on=published,
            notice_start=start, notice_end=end,
            body=[financial_table(f"{year}年农机购置补贴申请汇总", [("机具品目", ColumnKind.TEXT),
                                                                 ("台数", ColumnKind.INTEGER),
                                                                 ("补贴额", ColumnKind.AMOUNT)], rows)],
        ))
