"""What a refused file reports: every bad row with its number, column and reason."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    row: int  # the row's number in the file (the header is usually row 1); 0: the file as a whole
    message: str
    column: str = ""

    def __str__(self):
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row and self.column:
            return _("row %(row)s, %(column)s: %(message)s") % values
        if self.row:
            return _("row %(row)s: %(message)s") % values
        if self.column:
            return _("file, %(column)s: %(message)s") % values
        return _("file: %(message)s") % values


class CatalogueFileError(Exception):
    """The file is refused whole; `errors` lists every reason. Nothing has been written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


class CatalogueNotFound(LookupError):
    """No such unit, catalogue or template."""


def refuse(message: str, row: int = 0, column: str = ""):
    raise CatalogueFileError([RowError(row, message, column)])
