"""The personal-data guard: no path makes an entry live while it has unmasked findings."""


def assert_may_go_live(page) -> None:
    """Raise django.core.exceptions.ValidationError listing the findings, unless exempted on that revision."""
