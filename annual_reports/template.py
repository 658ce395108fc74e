"""The 2021 template of the annual report (国办公开办函〔2021〕30号; docs/supervision.md «年度报告»): its
sections, the items of table 二 with their units, and the rows and columns of tables 三 and 四.

Counts are in 件 (documents, decisions, applications, cases); the only amount, 行政事业性收费, is in 万元.
"""

SECTIONS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}

# Table 二: (key, the template's row, the article of 条例 §20 it reports on, measures, words of the unit's
# catalogue rows whose entries it counts). Measures of documents: issued / repealed / in force this year;
# of decisions: decisions this year; of fees: the amount in 万元.
DOCUMENT_MEASURES = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
DECISION_MEASURES = (("decisions", "本年处理决定数量"),)
FEE_MEASURES = (("amount", "本年收费金额"),)
PROACTIVE_ITEMS = (
    ("rules", "规章", "第二十条第（一）项", DOCUMENT_MEASURES, ("规章",)),
    ("normative", "行政规范性文件", "第二十条第（一）项", DOCUMENT_MEASURES, ("规范性文件",)),
    ("licences", "行政许可", "第二十条第（五）项", DECISION_MEASURES, ("行政许可",)),
    ("penalties", "行政处罚", "第二十条第（六）项", DECISION_MEASURES, ("行政处罚",)),
    ("enforcement", "行政强制", "第二十条第（六）项", DECISION_MEASURES, ("行政强制",)),
    ("fees", "行政事业性收费", "第二十条第（八）项", FEE_MEASURES, ()),
)
ITEMS_BY_KEY = {item[0]: item for item in PROACTIVE_ITEMS}
COUNT_UNIT, MONEY_UNIT = "件", "万元"

# Table 三: columns (applications.annual_report.COLUMNS, in the same order).
APPLICATION_COLUMNS = (("natural_person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
                       ("public_interest", "社会公益组织"), ("legal_services", "法律服务机构"), ("other", "其他"),
                       ("total", "总计"))

# Table 四: three groups, each with the same five columns; 总计 is the sum of the other four.
APPEAL_GROUPS = (("review", "行政复议"), ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
                 ("litigation_after_review", "行政诉讼（复议后起诉）"))
APPEAL_COLUMNS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                  ("pending", "尚未审结"), ("total", "总计"))
