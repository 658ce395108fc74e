"""Mask standards for personal data (去标识化, domain §5).

Every mask keeps the separators and the length of the original, except the
e-mail mask, and leaves nothing that the scanner would find again:

| kind | rule | example |
|---|---|---|
| ID number, 18 digits | first 6 (region) and last 4 kept | ``110101********1234`` |
| ID number, 15 digits | first 6 and last 3 kept | ``110101******123`` |
| mobile | first 3 and last 4 of the national number kept | ``138****1234`` |
| landline | area code, last 4 of the local number and extension kept | ``0571-****4321`` |
| bank card | last 4 kept | ``**** **** **** 1234`` |
| e-mail | first character of the name and the domain kept | ``z***@example.com`` |
| home address | kept down to the township (省, 市, 县/区, 乡/镇/街道), the rest dropped | ``城关镇`` |
| date of birth | year and month kept, the day dropped | ``1985年3月`` |
| sensitive word | every character starred | ``***`` |

The birth date inside an ID number is always hidden. docs/privacy.md ("Mask standards") has the whole table.
"""

import re

STAR = "*"

_INTERNATIONAL = re.compile(r"^\s*[(（]?(?:\+|00)86")
_DIGIT_RUN = re.compile(r"\d+")
# One level of the administrative division down to the township (省, 市, 县/区, 乡/镇/街道), shortest name first.
ADMIN_PART = (r"(?>[\u4e00-\u9fff]{1,10}?"
              r"(?:省|自治区|自治州|自治县|市|州|盟|地区|(?<![小社园校景营])区|县|旗|乡|镇|街道)(?![省市州区县旗乡镇]))")
_ADMIN_PART = re.compile(ADMIN_PART)
# A level that is really the start of a place name below the township (新市村, 镇东路).
_PLACE_SUFFIX = re.compile(r"村|社区|居委会|小区|花园|公寓|新村|家园|苑|大道|路|街|巷|弄|胡同|\d")
_DAY = re.compile(r"(?:[-./]\d{1,2}|\d\d|\d{1,2}日)$")


def _star(text: str, select: slice, symbols: str = "") -> str:
    chars = list(text)
    positions = [i for i, ch in enumerate(chars) if ch.isdigit() or ch in symbols]
    for i in positions[select]:
        chars[i] = STAR
    return "".join(chars)


def star_digits(text: str, keep_first: int, keep_last: int, symbols: str = "") -> str:
    """Star every digit (and character in ``symbols``) but the first and last few, keeping separators."""
    return _star(text, slice(keep_first, -keep_last or None), symbols)


def mask_id_number(text: str) -> str:
    """``110101199003071234`` → ``110101********1234``; 15-digit numbers keep the last 3."""
    length = sum(1 for ch in text if ch.isdigit() or ch in "XxＸ")
    return star_digits(text, 6, 4 if length == 18 else 3, symbols="XxＸ")


def mask_mobile(text: str) -> str:
    """``138 1234 5678`` → ``138 **** 5678``; a +86 / 0086 prefix is kept."""
    return _star(text, slice(-8, -4))


def mask_bank_card(text: str) -> str:
    """``6222 0212 3456 7890`` → ``**** **** **** 7890``."""
    return star_digits(text, 0, 4)


def mask_landline(text: str) -> str:
    """``0571-87654321`` → ``0571-****4321``: area code and extension kept, local number starred but its last 4."""
    runs = [m.span() for m in _DIGIT_RUN.finditer(text)]
    if _INTERNATIONAL.match(text):
        runs = runs[1:]
    local = runs[1:2]
    if len(runs) > 2 and runs[1][1] - runs[1][0] <= 4 and runs[2][1] - runs[2][0] == 4:
        local = runs[1:3]
    if not local and len(runs) == 1:
        start, end = runs[0]
        area = 3 if text[start:start + 2] in ("01", "02") else 4
        return text[:start + area] + star_digits(text[start + area:end], 0, 4) + text[end:]
    if not local:
        return text
    start, end = local[0][0], local[-1][1]
    return text[:start] + star_digits(text[start:end], 0, 4) + text[end:]


def mask_email(text: str) -> str:
    """``zhang.san@example.com`` → ``z***@example.com``."""
    name, _, domain = text.partition("@")
    return f"{name[:1]}{STAR * 3}@{domain}"


def mask_word(text: str) -> str:
    """Every character starred: ``艾滋病`` → ``***``."""
    return STAR * len(text)


def admin_prefix(address: str) -> str:
    """The part of an address down to the township: ``浙江省杭州市西湖区转塘街道东山村3组`` → ``…转塘街道``."""
    end = 0
    while match := _ADMIN_PART.match(address, end):
        if _PLACE_SUFFIX.match(address, match.end()):
            break
        end = match.end()
    return address[:end]


def mask_address(text: str) -> str:
    """Down to the township, the rest dropped: ``城关镇青山村3组12号`` → ``城关镇``; ``***`` when no township is named."""
    return admin_prefix(text) or STAR * 3


def mask_birth_date(text: str) -> str:
    """Year and month kept: ``1985年3月12日`` → ``1985年3月``, ``1985-03-12`` → ``1985-03``, ``19850312`` → ``198503``."""
    return _DAY.sub("", text)
