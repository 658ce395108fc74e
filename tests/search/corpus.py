"""A small, realistic corpus of disclosure entries (invented units, no real people's data).

Organisations (id: name, ancestors):
  1 城南县 (county) → 2 城关镇 (township) → 3 东风村 (village)
  1 → 4 县财政局, 5 县民政局, 8 县卫生健康局 (departments)
  1 → 6 河西镇 → 7 柳树村
Catalogue items (id: name, ancestors): 100 财政信息 → 101 部门预算, 102 三公经费;
  200 社会救助 → 201 低保; 300 村务公开 → 301 财务收支, 302 宅基地; 400 党务公开 → 401 干部任免,
  402 重大决策; 500 政策文件 → 501 政策解读.
"""

import datetime

ORG_ANCESTORS = {1: [1], 2: [1, 2], 3: [1, 2, 3], 4: [1, 4], 5: [1, 5], 6: [1, 6], 7: [1, 6, 7], 8: [1, 8]}
CATALOGUE_ANCESTORS = {101: [100, 101], 102: [100, 102], 201: [200, 201], 301: [300, 301], 302: [300, 302],
                       401: [400, 401], 402: [400, 402], 501: [500, 501]}


def entry(id, title, body, *, org, item, domain="government", scope="public", day=(2026, 3, 1), summary="",
          attribute="proactive", validity="valid", attachments="", document_number=""):
    published = datetime.date(*day)
    return {
        "id": id, "title": title, "summary": summary, "body": body, "attachments": attachments,
        "domain": domain, "organisation_id": org, "organisation_ids": ORG_ANCESTORS[org],
        "catalogue_item_id": item, "catalogue_item_ids": CATALOGUE_ANCESTORS[item],
        "disclosure_attribute": attribute, "validity": validity, "published_on": published,
        "written_on": published - datetime.timedelta(days=3), "year": published.year,
        "document_number": document_number, "index_number": f"331001-{org:03d}-{item}-{published.year}-{id:04d}",
        "scope": scope, "url": f"/entries/{id}/",
    }


