"""Catalogue rows of the demo units: the standard template of each domain, plus the few rows the demo's
entries need that a template lacks (a unit adding its own rows is ordinary 动态调整). Both go through
the catalogue importer, so the rows are validated like an uploaded file."""

import csv
import io

from cms.catalogue_io import HEADER, PARTY_HEADER, apply_template, import_catalogue, list_templates
from cms.models import CatalogueItemPage, CataloguePage, Domain, Organisation, OrganisationLevel

# The standard template of each catalogue, by domain and the unit's level (departments: their parent's).
TEMPLATES = {
    (Domain.PARTY, None): "party_organisation",
    (Domain.VILLAGE, None): "village",
    (Domain.GOVERNMENT, OrganisationLevel.COUNTY): "county_government",
    (Domain.GOVERNMENT, OrganisationLevel.TOWNSHIP): "township_government",
}
LEVEL_LABELS = {OrganisationLevel.COUNTY: "县级", OrganisationLevel.TOWNSHIP: "乡级", OrganisationLevel.VILLAGE: "村级"}
GOVERNMENT_CHANNELS = "政府网站、政务新媒体、公开查阅点"
NOTICE_CHANNELS = "政府网站、社区/村公示栏(电子屏)"
VILLAGE_CHANNELS = "村务公开栏、村民会议"
PARTY_CHANNELS = "党务公开栏、会议"
GOVERNMENT_BASIS = "《中华人民共和国政府信息公开条例》"
VILLAGE_BASIS = "《中华人民共和国村民委员会组织法》第三十条"
PARTY_BASIS = "《中国共产党党务公开条例（试行）》"

