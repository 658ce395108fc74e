"""Fees for disclosure on application, 国办函〔2020〕109号 (docs/applications.md §5).

By number (按件计收): an applicant's applications to one office in one calendar month; 1–10 free,
11–30 ¥100 each, from the 31st each further band of 10 costs ¥100 more per application (31–40 ¥200,
41–50 ¥300, …).
By pages (按量计收), each part at its own rate: pages 1–30 free, 31–100 ¥10 a page, 101–200 ¥20 a page,
above 200 ¥40 a page.
"""

import math

from .choices import FeeMethod

PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (up to and including page, yuan per page)


def fee_for_nth_application(n: int) -> int:
    """The fee for an applicant's n-th application to the office in a calendar month."""
    if n < 1:
        raise ValueError("n starts at 1")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 + 100 * math.ceil((n - 30) / 10)


def fee_for_pages(pages: int) -> int:
    """The fee for ``pages`` pages, each band at its rate (200 pages: 70×10 + 100×20 = ¥2,700)."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total, lower = 0, 0
    for upper, rate in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def applicant_key(application) -> tuple:
    """Who counts as the same applicant: the ID or registration number, else name and phone."""
    if application.identity_number:
        return ("id", application.identity_number.strip().upper())
    return ("name", application.applicant_name.strip(), application.phone_last_four)


def position_in_month(application) -> int:
    """Which of its applicant's applications to the same office in the month of receipt this one is."""
    from .models import Application

    start = application.received_on.replace(day=1)
    same_month = Application.objects.filter(
        organisation_id=application.organisation_id, received_on__gte=start,
        received_on__lte=application.received_on)
    key = applicant_key(application)
    earlier = [other for other in same_month.only("pk", "identity_number", "applicant_name", "phone", "received_on")
               if applicant_key(other) == key
               and (other.received_on, other.pk) <= (application.received_on, application.pk)]
    return max(len(earlier), 1)


def compute_fee(application, method: str, pages: int = 0) -> int:
    if method == FeeMethod.BY_COUNT:
        return fee_for_nth_application(position_in_month(application))
    if method == FeeMethod.BY_PAGES:
        return fee_for_pages(pages)
    return 0
