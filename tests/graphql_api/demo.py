"""Demo-like data for the API tests: a county with a township, a village and a department, catalogues
in three domains, and entries in every state a reader must or must not see."""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file

from cms.models import (
    CatalogueItemPage, CataloguePage, DisclosureDocument, DisclosureImage, DisclosureLink, DisclosurePage,
    WithheldPart,
)
from cms.units import create_organisation
from graphql_api.models import ApiToken

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Demo:
    units: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)  # name -> raw token
    document: DisclosureDocument | None = None
    image: DisclosureImage | None = None

    def entry(self, name) -> DisclosurePage:
        return self.entries[name]


def body_blocks(document=None, image=None, text="正文", link_page=None) -> list:
    """A body with every block type (raw StreamField data)."""
    link = f'<a linktype="page" id="{link_page.pk}">相关文件</a>' if link_page is not None else ""
    doc_link = f'<a linktype="document" id="{document.pk}">下载</a>' if document is not None else ""
    blocks = [
        {"type": "rich_text", "id": "b-text", "value":
            f'<h2>一、总体要求</h2><p>{text}{link}{doc_link}<a href="javascript:alert(1)">x</a></p>'},
        {"type": "financial_table", "id": "b-table", "value": {
            "caption": "2026年9月收支", "unit": "yuan",
            "columns": [{"heading": "项目", "kind": "text"}, {"heading": "金额", "kind": "amount"},
                        {"heading": "笔数", "kind": "integer"}],
            "rows": [["办公费", "1200.50", "3"], ["差旅费", "300", "2"]],
            "totals_row": ["合计", "1500.50", "5"]}},
        {"type": "public_expenses", "id": "b-expenses", "value": {
            "year": 2026, "stage": "final_accounts", "unit": "ten_thousand_yuan",
            "overseas_travel": {"budget": "1.5", "actual": "1.2"},
            "vehicle_purchase": {"budget": "0", "actual": "0"},
            "vehicle_operation": {"budget": "10.25", "actual": "9.75"},
            "official_reception": {"budget": "3", "actual": "2.5"},
            "explanation": "严格控制"}},
        {"type": "person_list", "id": "b-people", "value": {
            "title": "拟任人选", "explanation": "公示期5个工作日", "people": [
                {"type": "item", "id": "p-1", "value": {
                    "name": "张三", "gender": "male", "birth_month": "1985-03", "education": "大学",
                    "current_post": "科员", "proposed_post": "副科长"}}]}},
        {"type": "key_facts", "id": "b-facts", "value": [
            {"type": "item", "id": "f-1", "value": {"label": "项目总投资", "value": "1,200 万元"}}]},
        {"type": "legal_basis", "id": "b-basis", "value": {
            "source": "中华人民共和国政府信息公开条例", "article": "第二十条", "quote": "行政机关应当主动公开……"}},
    ]
    if document is not None:
        blocks.append({"type": "attachments", "id": "b-files", "value": [
            {"type": "item", "id": "a-1", "value": {"document": document.pk, "title": "附件一"}}]})
    if image is not None:
        blocks.append({"type": "gallery", "id": "b-photos", "value": [
            {"type": "item", "id": "g-1", "value": {"image": image.pk, "caption": "会议现场"}}]})
    return blocks


def add_item(organisation, domain, title, slug, **fields) -> CatalogueItemPage:
    catalogue = CataloguePage.objects.get(organisation=organisation, domain=domain)
    item = catalogue.add_child(instance=CatalogueItemPage(title=title, slug=slug, **fields))
    item.save_revision().publish()
    return item


def add_entry(item, title, slug, publish=True, **fields) -> DisclosurePage:
    fields.setdefault("published_on", TODAY - datetime.timedelta(days=3))
    entry = item.add_child(instance=DisclosurePage(title=title, slug=slug, live=False, **fields))
    revision = entry.save_revision()
    if publish:
        revision.publish()
        entry.refresh_from_db()
    return entry


def issue_token(name, organisations, scopes, include_subunits=False, **fields) -> tuple[ApiToken, str]:
    token = ApiToken(name=name, scopes=scopes, include_subunits=include_subunits, **fields)
    raw = token.issue()
    token.save()
    token.organisations.set(organisations)
    return token, raw


