"""Find personal data in text before it is published (去标识化, domain §5).

Numbers are matched only as whole digit runs: a run that continues with more
digits or ASCII letters, or is part of a decimal number, is never matched in
pieces. Findings are suggestions for the reviewer; official contact numbers
and mailboxes are found too and may be kept. The rules are listed in
docs/privacy.md ("What is found").
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import masks


class Kind(models.TextChoices):
    """What the scanner finds; the order breaks ties between overlapping matches of equal span."""

    ID_NUMBER = "id_number", _("ID number")
    MOBILE = "mobile", _("Mobile number")
    LANDLINE = "landline", _("Landline number")
    BANK_CARD = "bank_card", _("Bank card number")
    EMAIL = "email", _("E-mail address")
    ADDRESS = "address", _("Home address")
    BIRTH_DATE = "birth_date", _("Date of birth")
    SENSITIVE_WORD = "sensitive_word", _("Sensitive word")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text[start:end]`` of the field at ``location``."""

    kind: Kind
    text: str
    start: int
    end: int
    location: str
    mask: str

    @property
    def label(self) -> str:
        return Kind(self.kind).label

    def as_dict(self) -> dict:
        return {**asdict(self), "kind": str(self.kind)}


# GB/T 2260 province codes; 71 Taiwan, 81/82/83 residence permits for HK, Macao, Taiwan residents.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)

_WORD_CHAR = r"[\dA-Za-z]"
_END = r"(?![\dA-Za-z]|\.\d)"
_NOT_AMOUNT = r"(?![\dA-Za-z]|\.\d|元|万元|亿元|%|％)"
# What people put between groups of digits: a space, two, a dash, a dot or an ideographic space (U+3000).
_SEP = r"(?:[ \u3000]{1,2}|[-.])"
_SEPARATOR = re.compile(_SEP)
# Inside a number pattern: a separator only before a group of two digits or more (keeps the search linear).
_IN = rf"(?:{_SEP}(?=\d[\dXxＸ]))?"
_AREA = r"(?:10|2\d|[3-9]\d\d)"
_MOBILE = r"(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])(?P<sep>[ .\u3000-]?)\d{4}(?P=sep)\d{4}"
_LOCAL = r"[1-9]\d{2,3}[ -]?\d{4}"
_EXTENSION = r"(?:(?:-|[ ]?(?:转|分机|ext\.?|Ext\.?|EXT\.?|[xX])[ ]?)\d{1,5})?"
# Long numbers right after these words are registration or reference codes, not ID or card numbers.
_CODE_LABEL = re.compile(
    r"(?:信用代码|机构代码|索引号|编号|订单号|单号|流水号|文号|合同号|发票号|凭证号|登记号|证书号|批次号|No\.?)"
    r"[\s:：#]*$",
    re.IGNORECASE,
)
# Any 11-digit number right after one of these is a telephone number, whatever its prefix.
_PHONE_LABEL = re.compile(
    r"(?:电话号码|联系电话|联系方式|电话|手机号码|手机号|手机|移动电话|联系号码|Tel|Mobile|Phone)[\s:：.]*$",
    re.IGNORECASE,
)
# After these a card number may be grouped in any way.
_CARD_LABEL = re.compile(r"(?:卡号|银行卡|账号|帐号|社保卡|存折|一卡通|收款账户|Card)[^\d\n]{0,6}$", re.IGNORECASE)
_BIRTH_LABEL = re.compile(r"(?:出生日期|出生年月日|出生年月|出生时间|出生于|生日|生于|出生)[\s:：]*$")
_BIRTH_AFTER = re.compile(r"\s*(?:出生|生人|生(?![\u4e00-\u9fff]))")
# After these an address is a person's (住址, 家住, 户籍地…): every place below the township counts.
_ADDRESS_LABEL = re.compile(
    r"(?:住址|家庭地址|家庭住址|居住地址|现住址|现居住地|居住地|户籍地址|户籍所在地|户籍地|住所地?|家住|现住|居住在|住在)"
    r"[\s:：]*$"
)
_ADDRESS_START = re.compile(r"^(?:住址|家庭地址|家庭住址|居住地址|现住址|户籍地址|家住|现住|住在|居住在|位于|住)")
_RESIDENTIAL = re.compile(r"村|组|队|社区|小区|花园|苑|公寓|新村|家园|单元")
_HOUSEHOLD = re.compile(r"号|栋|幢|单元|室|户|门牌")
# A place followed by these is a plot, a project or a business, not a home.
_NOT_HOME = re.compile(r"地块|宗地|地段|项目|工程|路段|门面|店|厂|公司|会议室|办公")
_GROUPED_BEFORE = re.compile(rf"\d{_SEP}$")
_GROUPED_AFTER = re.compile(rf"{_SEP}\d")
_CJK = r"[\u4e00-\u9fff]"
_NUMBER_WORD = r"(?:\d+(?:-\d+)*|[一二三四五六七八九十]{1,3})"
_PLACE = (rf"(?>{_CJK}(?:{_CJK}|\d){{0,5}}?"
          r"(?:村|社区|居委会|小区|花园|公寓|新村|家园|苑|大道|路|街(?!道)|巷|弄|胡同|(?<=村)\d+组|(?<=村)第?[一二三四五六七八九十]{1,3}组))")
