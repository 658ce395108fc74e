"""Validating a table of the sample layout into catalogue rows; every bad row is reported at once.

A row with only 一级事项 describes a first-level item; a row with both names a second-level item. A
first-level item that has no row of its own is created bare (implicit_fields).
"""

from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext as _

from ..models import Audience, Domain, Manner, Scope, TimeLimitKind
from ..models.choices import AUDIENCE_WIDTH, PARTY_CHANNELS, SCOPE_WIDTH
from ..models.pages import DEFAULT_PROMPT_WORKING_DAYS
from .errors import CatalogueFileError, RowError, refuse
from .files import HEADER_SEARCH_ROWS, MAX_ROWS, read_table
from .vocabulary import (
    AUDIENCE, BASIS, BODY, CHANNELS, ELEMENTS, FIRST, HEADER, LEVEL, MANNER, PARTY_HEADER, SCOPE, SECOND, SEQUENCE,
    TIME_LIMIT, label, normalise, parse_channels, parse_choice, parse_time_limit,
)

MAX_CELL_CHARS = 4000
CELL_LIMITS = {FIRST: 255, SECOND: 255, BODY: 200}  # Page.title, CatalogueItemPage.responsible_body
CHOICE_COLUMNS = (  # column, vocabulary, field, required
    (AUDIENCE, "audience", "audience", True),
    (MANNER, "manner", "manner", True),
    (LEVEL, "level", "disclosure_level", False),
)


@dataclass
class CatalogueRow:
    """One valid row: the item's names and the field values it sets."""

    number: int
    first: str
    second: str
    fields: dict


def read_catalogue_file(data: bytes, domain: str, *, format: str | None = None) -> list[CatalogueRow]:
    """Read and validate a whole file for a catalogue of `domain`; raises CatalogueFileError listing every
    bad row. Writes nothing."""
    return validate_rows(read_table(data, format), domain)


def validate_rows(table: list[tuple[int, list[str]]], domain: str) -> list[CatalogueRow]:
    """(row number, cells) of the sample layout → CatalogueRow; checks the header, each cell and duplicates."""
    party = domain == Domain.PARTY
    header_at, columns = _header(table, party)
    if len(table) - header_at - 1 > MAX_ROWS:
        refuse(_("The file has more than %(limit)s rows.") % {"limit": MAX_ROWS})
    rows, names, errors = [], [], []
    for number, cells in table[header_at + 1:]:
        if len(cells) > len(columns):
            errors.append(RowError(number, _("The row has cells to the right of the last column.")))
            continue
        values = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
        if not any(value for column, value in values.items() if column != SEQUENCE):
            continue
        row, row_errors = _parse_row(number, values, party)
        errors += row_errors
        names.append((number, values[FIRST], values[SECOND]))
        if row is not None:
            rows.append(row)
    errors += _duplicates(names)
    if errors:
        raise CatalogueFileError(sorted(errors, key=lambda error: error.row))
    if not rows:
        refuse(_("The file has a header but no catalogue rows."))
    return rows


def _header(table, party: bool) -> tuple[int, tuple[str, ...]]:
    """Find the header (title rows may sit above it) and check that it is exactly the sample layout's."""
    expected = PARTY_HEADER if party else HEADER
    for index, (number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        found = tuple(normalise(cell) for cell in cells)
        if found[0] != SEQUENCE:
            continue
        if found == expected:
            return index, expected
        if not party and found == PARTY_HEADER:
            return index, PARTY_HEADER  # accepted: a 公开范围 value is refused row by row
        if party and found == HEADER:
            refuse(_("A party catalogue needs the column %(column)s after %(last)s.")
                   % {"column": SCOPE, "last": LEVEL}, number)
        refuse(_("The header must be: %(expected)s. Found: %(found)s.")
               % {"expected": ", ".join(expected), "found": ", ".join(cells)[:400]}, number)
    refuse(_("No header row found; the first row must be: %(expected)s.") % {"expected": ", ".join(expected)},
           table[0][0])


def _parse_row(number: int, values: dict, party: bool) -> tuple[CatalogueRow | None, list[RowError]]:
    errors = []

    def check(column, parse):
        try:
            return parse(values[column])
        except ValueError as exc:
            errors.append(RowError(number, str(exc), column))

    for column, value in values.items():
        limit = CELL_LIMITS.get(column, MAX_CELL_CHARS)
        if len(value) > limit:
            errors.append(RowError(number, _("The cell has %(length)s characters; at most %(limit)s are allowed.")
                                   % {"length": len(value), "limit": limit}, column))
    first, second = values[FIRST], values[SECOND]
    if not first:
        errors.append(RowError(number, _("A second-level item needs its first-level item.") if second
                               else _("The first-level item is missing."), FIRST))
    time_limit = check(TIME_LIMIT, parse_time_limit)
    channels = check(CHANNELS, parse_channels)
    choices = {name: check(column, partial(parse_choice, kind, required=required))
               for column, kind, name, required in CHOICE_COLUMNS}
    scope = str(Scope.PUBLIC)
    if party:
        scope = check(SCOPE, partial(parse_choice, "scope", required=True))
    elif values.get(SCOPE):
        errors.append(RowError(number, _("Only party catalogues have a scope; leave %(column)s empty.")
                               % {"column": SCOPE}, SCOPE))
    if not party and channels and (inside := [label("channels", c) for c in channels if c in PARTY_CHANNELS]):
        errors.append(RowError(number, _("Channels inside the party are for party catalogues only: "
                                         "%(channels)s.") % {"channels": "、".join(inside)}, CHANNELS))
    if errors:
        return None, errors
    fields = {"content_elements": values[ELEMENTS], "legal_basis": values[BASIS], "responsible_body": values[BODY],
              **time_limit, "channels": channels, **choices, "scope": scope}
    return CatalogueRow(number, first, second, fields), []


def _duplicates(names: list[tuple[int, str, str]]) -> list[RowError]:
    """Rows naming the same (一级, 二级) item as an earlier row, valid or not."""
    seen, errors = {}, []
    for number, first, second in names:
        if not first:
            continue
        if (first, second) in seen:
            errors.append(RowError(number, _("The same item as row %(row)s.") % {"row": seen[(first, second)]},
                                   SECOND if second else FIRST))
        else:
            seen[(first, second)] = number
    return errors


def implicit_fields(children: list[dict], party: bool) -> dict:
    """The fields of a first-level item named only by its second-level rows: standing, no channels, and
    the narrowest audience and scope of those rows, so that the item is never wider than its rows."""
    return {
        "content_elements": "", "legal_basis": "", "responsible_body": "", "channels": [],
        "time_limit_kind": TimeLimitKind.STANDING, "cadence": "", "working_days": DEFAULT_PROMPT_WORKING_DAYS,
        "time_limit_note": "", "notice_min_working_days": None, "notice_min_days": None,
        "requires_interpretation": False, "due_month": None, "due_day": None,
        "manner": Manner.PROACTIVE, "disclosure_level": "",
        "audience": min((c["audience"] for c in children), key=AUDIENCE_WIDTH.__getitem__, default=Audience.PUBLIC),
        "scope": (min((c["scope"] for c in children), key=SCOPE_WIDTH.__getitem__, default=Scope.PUBLIC)
                  if party else Scope.PUBLIC),
    }
