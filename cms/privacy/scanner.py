"""Find personal data in text before it is published (去标识化, domain §5).

Numbers are matched only as whole digit runs: a run that continues with more
digits or ASCII letters, or is part of a decimal number, is never matched in
pieces. Findings are suggestions for the reviewer; official contact numbers
and mailboxes are found too and may be kept.
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
_AREA = r"(?:10|2\d|[3-9]\d\d)"
_MOBILE = r"(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])(?P<sep>[ -]?)\d{4}(?P=sep)\d{4}"
_LOCAL = r"[1-9]\d{2,3}[ -]?\d{4}"
_EXTENSION = r"(?:(?:-|[ ]?(?:转|分机|ext\.?|Ext\.?|EXT\.?|[xX])[ ]?)\d{1,5})?"
# Long numbers right after these words are registration or reference codes, not ID or card numbers.
_CODE_LABEL = re.compile(
    r"(?:信用代码|机构代码|索引号|编号|订单号|单号|流水号|文号|合同号|发票号|凭证号|登记号|证书号|批次号|No\.?)"
    r"[\s:：#]*$",
    re.IGNORECASE,
)


def _first(char: str, not_after: str = _WORD_CHAR) -> str:
    """A first character that neither continues a number or word nor follows a decimal point.

    Leading with a character class (lookbehinds after it) lets the regex engine
    skip ahead to candidates, several times faster than leading lookbehinds.
    """
    return rf"{char}(?<!{not_after}{char})(?<!\d\.{char})"


_PATTERNS = [
    (Kind.ID_NUMBER, _first(r"\d") + r"(?:\d{16}[\dXxＸ]|\d{14})" + _END),
    (Kind.MOBILE, _first("1", r"[\dA-Za-z+]") + _MOBILE + _NOT_AMOUNT),
    (Kind.MOBILE, _first("[+0(（]") + r"(?:(?:(?<=\+)|(?<=0)0)86|(?<=[(（])\+?86[)）])[ -]?1" + _MOBILE + _NOT_AMOUNT),
    (
        Kind.LANDLINE,
        _first("[+0(（]")
        + r"(?:(?:(?<=\+)|(?<=0)0)86[ -]?[(（]?" + _AREA + r"[)）]?[ -]?"
        + r"|(?<=[(（])0" + _AREA + r"[)）][ -]?"
        + r"|(?<=0)" + _AREA + r"[ -])"
        + _LOCAL + _EXTENSION + _END,
    ),
    (Kind.BANK_CARD, _first("[3-69]") + r"(?:(?<=9)5\d{14,17}|(?<=[3-6])\d{15,18})" + _NOT_AMOUNT),
    (
        Kind.BANK_CARD,
        _first("[3-69]") + r"(?<!\d[ -][3-69])(?:(?<=9)5\d\d|(?<=[3-6])\d{3})"
        + r"(?P<cs>[ -])\d{4}(?P=cs)\d{4}(?P=cs)\d{4}(?:(?P=cs)\d{1,3})?(?!(?P=cs)?\d|[A-Za-z])",
    ),
    (
        Kind.EMAIL,
        r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-][A-Za-z0-9])[A-Za-z0-9._%+\-]*@"
        r"[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])",
    ),
]
_PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]


def _ascii(number: str) -> str:
    if number.isascii():
        return number.upper()
    return "".join(str(int(ch)) if ch.isdigit() else ch.upper() for ch in number).replace("Ｘ", "X")


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


def _after_code_label(text: str, start: int) -> bool:
    return bool(_CODE_LABEL.search(text, max(0, start - 16), start))


_CHECKS = {
    Kind.ID_NUMBER: lambda text, m: is_id_number(m.group()) and not _after_code_label(text, m.start()),
    Kind.BANK_CARD: lambda text, m: is_luhn_valid(m.group()) and not _after_code_label(text, m.start()),
}
_MASKS = {
    Kind.ID_NUMBER: masks.mask_id_number,
    Kind.MOBILE: masks.mask_mobile,
    Kind.LANDLINE: masks.mask_landline,
    Kind.BANK_CARD: masks.mask_bank_card,
    Kind.EMAIL: masks.mask_email,
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


def _candidates(text: str, words: tuple[str, ...]):
    for kind, pattern in _PATTERNS:
        check = _CHECKS.get(kind)
        for match in pattern.finditer(text):
            if check is None or check(text, match):
                yield kind, match.start(), match.end()
    word_pattern = _word_pattern(words)
    if word_pattern is not None:
        for match in word_pattern.finditer(text):
            yield Kind.SENSITIVE_WORD, match.start(), match.end()


def scan_text(text: str, location: str = "", words: Iterable[str] = ()) -> list[Finding]:
    """Find ID, mobile, landline, bank card numbers, e-mail addresses and listed words in ``text``.

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
