"""The columns of the 国办发〔2019〕54号 sample layout and the one table of Chinese labels their cells use.

Each model value lists the labels people write; the first is the one exported. Labels are compared after
NFKC normalisation without spaces, so full-width brackets and commas match their ASCII forms.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from ..models import Audience, Cadence, Channel, DisclosureLevel, Domain, Manner, Scope, TimeLimitKind
from ..models.pages import DEFAULT_PROMPT_WORKING_DAYS, PROMPT_DAYS_MESSAGE

SEQUENCE, FIRST, SECOND, ELEMENTS, BASIS, TIME_LIMIT, BODY, CHANNELS, AUDIENCE, MANNER, LEVEL, SCOPE = (
    "序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
    "公开对象", "公开方式", "公开层级", "公开范围",
)
HEADER = (SEQUENCE, FIRST, SECOND, ELEMENTS, BASIS, TIME_LIMIT, BODY, CHANNELS, AUDIENCE, MANNER, LEVEL)
PARTY_HEADER = HEADER + (SCOPE,)  # 党务公开条例 §9: party catalogues add 公开范围

VOCABULARY = {
    "channels": {
        Channel.GOVERNMENT_WEBSITE: ("政府网站", "政府门户网站", "门户网站", "政务网站", "部门网站", "网站"),
        Channel.GAZETTE: ("政府公报", "公报"),
        Channel.NEW_MEDIA: ("两微一端", "政务新媒体", "新媒体", "政务微博", "微博", "政务微信", "微信",
                            "微信公众号", "公众号", "客户端", "政务客户端", "APP"),
        Channel.PRESS_CONFERENCE: ("发布会/听证会", "发布会", "新闻发布会", "听证会"),
        Channel.BROADCAST: ("广播电视", "广播", "电视"),
        Channel.PRINT: ("纸质媒体", "报刊", "报纸", "杂志", "纸媒", "宣传册", "明白纸"),
        Channel.READING_POINT: ("公开查阅点", "查阅点", "政府信息公开查阅点", "查阅场所", "档案馆", "图书馆"),
        Channel.SERVICE_CENTRE: ("政务服务中心", "政务服务大厅", "政务大厅", "便民服务中心", "为民服务中心"),
        Channel.SERVICE_STATION: ("便民服务站", "便民服务点", "村便民服务站", "社区服务站", "党群服务中心"),
        Channel.ON_SITE: ("入户/现场", "入户", "现场", "上门", "会议", "村民会议", "村民代表会议"),
        Channel.NOTICE_BOARD: ("社区/村公示栏(电子屏)", "社区/村公示栏", "公示栏", "公开栏", "公告栏", "宣传栏",
                               "村务公开栏", "政务公开栏", "村公示栏", "社区公示栏", "电子屏",
                               "公开栏(电子屏)", "公示栏(电子屏)"),
        Channel.TARGETED_PUSH: ("精准推送", "短信推送", "短信"),
        Channel.PARTY_MEETING: ("党员大会", "党内会议", "党员会议", "支部党员大会", "党小组会"),
        Channel.PARTY_CIRCULAR: ("党内通报", "通报"),
        Channel.PARTY_NOTICE_BOARD: ("党务公开栏", "党务公开栏(电子屏)"),
        Channel.INTERNAL_BULLETIN: ("内部简报", "党内文件", "简报", "内部刊物"),
        Channel.OTHER: ("其他", "其它", "文件"),
    },
    "audience": {
        Audience.PUBLIC: ("全社会", "社会公众", "公众", "社会"),
        Audience.SPECIFIC_GROUP: ("特定群体", "特定对象", "特定人群"),
    },
    "manner": {
        Manner.PROACTIVE: ("主动", "主动公开"),
        Manner.ON_APPLICATION: ("依申请", "依申请公开"),
    },
    "level": {
        DisclosureLevel.COUNTY: ("县级", "区级", "县(区)级", "县区级"),
        DisclosureLevel.TOWNSHIP: ("乡级", "镇级", "乡镇级", "街道级", "乡(镇)级", "乡(镇、街道)级"),
        DisclosureLevel.VILLAGE: ("村级", "社区级", "村(社区)级", "村(居)级"),
    },
    "scope": {
        Scope.PUBLIC: ("向社会公开", "对社会公开", "社会公开"),
        Scope.ALL_MEMBERS: ("在全党公开", "全党公开"),
        Scope.UNIT_MEMBERS: ("在本地区本部门本单位公开", "本地区本部门本单位公开", "在本单位公开", "在本地区公开",
                             "在本部门公开"),
        Scope.SPECIFIC: ("对特定党组织、党员和群众公开", "对特定党组织党员和群众公开", "对特定对象公开"),
    },
    # (kind, cadence); periodic labels may also be written 定期公开(…), …公开 or …一次.
    "time_limit": {
        (TimeLimitKind.STANDING, ""): ("长期公开", "长期", "常态公开"),
        (TimeLimitKind.BY_STAGE, ""): ("阶段公开", "逐段公开", "分阶段公开", "按阶段公开"),
        (TimeLimitKind.PROMPT, ""): ("及时公开", "随时公开", "即时公开"),
        (TimeLimitKind.PERIODIC, Cadence.MONTHLY): ("定期公开（每月）", "每月", "按月", "月度"),
        (TimeLimitKind.PERIODIC, Cadence.QUARTERLY): ("定期公开（每季度）", "每季度", "每季", "按季度", "季度"),
        (TimeLimitKind.PERIODIC, Cadence.HALF_YEARLY): ("定期公开（每半年）", "每半年", "半年", "半年度"),
        (TimeLimitKind.PERIODIC, Cadence.YEARLY): ("定期公开（每年）", "每年", "按年", "年度", "每年度"),
    },
    "domain": {
        Domain.PARTY: ("party", "党务", "党务公开"),
        Domain.GOVERNMENT: ("government", "政务", "政务公开", "政府信息公开"),
        Domain.VILLAGE: ("village", "村务", "村务公开"),
    },
}
PROMPT_LABEL = "信息形成或变更之日起{days}个工作日内"  # 政府信息公开条例 §26
PROMPT_PATTERN = re.compile(r"^(?:及时公开)?自?(?:信息)?(?:形成或者?变更之日起)?(\d{1,3})个工作日内(?:予以)?(?:公开)?$")
NOTICE_LABEL = "公示期不少于{days}个工作日"
NOTICE_PATTERN = re.compile(r"公示期?(?:不少于|不得少于|不低于)\s*(\d{1,3})\s*个工作日")
# The calendar-day minimum (CatalogueItemPage.notice_min_days): 公示期不少于7日 / 7天 / 7个自然日.
NOTICE_DAYS_LABEL = "公示期不少于{days}日"
NOTICE_DAYS_PATTERN = re.compile(r"公示期?(?:不少于|不得少于|不低于)\s*(\d{1,3})\s*(?:个自然日|个日历日|自然日|日历日|日|天)")
# 政策解读 三同步 (CatalogueItemPage.requires_interpretation): written in the note, as catalogues do.
INTERPRETATION_LABEL = "政策解读三同步"
INTERPRETATION_PATTERN = re.compile(r"(?:政策)?解读(?:材料)?(?:须|需|应)?(?:三)?同步(?:公开|发布)?|三同步")
NOTE_SEPARATOR = re.compile(r"[；;\n]")
LIST_SEPARATOR = re.compile(r"[、,;\s]+")
NOTE_LIMIT = 200  # CatalogueItemPage.time_limit_note


def normalise(text: str) -> str:
    """The comparison form of a label: NFKC (full-width to ASCII) without whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _time_limit_key(text: str) -> str:
    return re.sub(r"[(),、:]", "", normalise(text))


