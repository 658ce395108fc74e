"""The vocabularies of disclosure on application (docs/applications.md §1, §5): channels with their receipt
rule, applicant kinds (the columns of table 三 of the annual report) and the outcomes (its rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    FAX = "fax", _("By fax")
    EMAIL = "email", _("By e-mail")


# 条例 §31: the day an application counts as received, per channel — the field of Application that holds it.
RECEIPT_FIELD = {
    Channel.IN_PERSON: "submitted_on",   # 当面提交: the day submitted
    Channel.POST: "signed_for_on",       # 邮寄: the day the office signed for it
    Channel.ONLINE: "confirmed_on",      # 互联网渠道: the day the office confirmed it
    Channel.FAX: "confirmed_on",         # 传真: the day confirmed
    Channel.EMAIL: "confirmed_on",       # 电子邮件: the day confirmed
}


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("Natural person")
    LEGAL_PERSON = "legal_person", _("Legal person or other organisation")


class OrganisationKind(models.TextChoices):
    """The kinds of legal persons: the columns of table 三 (国办公开办函〔2021〕30号)."""

    COMMERCIAL = "commercial", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    PUBLIC_INTEREST = "public_interest", _("Public interest organisation")
    LEGAL_SERVICES = "legal_services", _("Legal services organisation")
    OTHER = "other", pgettext_lazy("applicant kind", "Other")


class Form(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    OTHER = "other", pgettext_lazy("form", "Other")


class Delivery(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    PICK_UP = "pick_up", _("Pick up in person")
    ONLINE = "online", _("Online")
    FAX = "fax", _("By fax")


class Outcome(models.TextChoices):
    """Every result row of table 三 (国办公开办函〔2021〕30号), in the template's order."""

    DISCLOSED = "disclosed", _("Disclosed")
    PARTLY_DISCLOSED = "partly_disclosed", _("Partly disclosed")
    WITHHELD_STATE_SECRET = "withheld_1", _("Withheld: state secret")
    WITHHELD_FORBIDDEN_BY_LAW = "withheld_2", _("Withheld: other laws and regulations forbid disclosure")
    WITHHELD_SECURITY = "withheld_3", _("Withheld: endangers the three securities and one stability")
    WITHHELD_THIRD_PARTY = "withheld_4", _("Withheld: protects third parties' lawful rights")
    WITHHELD_INTERNAL = "withheld_5", _("Withheld: one of the three kinds of internal affairs information")
    WITHHELD_PROCESS = "withheld_6", _("Withheld: one of the four kinds of process information")
    WITHHELD_ENFORCEMENT = "withheld_7", _("Withheld: administrative enforcement case file")
    WITHHELD_QUERY = "withheld_8", _("Withheld: administrative inquiry matter")
    UNAVAILABLE_NOT_HELD = "unavailable_1", _("Cannot be provided: not held by this office")
    UNAVAILABLE_TO_BE_MADE = "unavailable_2", _("Cannot be provided: would have to be created")
    UNAVAILABLE_UNCLEAR = "unavailable_3", _("Cannot be provided: still unclear after completion")
    NOT_PROCESSED_PETITION = "not_processed_1", _("Not processed: petition, report or complaint")
    NOT_PROCESSED_REPEATED = "not_processed_2", _("Not processed: repeated application")
    NOT_PROCESSED_PUBLISHED = "not_processed_3", _("Not processed: asks for published material")
    NOT_PROCESSED_MASS = "not_processed_4", _("Not processed: repeated mass applications without good reason")
    NOT_PROCESSED_CONFIRM = "not_processed_5", _("Not processed: asks to confirm or re-issue information obtained")
    OTHER_NO_COMPLETION = "other_1", _("Other: no completion in time without good reason")
    OTHER_FEE_UNPAID = "other_2", _("Other: fee not paid in time")
    OTHER = "other_3", _("Other handling")


# The row of table 三 for each outcome: (section number, section title, row label in the template).
OUTCOME_SECTIONS = {
    "disclosed": ("（一）", "予以公开"),
    "partly_disclosed": ("（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "withheld": ("（三）", "不予公开"),
    "unavailable": ("（四）", "无法提供"),
    "not_processed": ("（五）", "不予处理"),
    "other": ("（六）", "其他处理"),
}
# The template's own wording of each row (the report is printed in Chinese whatever the interface language).
OUTCOME_ROW_NAMES = {
    Outcome.DISCLOSED: "（一）予以公开",
    Outcome.PARTLY_DISCLOSED: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Outcome.WITHHELD_STATE_SECRET: "（三）不予公开 1.属于国家秘密",
    Outcome.WITHHELD_FORBIDDEN_BY_LAW: "（三）不予公开 2.其他法律行政法规禁止公开",
    Outcome.WITHHELD_SECURITY: "（三）不予公开 3.危及“三安全一稳定”",
    Outcome.WITHHELD_THIRD_PARTY: "（三）不予公开 4.保护第三方合法权益",
    Outcome.WITHHELD_INTERNAL: "（三）不予公开 5.属于三类内部事务信息",
    Outcome.WITHHELD_PROCESS: "（三）不予公开 6.属于四类过程性信息",
    Outcome.WITHHELD_ENFORCEMENT: "（三）不予公开 7.属于行政执法案卷",
    Outcome.WITHHELD_QUERY: "（三）不予公开 8.属于行政查询事项",
    Outcome.UNAVAILABLE_NOT_HELD: "（四）无法提供 1.本机关不掌握相关政府信息",
    Outcome.UNAVAILABLE_TO_BE_MADE: "（四）无法提供 2.没有现成信息需要另行制作",
    Outcome.UNAVAILABLE_UNCLEAR: "（四）无法提供 3.补正后申请内容仍不明确",
    Outcome.NOT_PROCESSED_PETITION: "（五）不予处理 1.信访举报投诉类申请",
    Outcome.NOT_PROCESSED_REPEATED: "（五）不予处理 2.重复申请",
    Outcome.NOT_PROCESSED_PUBLISHED: "（五）不予处理 3.要求提供公开出版物",
    Outcome.NOT_PROCESSED_MASS: "（五）不予处理 4.无正当理由大量反复申请",
    Outcome.NOT_PROCESSED_CONFIRM: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    Outcome.OTHER_NO_COMPLETION: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    Outcome.OTHER_FEE_UNPAID: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    Outcome.OTHER: "（六）其他处理 3.其他",
}


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: by the applicant's number of applications in a month, or by pages."""

    NONE = "none", _("No fee")
    BY_COUNT = "by_count", _("By number of applications in the month")
    BY_PAGES = "by_pages", _("By number of pages")
