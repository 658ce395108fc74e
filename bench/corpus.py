"""A synthetic, deterministic corpus of Chinese disclosure entries for benchmarks.

Invented units and amounts, masked people (张某某); nothing is real. About 1,000 characters per
entry, like the entries of county-level disclosure sites: titles from the usual patterns, bodies
from typical sentences with varying numbers, places and dates, and extracted attachment text for
one entry in five.
"""

import datetime
import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
TOWNSHIP_NAMES = ["城关镇", "河西镇", "东坝镇", "青山乡", "石桥镇", "南湖街道", "北塘乡", "柳林镇", "白沙镇",
                  "龙泉乡", "新华街道", "双河镇"]
VILLAGE_STEMS = ["东风", "红星", "柳树", "杨庄", "李家", "前进", "新民", "胜利", "和平", "太平", "长岭", "大湾", "石门",
                 "桃园", "西岗", "马鞍", "清水", "黄土", "高桥", "三合"]
DEPARTMENTS = ["财政局", "民政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "农业农村局", "卫生健康局",
               "教育局", "交通运输局", "水利局", "生态环境局", "市场监督管理局", "应急管理局", "医疗保障局", "审计局",
               "统计局", "司法局", "发展和改革局", "退役军人事务局", "文化和旅游局", "林业局", "商务局", "信访局",
               "乡村振兴局", "数据资源管理局", "税务局", "公安局", "档案馆", "融媒体中心", "机关事务服务中心"]