def _parts(text: str) -> list[str]:
    """The labels of a list cell, normalised."""
    return [normalise(part) for part in LIST_SEPARATOR.split(unicodedata.normalize("NFKC", text)) if part]


def _lookup(table: dict, key=normalise) -> dict:
    return {key(text): value for value, texts in table.items() for text in texts}


LOOKUPS = {name: _lookup(table) for name, table in VOCABULARY.items() if name != "time_limit"}
TIME_LIMIT_LOOKUP = _lookup(VOCABULARY["time_limit"], key=_time_limit_key)


def label(kind: str, value) -> str:
    """The exported label of a model value ("" when it has none)."""
    return VOCABULARY[kind][value][0] if value in VOCABULARY[kind] else ""


def _unknown(value: str, kind: str) -> ValueError:
    accepted = "、".join(labels[0] for labels in VOCABULARY[kind].values())
    return ValueError(_("Unknown value “%(value)s”; use one of: %(accepted)s.")
                      % {"value": value[:40], "accepted": accepted})


def parse_choice(kind: str, text: str, *, required: bool) -> str:
    """A single-valued cell (公开对象, 公开方式, 公开层级, 公开范围, domain). 公开层级 may list several levels
    (县级、乡级); the first is kept, as an item has one level."""
    if not text:
        if required:
            raise ValueError(_("The cell is empty."))
        return ""
    key = _parts(text)[0] if kind == "level" and _parts(text) else normalise(text)
    value = LOOKUPS[kind].get(key) or LOOKUPS[kind].get(key.lower())
    if value is None:
        raise _unknown(text, kind)
    return str(value)


def parse_channels(text: str) -> list[str]:
    """公开渠道和载体: labels separated by 、，; spaces or line breaks → Channel values, in order, once each."""
    channels, unknown = [], []
    for part in _parts(text):
        value = LOOKUPS["channels"].get(part)
        if value is None:
            unknown.append(part)
        elif str(value) not in channels:
            channels.append(str(value))
    if unknown:
        raise _unknown("、".join(unknown), "channels")
    return channels


