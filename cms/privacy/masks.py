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
| sensitive word | every character starred | ``***`` |

The birth date inside an ID number is always hidden.
"""

import re

STAR = "*"

_INTERNATIONAL = re.compile(r"^\s*[(（]?(?:\+|00)86")
_DIGIT_RUN = re.compile(r"\d+")


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
    return star_digits(text, 6, 4 if len(text) == 18 else 3, symbols="XxＸ")


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