_UNIT = (rf"(?>第?{_NUMBER_WORD}(?:组|队|号楼|号院|号|栋|幢|单元|室|层|楼|户|弄|巷)|门牌号?\d+号?)")
_ADDRESS = (rf"{_CJK}(?:(?<!{_CJK}.)|(?<=[住址在籍].))"
            rf"(?:{masks.ADMIN_PART}){{0,6}}?(?:{_PLACE}){{1,4}}(?:{_UNIT}|-){{0,8}}")
_DATE = r"(?:(?<=1)9|(?<=2)0)\d\d(?:年\d{1,2}月\d{1,2}日|(?P<dsep>[-./])\d{1,2}(?P=dsep)\d{1,2}(?!\d)|\d{4}(?!\d))"


def _first(char: str, not_after: str = _WORD_CHAR) -> str:
    """A first character that neither continues a number or word nor follows a decimal point.

    Leading with a character class (lookbehinds after it) lets the regex engine
    skip ahead to candidates, several times faster than leading lookbehinds.
    """
    return rf"{char}(?<!{not_after}{char})(?<!\d\.{char})"


def _after(label: re.Pattern, text: str, start: int, reach: int = 16) -> bool:
    return bool(label.search(text, max(0, start - reach), start))


def _groups(number: str) -> list[str] | None:
    """The digit groups of a number, or None when its separators are mixed or look like a decimal point."""
    separators = {sep.replace("\u3000", " ") for sep in _SEPARATOR.findall(number)}
    groups = _SEPARATOR.split(number)
    if len(separators) > 1 or (separators == {"."} and len(groups) < 3):
        return None
    if any(len(group) < 2 for group in groups[:-1]):
        return None
    return groups


def _digits(number: str) -> str:
    return "".join(ch for ch in number if not (ch in " -.\u3000"))


def _whole_run(text: str, match: re.Match) -> bool:
    """A number written in groups is taken only whole: no group of digits right before or after it."""
    if not _SEPARATOR.search(match.group()):
        return True
    return not (_GROUPED_BEFORE.search(text, max(0, match.start() - 3), match.start())
                or _GROUPED_AFTER.match(text, match.end()))


def _check_grouped(text: str, match: re.Match):
    return match.span() if _whole_run(text, match) else None


def _check_id(text: str, match: re.Match):
    number = match.group()
    if _groups(number) is None or not _whole_run(text, match) or not is_id_number(_digits(number)) or _after(_CODE_LABEL, text, match.start()):
        return None
    return match.span()


def _check_card(text: str, match: re.Match):
    number = match.group()
    groups = _groups(number)
    digits = _digits(number)
    if groups is None or not 16 <= len(digits) <= 19 or not is_luhn_valid(digits) or not _whole_run(text, match):
        return None
    if _after(_CODE_LABEL, text, match.start()):
        return None
    if len(groups) > 1 and not _after(_CARD_LABEL, text, match.start()):
        fours = all(len(group) == 4 for group in groups[:-1]) and len(groups[-1]) <= 4
        if not (fours or (len(groups) == 2 and len(groups[0]) == 6)):
            return None
    return match.span()


def _check_labelled_phone(text: str, match: re.Match):
    if _groups(match.group()) is None or not _whole_run(text, match) or not _after(_PHONE_LABEL, text, match.start()):
        return None
    return match.span()