# Topic families: each entry draws most of its sentences from its own family, as real entries do.
FAMILIES = {
    "assistance": (["最低生活保障", "低保", "特困人员供养", "临时救助", "医疗救助", "残疾人两项补贴", "高龄津贴"], [
        "经个人申请、入户调查、民主评议和{township}审核，拟将{name}等{n}户家庭纳入{topic}范围。",
        "本次{topic}共涉及{n}户{people}人，公示期为{days}个工作日，自{date}起至公示期满。",
        "低保标准由每人每月{money}元提高到{money2}元，特困人员基本生活标准按不低于低保标准的1.3倍确定。",
        "{year}年全年共发放{topic}资金{amount}万元，惠及困难群众{people}人。",
        "对因病、因灾导致基本生活暂时出现严重困难的家庭，及时给予临时救助，户均救助{money}元。",
        "困难残疾人生活补贴和重度残疾人护理补贴标准分别为每人每月{money}元和{money2}元。",
        "八十周岁以上老年人按月发放高龄津贴，本季度共发放{amount2}万元。",
        "民政部门定期开展低保对象动态管理，本年度退出{n}户，新增{m}户。",
        "医疗救助对象住院费用经基本医保、大病保险报销后，按{pct}%比例给予救助。",
    ]),
    "finance": (["三公经费", "部门预算", "部门决算", "财政预决算", "政府采购"], [
        "三公经费支出合计{amount}万元，其中因公出国（境）费{small}万元，公务用车购置及运行费{amount2}万元，公务接待费{amount3}万元。",
        "{year}年一般公共预算支出{amount}万元，比上年{change}{pct}%，主要用于基本支出和项目支出。",
        "决算数比预算数减少的主要原因是厉行节约，严格控制一般性支出。",
        "本年度政府采购预算{amount}万元，实际采购{amount2}万元，节约资金{small}万元。",
        "部门预算按照收支平衡原则编制，收入预算{amount}万元，其中财政拨款{amount2}万元。",
        "机关运行经费支出{amount3}万元，主要用于办公费、印刷费、水电费等。",
        "截至{date}，本单位共有公务用车{n}辆，其中执法执勤用车{m}辆。",
        "国有资产占用情况：房屋建筑面积{area}平方米，固定资产总额{amount}万元。",
    ]),
    "village": (["宅基地审批", "一事一议", "集体资产", "村务财务收支", "债权债务", "收益分配", "土地流转"], [
        "经村民小组讨论、村委会审查、{township}人民政府审批，同意{n}户村民宅基地申请。",
        "{village}村民代表会议于{date}召开，应到代表{n}人，实到{m}人，会议审议通过了{topic}方案。",
        "村务监督委员会对本月收支情况进行了审核，收入{amount}万元，支出{amount2}万元，结余{amount3}万元。",
        "实施一事一议村内道路硬化项目，筹资标准每人{money}元，筹劳每个劳动力{n}个工日。",
        "集体经营性资产{amount}万元，资源性资产{area}亩，债权{amount3}万元，债务{small}万元。",
        "本年度村集体经济收入{amount2}万元，按照章程提取公积公益金后向成员分配。",
        "土地流转面积{area}亩，流转期限{n}年，流转费每亩每年{money}元，合同已备案。",
        "各村要按照四议两公开的要求，规范村级重大事项决策程序。",
        "村级财务实行村账镇代管，每月公开一次收支明细，接受群众监督。",
    ]),
    "agriculture": (["惠农补贴", "耕地地力保护补贴", "高标准农田建设", "乡村振兴", "防返贫监测"], [
        "耕地地力保护补贴按照二轮承包面积发放，每亩补贴{money}元，资金通过一卡通直接发放到户。",
        "高标准农田建设项目总投资{amount}万元，建设面积{area}亩，新建灌溉渠道{km}公里。",
        "防返贫监测对象实行动态管理，本季度新识别监测户{n}户，消除风险{m}户。",
        "惠民惠农财政补贴资金实行一卡通发放，严禁代领冒领、截留挪用。",
        "乡村振兴衔接资金{amount}万元，支持{village}特色产业发展项目{n}个。",
        "种粮农民一次性补贴按实际种植面积核定，补贴标准每亩{money}元。",
        "农机购置补贴资金{amount2}万元，补贴机具{n}台，受益农户{people}户。",
    ]),
    "party": (["任前公示", "干部任免", "三重一大", "党费收缴", "主题党日", "民主评议党员"], [
        "拟任人选{name}，{age}岁，大学学历，现任{unit}{post}，拟任{post2}，公示期为5个工作日。",
        "{unit}严格落实三重一大集体决策制度，本季度召开党委会{n}次，研究重大事项{m}项。",
        "党支部按时收缴党费，本季度应缴{money}元，实缴{money2}元，全部按规定上缴。",
        "本月主题党日活动以学习党的创新理论为主题，应到党员{n}人，实到{m}人。",
        "民主评议党员工作中，评定优秀党员{n}名、合格党员{m}名。",
        "根据党政领导干部选拔任用工作条例，经{unit}党委研究，决定任免以下同志职务。",
        "对公示对象有异议的，可在公示期内向{unit}组织人事部门反映。",
    ]),
    "administration": (["征地拆迁", "棚户区改造", "重大行政决策", "行政许可", "行政处罚", "双随机一公开",
                        "养老保险", "城乡居民医保", "就业补贴"], [
        "{project}征收补偿方案经听证后公布实施，涉及房屋{n}户，补偿资金{amount}万元。",
        "棚户区改造项目计划改造住房{n}套，安置方式为货币补偿和实物安置相结合。",
        "本次重大行政决策事项公开征求意见{days}日，共收到意见建议{n}条，采纳{m}条。",
        "本季度共受理行政许可申请{n}件，办结{m}件，办结率{pct}%。",
        "当事人{name}违反有关规定，依法给予警告并处罚款{money}元。",
        "按照双随机一公开要求，随机抽取检查对象{n}家，发现问题{m}个，已责令整改。",
        "城乡居民基本养老保险参保{people}人，基础养老金每人每月{money}元。",
        "城乡居民医保个人缴费标准为每人每年{money}元，财政补助{money2}元。",
        "发放一次性吸纳就业补贴{amount3}万元，惠及企业{n}家、高校毕业生{m}人。",
    ]),
}
TOPICS = [topic for topics, _sentences in FAMILIES.values() for topic in topics]
FAMILY_OF = {topic: family for family, (topics, _sentences) in FAMILIES.items() for topic in topics}
POLICIES = ["农村低保", "宅基地管理", "财政专项资金", "政府信息公开", "村级财务", "公务接待", "公务用车", "惠民惠农补贴",
            "集体经济组织", "重大事项决策", "政务服务", "安全生产", "河湖长制", "林长制", "人居环境整治"]