def parse_time_limit(text: str) -> dict:
    """公开时限 → time_limit_kind, cadence, working_days, time_limit_note, notice_min_working_days,
    notice_min_days, requires_interpretation.

    The cell is a label, optionally followed by ；and a note; 公示期不少于N个工作日 in the note sets the minimum
    notice period in working days, 公示期不少于N日 (天, 自然日) in calendar days, and 政策解读三同步 (解读同步…)
    that a policy under the row needs its interpretation. Prompt disclosure reads 信息形成或变更之日起N个工作日内 (条例 §26: 20; 及时公开 alone: 20)."""
    if not text:
        raise ValueError(_("The cell is empty."))
    parts = NOTE_SEPARATOR.split(text.strip(), maxsplit=1)
    head, note = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    notice = notice_days = None
    interpretation = False
    if match := NOTICE_PATTERN.search(note):
        notice = int(match.group(1))
        note = _without(note, match)
    if match := NOTICE_DAYS_PATTERN.search(note):
        notice_days = int(match.group(1))
        if not 0 < notice_days <= 366:
            raise ValueError(_("A notice period of %(days)s days is out of range (1 to 366).") % {"days": notice_days})
        note = _without(note, match)
    if match := INTERPRETATION_PATTERN.search(note):
        interpretation = True
        note = _without(note, match)
    if len(note) > NOTE_LIMIT:
        raise ValueError(_("The note after the time limit is longer than %(limit)s characters.")
                         % {"limit": NOTE_LIMIT})
    key = _time_limit_key(head)
    kind, cadence, days = None, "", DEFAULT_PROMPT_WORKING_DAYS
    if key in TIME_LIMIT_LOOKUP:
        kind, cadence = TIME_LIMIT_LOOKUP[key]
    elif match := PROMPT_PATTERN.match(key):
        days = int(match.group(1))
        if not 0 < days <= DEFAULT_PROMPT_WORKING_DAYS:
            raise ValueError(PROMPT_DAYS_MESSAGE % {"days": days, "limit": DEFAULT_PROMPT_WORKING_DAYS})
        kind = TimeLimitKind.PROMPT
    else:
        periodic = TIME_LIMIT_LOOKUP.get(re.sub(r"(?:公开)?(?:一次)?$", "", re.sub(r"^定期公开", "", key)))
        if periodic and periodic[0] == TimeLimitKind.PERIODIC:
            kind, cadence = periodic
    if kind is None:
        if key == "定期公开":
            raise ValueError(_("A periodic time limit needs its cadence, e.g. 定期公开（每季度）."))
        raise ValueError(_("Unknown time limit “%(value)s”; use 长期公开, 定期公开（每月/每季度/每半年/每年）, "
                           "阶段公开 or 信息形成或变更之日起20个工作日内.") % {"value": head[:40]})
    due_month, due_day = due_terms(note, cadence) if kind == TimeLimitKind.PERIODIC else (None, None)
    return {"time_limit_kind": str(kind), "cadence": str(cadence), "working_days": days,
            "time_limit_note": note, "notice_min_working_days": notice, "notice_min_days": notice_days,
            "requires_interpretation": interpretation, "due_month": due_month, "due_day": due_day}


def _without(note: str, match: re.Match) -> str:
    """The note without a recognised phrase, and without the separators it leaves behind."""
    return re.sub(r"[；;]{2,}", "；", note[:match.start()] + note[match.end():]).strip("；;，,、 \n")


# Terms of periodic rows written in the note (docs/lifecycle.md): 每月10日前 / 次月10日前 (monthly),
# 每年3月31日前 / 次年1月31日前 (yearly), 季后15日内 / 每季度结束后15日内 / 半年结束后30日内.
MONTHLY_TERMS = re.compile(r"(?:每月|次月)(\d{1,2})日(?:之?前|以前)")
YEARLY_TERMS = re.compile(r"(?:每年|次年)(\d{1,2})月(\d{1,2})日(?:之?前|以前)")
AFTER_PERIOD_TERMS = re.compile(r"(?:季|季度|半年|月|年)(?:度)?(?:结束)?后(\d{1,2})日内")


def due_terms(note: str, cadence: str) -> tuple[int | None, int | None]:
    """(due_month, due_day) from a periodic row's note, or (None, None) when it states no terms."""
    note = unicodedata.normalize("NFKC", note or "")
    if cadence == Cadence.MONTHLY and (match := MONTHLY_TERMS.search(note)) and 1 <= int(match[1]) <= 31:
        return 1, int(match[1])
    if cadence == Cadence.YEARLY and (match := YEARLY_TERMS.search(note)) \
            and 1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31:
        return int(match[1]), int(match[2])
    if (match := AFTER_PERIOD_TERMS.search(note)) and 1 <= int(match[1]) <= 31:
        return 1, int(match[1])
    return None, None


def time_limit_label(page) -> str:
    """公开时限 of an item as the sample layout writes it; the note and the notice period follow ；."""
    if page.time_limit_kind == TimeLimitKind.PROMPT:
        head = PROMPT_LABEL.format(days=page.working_days)
    else:
        head = label("time_limit", (page.time_limit_kind, page.cadence or ""))
    notes = [page.time_limit_note]
    if page.notice_min_working_days:
        notes.append(NOTICE_LABEL.format(days=page.notice_min_working_days))
    if page.notice_min_days:
        notes.append(NOTICE_DAYS_LABEL.format(days=page.notice_min_days))
    if page.requires_interpretation:
        notes.append(INTERPRETATION_LABEL)
    return "；".join([head] + [note for note in notes if note])