def _check_birth_date(text: str, match: re.Match):
    if not _is_date(_date_digits(match.group())):
        return None
    if _after(_BIRTH_LABEL, text, match.start(), 10) or _BIRTH_AFTER.match(text, match.end()):
        return match.span()
    return None


def _check_address(text: str, match: re.Match):
    start, found = match.start(), match.group()
    lead = _ADDRESS_START.match(found)
    if lead:
        start, found = start + lead.end(), found[lead.end():]
    end = start + len(found.rstrip("-"))
    found = text[start:end]
    if not found or masks.admin_prefix(found) == found or _NOT_HOME.match(text, end):
        return None
    if _after(_ADDRESS_LABEL, text, start, 10):
        return start, end
    below = found[len(masks.admin_prefix(found)):]
    residential = _RESIDENTIAL.search(below)
    if residential and _HOUSEHOLD.search(below, residential.end()):
        return start, end
    return None


_PATTERNS = [
    (Kind.ID_NUMBER, _first(r"\d") + rf"(?:{_IN}\d){{13}}(?:(?:{_IN}\d){{3}}{_SEP}?[\dXxＸ]|{_SEP}?\d)" + _END, _check_id),
    (Kind.MOBILE, _first("1", r"[\dA-Za-z+]") + _MOBILE + _NOT_AMOUNT, _check_grouped),
    (Kind.MOBILE, _first("[+0(（]") + r"(?:(?:(?<=\+)|(?<=0)0)86|(?<=[(（])\+?86[)）])[ -]?1" + _MOBILE + _NOT_AMOUNT,
     None),
    (Kind.MOBILE, _first("1") + rf"(?:{_IN}\d){{9}}{_SEP}?\d" + rf"(?!{_SEP}?\d)" + _NOT_AMOUNT, _check_labelled_phone),
    (
        Kind.LANDLINE,
        _first("[+0(（]")
        + r"(?:(?:(?<=\+)|(?<=0)0)86[ -]?[(（]?" + _AREA + r"[)）]?[ -]?"
        + r"|(?<=[(（])0" + _AREA + r"[)）][ -]?"
        + r"|(?<=0)" + _AREA + r"[ -])"
        + _LOCAL + _EXTENSION + _END,
        None,
    ),
    (Kind.LANDLINE, _first("0") + r"(?:10|2\d|[3-9]\d\d)[1-9]\d{6,7}" + _END, _check_labelled_phone),
    (Kind.BANK_CARD, _first("[3-69]") + r"(?:(?<=9)5\d{14,17}|(?<=[3-6])\d{15,18})" + _NOT_AMOUNT, _check_card),
    (
        Kind.BANK_CARD,
        _first("[3-69]") + r"(?<!\d[ \u3000.\-][3-69])(?<!\d[ \u3000]{2}[3-69])(?:(?<=9)5|(?<=[3-6])\d)"
        + rf"(?:{_IN}\d){{13,16}}{_SEP}?\d"
        + rf"(?!{_SEP}?\d|[A-Za-z]|\.\d|元|万元|亿元|%|％)",
        _check_card,
    ),
    (
        Kind.EMAIL,
        r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-][A-Za-z0-9])[A-Za-z0-9._%+\-]*@"
        r"[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])",
        None,
    ),
    (Kind.BIRTH_DATE, _first("[12]") + _DATE, _check_birth_date),
    (Kind.ADDRESS, _ADDRESS, _check_address),
]
_PATTERNS = [(kind, re.compile(pattern), check) for kind, pattern, check in _PATTERNS]


def _ascii(number: str) -> str:
    if number.isascii():
        return number.upper()
    return "".join(str(int(ch)) if ch.isdigit() else ch.upper() for ch in number).replace("Ｘ", "X")


def _date_digits(text: str) -> str:
    """``1985年3月12日``, ``1985-3-12``, ``19850312`` → ``19850312``."""
    parts = re.findall(r"\d+", text)
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]}{int(parts[1]):02d}{int(parts[2]):02d}" if len(parts) == 3 else ""


def _is_date(yyyymmdd: str) -> bool:
    try:
        born = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return born.year >= 1900 and born <= datetime.date.today()