TITLE_PATTERNS = [
    "{unit}关于{year}年{topic}情况的公示",
    "{unit}{year}年第{quarter}季度{topic}公开",
    "关于印发《{short}{policy}管理办法》的通知",
    "政策解读：《{short}关于进一步加强{policy}工作的实施意见》",
    "{unit}{year}年{month}月{topic}公开",
    "{unit}{year}年{topic}工作总结",
    "{unit}关于{topic}对象名单的公示",
    "{unit}{year}年度{topic}资金使用情况",
    "{short}{year}年{topic}实施方案",
    "关于{project}{topic}结果的公告",
]
GENERIC_SENTENCES = [
    "根据《{law}》有关规定，现将{unit}{year}年{topic}有关情况公开如下。",
    "如对公示内容有异议，请在公示期内向{unit}{office}反映，联系电话：0571-8{phone}。",
    "{unit}坚持公开为常态、不公开为例外，全年主动公开政府信息{n}条，办理依申请公开{m}件。",
    "申请人{name}于{date}提出申请，经审核符合条件，予以{decision}。",
    "项目名称：{project}，建设地点：{township}，总投资{amount}万元，预计{year}年底完工。",
    "对不予公开的信息，已告知申请人理由及法律依据，并告知其依法享有的救济权利。",
    "下一步，{unit}将持续深化{topic}工作，接受社会监督，回应群众关切。",
    "附件：{topic}明细表（已作去标识化处理）。",
    "本信息由{unit}{office}负责解释，自发布之日起施行。",
]
PROJECT_SYLLABLES = "金银玉龙凤泉溪湾桥林松竹梅兰荷桂丰安康宁和顺兴旺盛华新南北东西中上下"
PROJECT_KINDS = ["路", "小区", "安置房", "工业园", "农贸市场", "水库", "公园", "学校", "卫生院", "污水处理厂"]
LAWS = ["中华人民共和国政府信息公开条例", "中国共产党党务公开条例（试行）", "中华人民共和国村民委员会组织法",
        "社会救助暂行办法", "中华人民共和国预算法", "党政领导干部选拔任用工作条例", "中华人民共和国土地管理法"]
MEETINGS = ["党委会", "常务会议", "村民代表会议", "党组会议", "专题会议"]
OFFICES = ["办公室", "纪检监察室", "党政综合办公室", "社会事务办公室"]
POSTS = ["副主任", "科长", "副镇长", "副局长", "主任科员", "党支部书记"]
DOMAINS = (("government", 0.5), ("village", 0.3), ("party", 0.2))
PARTY_SCOPES = (("public", 0.6), ("all_members", 0.2), ("unit_members", 0.15), ("specific", 0.05))


def organisations() -> dict[int, tuple[str, list[int], str]]:
    """id → (name, ancestor ids including itself, kind): county, departments, townships, villages."""
    orgs = {1: ("城南县人民政府", [1], "county")}
    next_id = 2
    for department in DEPARTMENTS:
        orgs[next_id] = (f"城南县{department}", [1, next_id], "department")
        next_id += 1
    for township in TOWNSHIP_NAMES:
        township_id = next_id
        orgs[township_id] = (f"{township}人民政府", [1, township_id], "township")
        next_id += 1
        for stem in VILLAGE_STEMS[:15]:
            prefix = township[:-1] if township.endswith("镇") else township
            orgs[next_id] = (f"{prefix}{stem}村", [1, township_id, next_id], "village")
            next_id += 1
    return orgs