# (demo word, 一级事项, 二级事项, 公开内容(要素), 公开依据, 公开时限, 公开渠道和载体, 公开范围)
# The demo word is the first word of an entry's ``row`` (see plan.EntrySpec); the row is added to a
# catalogue that has no item whose name holds it.
ROWS = {
    Domain.VILLAGE: (
        ("财务收支", "村级财务", "财务收支", "收入、支出明细，期初期末余额，记账凭证", VILLAGE_BASIS,
         "定期公开（每月）；财务往来较少的村每季度公开", VILLAGE_CHANNELS, ""),
        ("重大事项", "村务决策", "重大事项决策", "议题、“四议两公开”程序、表决结果", VILLAGE_BASIS,
         "及时公开；公示期不少于5个工作日", VILLAGE_CHANNELS, ""),
        ("项目", "村务决策", "项目建设", "项目概况、资金来源、实施进度、验收结果", VILLAGE_BASIS, "阶段公开",
         VILLAGE_CHANNELS, ""),
        ("补贴", "惠农政策", "惠农补贴发放", "补贴项目、标准、对象汇总、发放金额", VILLAGE_BASIS, "定期公开（每年）",
         VILLAGE_CHANNELS, ""),
        ("监督", "村务监督", "村务监督委员会工作", "监督事项、审核意见、整改情况", VILLAGE_BASIS, "定期公开（每年）",
         VILLAGE_CHANNELS, ""),
    ),
    Domain.GOVERNMENT: (
        ("规范性文件", "政策文件", "规范性文件", "文件全文、文号、施行日期、有效性", GOVERNMENT_BASIS + "第二十条",
         "信息形成或变更之日起20个工作日内", GOVERNMENT_CHANNELS, ""),
        ("政策解读", "政策文件", "政策解读", "出台背景、主要内容、解读机关", GOVERNMENT_BASIS,
         "信息形成或变更之日起20个工作日内", GOVERNMENT_CHANNELS, ""),
        ("常务会议", "重大决策", "常务会议", "会议时间、议题、研究决定事项", GOVERNMENT_BASIS,
         "信息形成或变更之日起20个工作日内", GOVERNMENT_CHANNELS, ""),
        ("工作要点", "重大决策", "工作要点", "年度工作目标和重点任务", GOVERNMENT_BASIS, "定期公开（每年）",
         GOVERNMENT_CHANNELS, ""),
        ("征求意见", "重大决策", "征求意见", "草案全文、征求意见期限、反馈方式", GOVERNMENT_BASIS, "及时公开",
         GOVERNMENT_CHANNELS, ""),
        ("年度报告", "政府信息公开", "年度报告", "主动公开、依申请公开、复议诉讼情况", GOVERNMENT_BASIS + "第四十九条",
         "定期公开（每年）；部门1月31日前，政府3月31日前", GOVERNMENT_CHANNELS, ""),
        ("预算", "财政信息", "部门预算", "收支预算、“三公”经费预算及说明", "《中华人民共和国预算法》第十四条",
         "定期公开（每年）", GOVERNMENT_CHANNELS, ""),
        ("决算", "财政信息", "部门决算", "收支决算、“三公”经费支出及说明", "《中华人民共和国预算法》第十四条",
         "定期公开（每年）", GOVERNMENT_CHANNELS, ""),
        ("预算执行", "财政信息", "预算执行", "一般公共预算收支执行情况", GOVERNMENT_BASIS, "定期公开（每季度）",
         GOVERNMENT_CHANNELS, ""),
        ("低保", "社会救助", "最低生活保障", "保障标准、保障对象名单（户主）、保障金额", GOVERNMENT_BASIS + "第二十一条",
         "定期公开（每季度）；公示期不少于7个工作日", NOTICE_CHANNELS, ""),
        ("社会救助", "社会救助", "救助资金发放", "救助资金按乡镇汇总发放情况", GOVERNMENT_BASIS + "第二十一条",
         "定期公开（每半年）", GOVERNMENT_CHANNELS, ""),
        ("高龄津贴", "社会救助", "高龄津贴", "发放标准、按村汇总人数和金额", GOVERNMENT_BASIS + "第二十一条",
         "定期公开（每年）", GOVERNMENT_CHANNELS, ""),
        ("补贴", "惠农政策", "惠民惠农补贴", "补贴项目、对象汇总、发放金额", GOVERNMENT_BASIS + "第二十一条",
         "定期公开（每半年）", GOVERNMENT_CHANNELS, ""),
        ("征收", "土地征收", "征地信息", "征地预公告、补偿安置方案", GOVERNMENT_BASIS + "第二十一条",
         "信息形成或变更之日起20个工作日内", NOTICE_CHANNELS, ""),
        ("出让", "自然资源", "土地出让", "宗地位置、用途、面积、成交价", GOVERNMENT_BASIS, "信息形成或变更之日起20个工作日内",
         GOVERNMENT_CHANNELS, ""),
        ("项目", "重大建设项目", "项目建设", "批准、实施、竣工验收情况", GOVERNMENT_BASIS + "第二十条", "阶段公开",
         GOVERNMENT_CHANNELS, ""),
        ("公益性岗位", "就业创业", "公益性岗位", "岗位、拟聘用人员名单", GOVERNMENT_BASIS + "第二十条",
         "及时公开；公示期不少于5个工作日", GOVERNMENT_CHANNELS, ""),
        ("住房", "住房保障", "保障性住房", "房源、配租结果", GOVERNMENT_BASIS + "第二十一条", "及时公开",
         GOVERNMENT_CHANNELS, ""),
    ),
    Domain.PARTY: (
        ("任前公示", "干部工作", "任前公示", "拟任人选基本情况、公示期、反映方式", "《党政领导干部选拔任用工作条例》",
         "及时公开；公示期不少于5个工作日", PARTY_CHANNELS, "向社会公开"),
        ("常委会", "党委决策", "党委（常委）会议", "会议时间、研究事项", PARTY_BASIS, "及时公开", PARTY_CHANNELS,
         "向社会公开"),
        ("三重一大", "党委决策", "“三重一大”事项", "议题、决策程序、决定事项", PARTY_BASIS, "定期公开（每半年）",
         PARTY_CHANNELS, "向社会公开"),
        ("工作要点", "党建工作", "工作要点", "年度党建工作任务", PARTY_BASIS, "定期公开（每年）", PARTY_CHANNELS,
         "向社会公开"),
        ("发展党员", "党员管理", "发展党员", "发展对象基本情况、公示期", "《中国共产党发展党员工作细则》",
         "及时公开；公示期不少于5个工作日", PARTY_CHANNELS, "向社会公开"),
        ("主题党日", "组织生活", "主题党日", "活动主题、参加人员、活动情况", PARTY_BASIS, "定期公开（每季度）",
         PARTY_CHANNELS, "向社会公开"),
        ("党费", "党员管理", "党费收缴使用", "党费收缴人数、金额、使用情况", PARTY_BASIS, "定期公开（每年）",
         PARTY_CHANNELS, "在本地区本部门本单位公开"),
        ("组织建设", "党建工作", "基层党组织建设", "创建对象、标准、验收情况", PARTY_BASIS, "及时公开", PARTY_CHANNELS,
         "对特定党组织、党员和群众公开"),
    ),
}


