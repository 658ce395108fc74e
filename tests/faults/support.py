"""Helpers of the fault tests: management commands run in this process, and the consistency check."""

import io

from django.core.management import call_command
from django.utils import translation


def command(name: str, *args) -> str:
    """Run ``manage.py <name>`` in this process and return its output, in English (the messages the tests
    read; a request earlier in the test may have left another language active)."""
    output = io.StringIO()
    with translation.override("en"):
        call_command(name, *args, stdout=output, stderr=io.StringIO())
    return output.getvalue()


def check_consistent() -> str:
    """``manage.py search_check`` over every indexed entry: asserts that nothing is missing, extra or stale."""
    report = command("search_check", "--sample", "100000")
    assert "missing from the index: 0 " in report and report.splitlines()[-1] == "consistent", report
    return report