def _pick(rng, weighted):
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _fill(rng, pattern: str, context: dict) -> str:
    values = dict(context)
    values.update({
        "n": rng.randint(2, 300), "m": rng.randint(1, 200), "amount": f"{rng.uniform(1, 9000):.2f}",
        "amount2": f"{rng.uniform(1, 900):.2f}", "amount3": f"{rng.uniform(0.5, 300):.2f}",
        "small": f"{rng.uniform(0, 20):.2f}", "pct": f"{rng.uniform(0.5, 30):.1f}", "days": rng.choice([5, 7, 10]),
        "people": rng.randint(3, 900), "phone": rng.randint(1000000, 9999999), "age": rng.randint(28, 52),
        "km": f"{rng.uniform(0.5, 12):.1f}", "km2": f"{rng.uniform(0.2, 5):.1f}", "money": rng.randint(60, 900),
        "money2": rng.randint(60, 1200), "law": rng.choice(LAWS), "meeting": rng.choice(MEETINGS),
        "office": rng.choice(OFFICES), "post": rng.choice(POSTS), "post2": rng.choice(POSTS),
        "name": f"{rng.choice(SURNAMES)}某某", "decision": rng.choice(["公开", "部分公开", "办理"]),
        "area": rng.randint(20, 50000), "change": rng.choice(["增长", "减少"]),
        "date": f"{context['year']}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    })
    return pattern.format(**values)


def generate(count: int, seed: int = 20260301):
    """Yield ``count`` search documents (dicts as search.schema.EntryDocument), deterministic for a seed."""
    rng = random.Random(seed)
    orgs = organisations()
    org_ids = list(orgs)
    start = datetime.date(2018, 1, 1).toordinal()
    span = datetime.date(2026, 6, 30).toordinal() - start
    for doc_id in range(1, count + 1):
        org_id = rng.choice(org_ids)
        name, ancestors, kind = orgs[org_id]
        domain = "village" if kind == "village" and rng.random() < 0.7 else _pick(rng, DOMAINS)
        if kind != "village" and domain == "village":
            domain = "government"
        scope = _pick(rng, PARTY_SCOPES) if domain == "party" else "public"
        published = datetime.date.fromordinal(start + rng.randrange(span))
        topic = rng.choice(TOPICS)
        township = orgs[ancestors[1]][0].replace("人民政府", "") if len(ancestors) > 1 else "城关镇"
        context = {"unit": name, "short": name.replace("人民政府", ""), "year": published.year, "topic": topic,
                   "policy": rng.choice(POLICIES), "quarter": (published.month - 1) // 3 + 1,
                   "month": published.month, "village": name if kind == "village" else f"{township}东风村",
                   "township": township}
        context["project"] = "".join(rng.sample(PROJECT_SYLLABLES, 2)) + rng.choice(PROJECT_KINDS)
        own = FAMILIES[FAMILY_OF[topic]][1]
        title = _fill(rng, rng.choice(TITLE_PATTERNS), context)
        sentences = [rng.choice(own) for _ in range(rng.randint(12, 22))]
        sentences += [rng.choice(GENERIC_SENTENCES) for _ in range(rng.randint(4, 8))]
        rng.shuffle(sentences)
        body = "".join(_fill(rng, sentence, context) for sentence in sentences)
        attachments = ""
        if rng.random() < 0.2:
            attachments = "".join(_fill(rng, rng.choice(own), context) for _ in range(rng.randint(4, 10)))
        item_top = 1000 + org_id * 10 + TOPICS.index(topic) % 5
        item = item_top * 10 + rng.randint(1, 4)
        yield {
            "id": doc_id, "title": title, "summary": body[:60], "keywords": topic, "body": body,
            "attachments": attachments, "domain": domain, "organisation_id": org_id, "organisation_ids": ancestors,
            "catalogue_item_id": item, "catalogue_item_ids": [item_top, item],
            "disclosure_attribute": "proactive" if rng.random() < 0.93 else "on_application",
            "validity": "valid" if rng.random() < 0.9 else rng.choice(["amended", "repealed", "expired"]),
            "published_on": published, "written_on": published - datetime.timedelta(days=rng.randint(0, 20)),
            "year": published.year, "document_number": f"城政发〔{published.year}〕{rng.randint(1, 200)}号",
            "index_number": f"330100-{org_id:03d}-{item}-{published.year}-{doc_id:06d}", "scope": scope,
            "url": f"/entries/{doc_id}/",
        }


QUERY_TEXTS = [
    "低保", "预算", "公示", "三公经费", "宅基地", "一事一议", "集体资产", "惠农补贴", "任前公示", "村务监督委员会",
    "政策解读", "财政预决算", "公开目录", "党费", "征地拆迁", "耕地地力保护补贴", "防返贫监测", "养老保险",
    "东风村 宅基地", "2025 部门预算", "城关镇 低保 名单", "河西镇 集体资产", "公务接待费", "道路硬化 项目",
    "特困人员 供养", "行政处罚 决定", "政府采购 预算", "民主评议党员", "村民代表会议 审议", "低保标准 提高",
    "财政局 2024 决算", "红星村 村务 财务", "棚户区改造 补偿", "高标准农田", "土地流转 合同", "信息公开 年度报告",
    "重大行政决策", "双随机一公开", "残疾人两项补贴", "申请 予以公开",
]