def template_for(catalogue: CataloguePage) -> str | None:
    """The name of the standard template for a catalogue, or None when it is not installed."""
    unit = catalogue.organisation
    if unit.level == OrganisationLevel.DEPARTMENT:
        unit = unit.get_parent()
    name = TEMPLATES.get((catalogue.domain, None)) or TEMPLATES.get((catalogue.domain, unit.level))
    return name if name in {template.name for template in list_templates(catalogue.domain)} else None


def leaf_items(organisation: Organisation, domain: str) -> list[tuple[str, CatalogueItemPage]]:
    """The unit's catalogue items that take entries (no child items, not retired), each with its full name
    (一级事项/二级事项), in catalogue order."""
    items = list(CatalogueItemPage.objects.filter(organisation=organisation, domain=domain).order_by("path"))
    steplen = CatalogueItemPage.steplen
    parents = {item.path[:-steplen] for item in items}
    titles = {item.path: item.title for item in items}
    return [(f"{titles.get(item.path[:-steplen], '')}/{item.title}", item)
            for item in items if item.path not in parents and not item.is_retired]


def matching_item(items: list[tuple[str, CatalogueItemPage]], words: tuple[str, ...]) -> CatalogueItemPage | None:
    """The first item whose full name holds the first of the words that any item name holds."""
    for word in words:
        for name, item in items:
            if word in name:
                return item
    return None


def ensure_catalogue_rows(organisation: Organisation, needs: dict[str, list[tuple[str, ...]]], user) -> int:
    """Fill each empty catalogue of the unit from its template, then add the demo rows named by a need (the
    words naming a catalogue item, see plan.EntrySpec.row) that no item matches; returns the number of
    items created."""
    created = 0
    for catalogue in CataloguePage.objects.filter(organisation=organisation):
        template = template_for(catalogue)
        if template and not CatalogueItemPage.objects.child_of(catalogue).exists():
            created += len(apply_template(catalogue, template, user=user).created)
        items = leaf_items(organisation, catalogue.domain)
        unmet = [words for words in needs.get(catalogue.domain, ()) if matching_item(items, words) is None]
        missing = [row for row in ROWS[catalogue.domain] if any(row[0] in words for words in unmet)]
        if missing:
            created += len(import_catalogue(catalogue, _csv(organisation, catalogue.domain, missing),
                                            format="csv", user=user).created)
    return created


def _level(organisation: Organisation) -> str:
    unit = organisation.get_parent() if organisation.level == OrganisationLevel.DEPARTMENT else organisation
    return LEVEL_LABELS[unit.level]


def _csv(organisation: Organisation, domain: str, rows) -> bytes:
    party = domain == Domain.PARTY
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PARTY_HEADER if party else HEADER)
    for number, (_word, first, second, elements, basis, time_limit, channels, scope) in enumerate(rows, start=1):
        cells = [number, first, second, elements, basis, time_limit, organisation.name, channels, "全社会", "主动",
                 _level(organisation)]
        writer.writerow(cells + [scope or "向社会公开"] if party else cells)
    return buffer.getvalue().encode("utf-8")
