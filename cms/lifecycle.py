"""An entry's life after drafting: time limits, notice periods, withdrawal and archiving."""


def clean_schedule(page) -> None:
    """Validate the notice period and time limit; raise ValidationError with field errors."""


def before_save(page) -> None:
    """Derive scheduling fields (due date, go-live and expiry from the notice period) before a save."""