def is_id_number(text: str) -> bool:
    """A PRC citizen ID number, written without separators: GB 11643-1999 (18 digits) or the old 15-digit form.

    The 18-digit form must carry its GB 11643-1999 check digit. Both forms must
    start with a known province code and a prefecture code other than 00 and
    carry a real birth date; the 15-digit form, which has no check digit, must
    also have a county code other than 00.
    """
    number = _ascii(text)
    if not number[:17].isdigit() or number[:2] not in PROVINCES or number[2:4] == "00":
        return False
    if len(number) == 15:
        return number[4:6] != "00" and _is_date("19" + number[6:12])
    if len(number) != 18 or not _is_date(number[6:14]):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17]


def is_luhn_valid(text: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers (ISO/IEC 7812)."""
    digits = [int(ch) for ch in reversed(text) if ch.isdigit()]
    return bool(digits) and (sum(digits[0::2]) + sum(_LUHN_DOUBLED[d] for d in digits[1::2])) % 10 == 0


_MASKS = {
    Kind.ID_NUMBER: masks.mask_id_number,
    Kind.MOBILE: masks.mask_mobile,
    Kind.LANDLINE: masks.mask_landline,
    Kind.BANK_CARD: masks.mask_bank_card,
    Kind.EMAIL: masks.mask_email,
    Kind.ADDRESS: masks.mask_address,
    Kind.BIRTH_DATE: masks.mask_birth_date,
    Kind.SENSITIVE_WORD: masks.mask_word,
}
# Where matches overlap, the first to start wins; at the same start the longer, then the earlier kind here.
_PRIORITY = {kind: rank for rank, kind in enumerate(Kind)}


def default_words() -> list[str]:
    """The seed sensitive-word list (health, disability, criminal record; 个人信息保护法 §28) for the admin table."""
    lines = (Path(__file__).parent / "data" / "sensitive_words.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    usable = sorted({w.strip() for w in words if w.strip().strip(masks.STAR)}, key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(map(re.escape, usable)), re.IGNORECASE)


def _matches(pattern: re.Pattern, text: str, check):
    """Spans of ``pattern`` in ``text`` that pass ``check``; after a refused match the search resumes one
    character later, so that a number refused as a whole is still tried from its next group."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return
        span = match.span() if check is None else check(text, match)
        if span is None:
            position = match.start() + 1
        else:
            yield span
            position = max(span[1], match.start() + 1)


def _candidates(text: str, words: tuple[str, ...]):
    for kind, pattern, check in _PATTERNS:
        for start, end in _matches(pattern, text, check):
            yield kind, start, end
    word_pattern = _word_pattern(words)
    if word_pattern is not None:
        for match in word_pattern.finditer(text):
            yield Kind.SENSITIVE_WORD, match.start(), match.end()


def scan_text(text: str, location: str = "", words: Iterable[str] = ()) -> list[Finding]:
    """Find ID, mobile, landline, bank card numbers, e-mail addresses, home addresses below the township,
    full dates of birth and listed words in ``text`` (the rules: docs/privacy.md, "What is found").

    ``words`` is the admin-edited sensitive-word list, matched case-insensitively.
    Findings do not overlap and come in text order; offsets index the str.
    """
    if not text:
        return []
    spans = sorted(_candidates(text, tuple(words)), key=lambda c: (c[1], c[1] - c[2], _PRIORITY[c[0]]))
    findings, reached = [], 0
    for kind, start, end in spans:
        if start < reached:
            continue
        found = text[start:end]
        findings.append(Finding(kind, found, start, end, location, _MASKS[kind](found)))
        reached = end
    return findings


def scan_fields(fields: Iterable[tuple[str, str]], words: Iterable[str] = ()) -> list[Finding]:
    """Scan ``(location, text)`` pairs, e.g. ``("body[3].rows[2][1]", "138 1234 5678")``."""
    words = tuple(words)
    return [finding for location, text in fields for finding in scan_text(text, location, words)]


def mask_text(text: str, words: Iterable[str] = ()) -> str:
    """Apply every standard mask to ``text``; masking masked text changes nothing."""
    out, position = [], 0
    for finding in scan_text(text, "", words):
        out.append(text[position : finding.start])
        out.append(finding.mask)
        position = finding.end
    out.append(text[position:])
    return "".join(out)