def build() -> Demo:
    demo = Demo()
    county = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                 department_code="000", publishes_party=True, publishes_government=True,
                                 office="县政府办公室", contact_phone="0571-1234567")
    township = create_organisation(county, name="城关镇人民政府", short_name="城关镇", level="township",
                                   region_code="330199", department_code="101", publishes_party=True,
                                   publishes_government=True)
    village = create_organisation(township, name="东山村村民委员会", short_name="东山村", level="village",
                                  region_code="330199", department_code="10101", publishes_party=True,
                                  publishes_village=True)
    department = create_organisation(county, name="示范县财政局", short_name="财政局", level="department",
                                     region_code="330199", department_code="002", publishes_government=True)
    demo.units.update(county=county, township=township, village=village, department=department)

    demo.document = DisclosureDocument(title="预算表", mime_type="application/pdf", file_size=len(PDF))
    demo.document.file.save("budget.pdf", ContentFile(PDF), save=False)
    demo.document.save()
    demo.image = DisclosureImage(title="会议照片", caption="党员大会", file=get_test_image_file("photo.png"))
    demo.image.save()

    items = demo.items
    items["budget"] = add_item(county, "government", "财政预决算", "budget", time_limit_kind="periodic",
                               cadence="yearly", channels=["government_website", "gazette"],
                               responsible_department=department, content_elements="预算、决算、三公经费",
                               legal_basis="《预算法》第十四条")
    items["policy"] = add_item(county, "government", "政策文件", "policy", time_limit_kind="standing")
    items["normative"] = items["policy"].add_child(instance=CatalogueItemPage(
        title="规范性文件", slug="normative", time_limit_kind="prompt", working_days=20))
    items["normative"].save_revision().publish()
    items["notices"] = add_item(county, "government", "公示公告", "notices", time_limit_kind="prompt",
                                working_days=5, notice_min_working_days=5)
    items["party_public"] = add_item(county, "party", "党委工作", "party-work", scope="public")
    items["party_members"] = add_item(county, "party", "党费收缴", "dues", scope="all_members")
    items["party_unit"] = add_item(county, "party", "组织生活", "meetings", scope="unit_members")
    items["township_unit"] = add_item(township, "party", "支部工作", "branch", scope="unit_members")
    items["village_accounts"] = add_item(village, "village", "村级财务", "accounts", time_limit_kind="periodic",
                                         cadence="monthly", channels=["notice_board"])

    e = demo.entries
    e["policy"] = add_entry(items["normative"], "关于加强财政管理的通知", "policy", document_number="示政发〔2026〕12号",
                            written_on=TODAY - datetime.timedelta(days=20), topic="finance", keywords="财政，管理 预算",
                            summary="加强财政管理", body=body_blocks(demo.document, demo.image))
    e["interpretation"] = add_entry(items["normative"], "《关于加强财政管理的通知》政策解读", "interpretation",
                                    published_on=TODAY - datetime.timedelta(days=2))
    DisclosureLink.objects.create(page=e["interpretation"], kind="interprets", target=e["policy"])
    e["budget"] = add_entry(items["budget"], "2026年部门预算", "budget-2026", period_covered="2026年",
                            published_on=datetime.date(2026, 1, 20), body=body_blocks(demo.document, link_page=e["policy"]))
    e["withheld_part"] = add_entry(items["budget"], "2025年决算", "accounts-2025", period_covered="2025年",
                                   published_on=datetime.date(2025, 8, 1),
                                   body=[{"type": "rich_text", "value": "<p>公开部分</p>", "id": "keep"},
                                         {"type": "rich_text", "value": "<p>涉密部分SECRET</p>", "id": "secret"}])
    WithheldPart.objects.create(page=e["withheld_part"], block_id="secret", description="涉密数据",
                                ground="state_secret", legal_basis="《保守国家秘密法》")
    e["notice_now"] = add_entry(items["notices"], "干部任前公示", "notice-now",
                                notice_start=TODAY - datetime.timedelta(days=1),
                                notice_end=TODAY + datetime.timedelta(days=6))
    e["notice_past"] = add_entry(items["notices"], "往期公示", "notice-past",
                                 notice_start=TODAY - datetime.timedelta(days=30),
                                 notice_end=TODAY - datetime.timedelta(days=20),
                                 published_on=TODAY - datetime.timedelta(days=31))
    e["party_public"] = add_entry(items["party_public"], "县委常委会会议情况", "party-public")
    e["party_members"] = add_entry(items["party_members"], "党费收缴情况INTERNAL", "dues-2026")
    e["party_unit"] = add_entry(items["party_unit"], "县委机关组织生活会INTERNAL", "meeting-2026")
    e["township_unit"] = add_entry(items["township_unit"], "城关镇支部工作INTERNAL", "branch-2026")
    e["village_accounts"] = add_entry(items["village_accounts"], "2026年9月村级财务公开", "accounts-2026-09",
                                      published_on=datetime.date(2026, 9, 10) if TODAY >= datetime.date(2026, 9, 10)
                                      else TODAY - datetime.timedelta(days=1))
    e["draft"] = add_entry(items["policy"], "DRAFT未发布草稿", "draft", publish=False)
    e["scheduled"] = add_entry(items["policy"], "SCHEDULED定时发布", "scheduled", publish=False)
    e["scheduled"].go_live_at = timezone.now() + datetime.timedelta(days=2)
    e["scheduled"].save_revision().publish()
    e["expired"] = add_entry(items["policy"], "EXPIRED已过期", "expired")
    DisclosurePage.objects.filter(pk=e["expired"].pk).update(expired=True, live=False)
    e["withdrawn"] = add_entry(items["policy"], "WITHDRAWN已撤回", "withdrawn")
    DisclosurePage.objects.filter(pk=e["withdrawn"].pk).update(withdrawn_at=timezone.now(),
                                                               withdrawal_reason="内容有误")
    e["withheld"] = add_entry(items["policy"], "WITHHELD不予公开", "withheld", disclosure_attribute="withheld")
    e["specific_group"] = add_entry(items["policy"], "SPECIFIC特定群体", "specific", audience="specific_group")
    for name in ("expired", "withdrawn"):
        e[name].refresh_from_db()

    _token, demo.tokens["county_members"] = issue_token("县委组织部门户", [county], ["all_members", "unit_members"])
    _token, demo.tokens["township"] = issue_token("城关镇党建网", [township], ["unit_members"])
    _token, demo.tokens["county_all_only"] = issue_token("只读全党", [county], ["all_members"])
    revoked, demo.tokens["revoked"] = issue_token("已吊销", [county], ["all_members", "unit_members"])
    revoked.revoke()
    _token, demo.tokens["expired"] = issue_token("已过期", [county], ["all_members"],
                                                 expires_at=timezone.now() - datetime.timedelta(minutes=1))
    _token, demo.tokens["county_subtree"] = issue_token("全县党建网", [county], ["unit_members"],
                                                        include_subunits=True)
    return demo


