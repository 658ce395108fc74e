"""Chinese words for the API's enum values (the portal is Chinese-only; the words follow docs/glossary.md)."""

DOMAINS = {"PARTY": "党务公开", "GOVERNMENT": "政务公开", "VILLAGE": "村务公开"}
DOMAIN_SLUGS = {"PARTY": "party", "GOVERNMENT": "government", "VILLAGE": "village"}
SLUG_DOMAINS = {slug: value for value, slug in DOMAIN_SLUGS.items()}
LEVELS = {"COUNTY": "县（市、区）", "TOWNSHIP": "乡镇（街道）", "VILLAGE": "村（社区）", "DEPARTMENT": "部门"}
VALIDITY = {"VALID": "有效", "AMENDED": "已修改", "REPEALED": "已废止", "EXPIRED": "已失效"}
ATTRIBUTES = {"PROACTIVE": "主动公开", "ON_APPLICATION": "依申请公开", "WITHHELD": "不予公开"}
MANNERS = {"PROACTIVE": "主动公开", "ON_APPLICATION": "依申请公开"}
TIME_LIMITS = {"STANDING": "常态公开", "PERIODIC": "定期公开", "BY_STAGE": "分阶段公开", "PROMPT": "及时公开"}
CADENCES = {"MONTHLY": "每月", "QUARTERLY": "每季度", "HALF_YEARLY": "每半年", "YEARLY": "每年"}
DISCLOSURE_LEVELS = {"COUNTY": "县级", "TOWNSHIP": "乡级", "VILLAGE": "村级"}
AUDIENCES = {"PUBLIC": "全社会", "SPECIFIC_GROUP": "特定群体"}
SCOPES = {"PUBLIC": "向社会公开", "ALL_MEMBERS": "党内公开", "UNIT_MEMBERS": "本单位公开", "SPECIFIC": "特定范围"}
CHANNELS = {
    "GOVERNMENT_WEBSITE": "政府网站", "GAZETTE": "政府公报", "NEW_MEDIA": "政务新媒体", "PRESS_CONFERENCE": "新闻发布会",
    "BROADCAST": "广播电视", "PRINT": "纸质媒体", "READING_POINT": "公共查阅点", "SERVICE_CENTRE": "政务服务中心",
    "SERVICE_STATION": "便民服务站", "ON_SITE": "现场公开", "NOTICE_BOARD": "公开栏", "TARGETED_PUSH": "精准推送",
    "PARTY_MEETING": "党员大会", "PARTY_CIRCULAR": "党内通报", "PARTY_NOTICE_BOARD": "党务公开栏",
    "INTERNAL_BULLETIN": "内部简报", "OTHER": "其他",
}
LINK_KINDS = {
    ("INTERPRETS", "OUTGOING"): "解读的政策", ("INTERPRETS", "INCOMING"): "政策解读",
    ("AMENDS", "OUTGOING"): "本文件修改了", ("AMENDS", "INCOMING"): "本文件已被修改",
    ("REPEALS", "OUTGOING"): "本文件废止了", ("REPEALS", "INCOMING"): "本文件已被废止",
    ("RELATED", "OUTGOING"): "相关信息", ("RELATED", "INCOMING"): "相关信息",
}
FACETS = {"DOMAIN": "公开领域", "ORGANISATION": "发布机构", "CATALOGUE_ITEM": "公开事项", "YEAR": "发布年份"}
EXPENSES = [
    ("overseasTravel", "因公出国（境）费"), ("vehicle", "公务用车购置及运行费"),
    ("vehiclePurchase", "其中：公务用车购置费"), ("vehicleOperation", "其中：公务用车运行费"),
    ("officialReception", "公务接待费"), ("total", "合计"),
]
STAGES = {"budget": "预算", "final_accounts": "决算"}
