"""Provisions quoted in demo entries (公开依据). Articles are given only where the wording was checked;
the party rule is quoted without an article number because its numbering changed between editions."""

from cms.demo.body import BlockSpec, legal_basis

GOVERNMENT_REGULATIONS = "中华人民共和国政府信息公开条例"
VILLAGE_LAW = "中华人民共和国村民委员会组织法"
CADRE_REGULATIONS = "党政领导干部选拔任用工作条例"


def proactive_disclosure() -> BlockSpec:
    return legal_basis(GOVERNMENT_REGULATIONS, "第十九条",
                       "对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开。")


def time_limit() -> BlockSpec:
    return legal_basis(GOVERNMENT_REGULATIONS, "第二十六条",
                       "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
                       "法律、法规对政府信息公开的期限另有规定的，从其规定。")


def local_disclosure() -> BlockSpec:
    return legal_basis(GOVERNMENT_REGULATIONS, "第二十一条",
                       "除本条例第二十条规定的政府信息外，设区的市级、县级人民政府及其部门还应当根据本地方的具体情况，"
                       "主动公开涉及市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面的政府信息；"
                       "乡（镇）人民政府还应当根据本地方的具体情况，主动公开贯彻落实农业农村政策、农田水利工程建设运营、"
                       "农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助等方面的政府信息。")


def village_disclosure() -> BlockSpec:
    return legal_basis(VILLAGE_LAW, "第三十条",
                       "村民委员会实行村务公开制度。……一般事项至少每季度公布一次；集体财务往来较多的，"
                       "财务收支情况应当每月公布一次；涉及村民利益的重大事项应当随时公布。"
                       "村民委员会应当保证所公布事项的真实性，并接受村民的查询。")


def pre_appointment_notice() -> BlockSpec:
    return legal_basis(CADRE_REGULATIONS, "",
                       "实行党政领导干部任职前公示制度。……公示期不少于五个工作日。")


PERSONAL_PRIVACY_BASIS = f"《{GOVERNMENT_REGULATIONS}》第十五条"