DOCS = [
    entry(1, "城南县财政局2026年部门预算公开",
          "根据《中华人民共和国预算法》规定，现将县财政局2026年部门预算公开如下。一般公共预算支出3521.6万元，"
          "比上年减少4.2%。主要用于基本支出和项目支出。", org=4, item=101, day=(2026, 2, 10),
          document_number="城财预〔2026〕3号"),
    entry(2, "县财政局2025年部门决算及三公经费支出情况说明",
          "2025年度三公经费支出合计18.3万元，其中因公出国(境)费0万元，公务用车购置及运行费12.1万元，"
          "公务接待费6.2万元。决算数比预算数减少的主要原因是厉行节约。", org=4, item=102, day=(2025, 8, 1)),
    entry(3, "关于2026年第一季度城乡最低生活保障对象名单的公示",
          "经个人申请、入户调查、民主评议和县民政局审核，拟将以下家庭纳入城乡最低生活保障范围，公示期为7个工作日。"
          "如有异议，请在公示期内向县民政局反映。", org=5, item=201, day=(2026, 4, 1)),
    entry(4, "县民政局2025年低保资金发放情况",
          "2025年全县共发放低保资金2310万元，惠及低保户4120户。低保标准提高到每人每月760元。",
          org=5, item=201, day=(2025, 12, 20), validity="expired"),
    entry(5, "东风村2026年3月村务财务收支公开",
          "本月收入：集体资产租赁收入3.2万元；支出：道路维修1.1万元，办公费0.3万元。村务监督委员会已审核。",
          org=3, item=301, domain="village", day=(2026, 4, 5)),
    entry(6, "东风村宅基地审批结果公示",
          "经村民代表会议讨论、镇政府审批，同意3户村民宅基地申请，公示期为7天。", org=3, item=302,
          domain="village", day=(2026, 3, 15)),
    entry(7, "东风村一事一议筹资筹劳项目公示",
          "经村民代表大会讨论通过，实施一事一议村内道路硬化项目，筹资标准每人15元。", org=3, item=301,
          domain="village", day=(2025, 6, 18)),
    entry(8, "中共城南县委组织部干部任前公示",
          "根据干部选拔任用工作有关规定，现将拟任职干部情况予以任前公示，公示期为5个工作日。",
          org=1, item=401, domain="party", day=(2026, 1, 20)),
    entry(9, "县委常委会三重一大事项集体决策情况",
          "本季度县委常委会研究三重一大事项12项，其中重大项目安排4项，大额资金使用5项。",
          org=1, item=402, domain="party", scope="all_members", day=(2026, 3, 30)),
    entry(10, "城关镇党委关于党费收缴情况的通报",
          "城关镇党委对各支部党费收缴情况进行了检查，现将有关情况在本单位通报。",
          org=2, item=402, domain="party", scope="unit_members", day=(2026, 2, 28)),
    entry(11, "关于对部分党员进行诫勉谈话的通报",
          "经县纪委研究，对三名党员进行诫勉谈话，通报至有关党组织。", org=1, item=402, domain="party",
          scope="specific", day=(2026, 3, 3)),
    entry(12, "城南县人民政府政府信息公开目录更新说明",
          "本机关对政府信息公开目录进行了动态调整，新增公开事项8项。公开目录按主题和机构分类。",
          org=1, item=501, day=(2026, 1, 5)),
    entry(13, "政策解读：《关于进一步做好惠农补贴发放工作的通知》",
          "一、出台背景。为规范惠民惠农财政补贴资金“一卡通”发放管理，制定本通知。二、主要内容：补贴资金直接发放到户。",
          org=1, item=501, day=(2026, 2, 1), document_number="城政办发〔2026〕5号"),
    entry(14, "柳树村集体资产清查结果公开",
          "柳树村对集体资产、资源进行了全面清查，共有集体经营性资产520万元，债权债务已核实。",
          org=7, item=301, domain="village", day=(2025, 11, 11)),
    entry(15, "县卫生健康局公务接待管理办法",
          "为规范公务接待工作，厉行节约，制定本办法。公务接待实行审批制度，接待清单如实反映接待对象。",
          org=8, item=102, day=(2024, 9, 9), validity="repealed"),
    entry(16, "河西镇2026年财政预决算公开",
          "河西镇2026年财政预算收入8600万元，2025年决算支出9120万元。", org=6, item=101, day=(2026, 3, 20)),
    entry(17, "依申请公开答复书样本",
          "申请人：<script>alert(1)</script>；您申请公开的信息经检索不存在，现予告知。",
          org=1, item=501, attribute="on_application", day=(2025, 10, 10)),
    entry(18, "城关镇村两委换届选举工作方案",
          "各村要依法做好村两委换届工作，严格候选人资格审查。", org=2, item=402, domain="party",
          day=(2026, 1, 12)),
    entry(19, "2026年耕地地力保护补贴资金发放公示",
          "本年度耕地地力保护补贴标准为每亩105元，补贴资金已通过一卡通发放。",
          org=6, item=301, domain="village", day=(2026, 5, 6),
          attachments="附件：河西镇耕地地力保护补贴发放花名册（去标识化处理）"),
    entry(20, "县民政局特困人员供养标准调整的通知",
          "自2026年1月1日起，特困人员基本生活标准按不低于当地低保标准1.3倍确定。", org=5, item=201,
          day=(2025, 12, 28), document_number="城民发〔2025〕41号"),
]

PUBLIC_IDS = {doc["id"] for doc in DOCS if doc["scope"] == "public"}
INTERNAL_IDS = {doc["id"] for doc in DOCS if doc["scope"] != "public"}


def text_of(doc: dict) -> str:
    """Everything searchable in one entry, as the oracle sees it."""
    return "\n".join([doc["title"], doc["summary"], doc["body"], doc["attachments"], doc["document_number"]])


def containing(substring: str, visible: set[int] = PUBLIC_IDS) -> set[int]:
    """Oracle: ids of visible entries whose text contains the substring (exact, after normalising)."""
    from search.analysis import normalise

    needle = normalise(substring)
    return {doc["id"] for doc in DOCS if doc["id"] in visible and needle in normalise(text_of(doc))}
