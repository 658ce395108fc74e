"""Demo of supervision: a 督查 account (``supervisor``, the demo password), one run of the content checks
without external links, and the county's circular for the third quarter of 2026, issued after National Day.
The year's assessment is computed on the assessment page from the default indicators. Safe to run again:
the circular is made once (regenerating in the admin makes version 2)."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from demo.loader import Stage

from .permissions import SUPERVISORS_GROUP

DEMO_QUARTER = (2026, 3)
DEMO_ISSUED_ON = datetime.date(2026, 10, 12)


def demo_stage(units: dict, password: str):
    started = time.perf_counter()
    created = ensure_demo_supervision(units, password)
    return Stage("supervision", created, time.perf_counter() - started)


def ensure_demo_supervision(units: dict, password: str) -> int:
    from .checks import run_checks
    from .circulars import generate
    from .models import CheckRun, Circular

    county = units.get("county")
    created = 0
    user, made = get_user_model().objects.get_or_create(
        username="supervisor", defaults={"password": make_password(password), "last_name": "督", "first_name": "查",
                                         "email": "supervisor@example.invalid"})
    user.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    created += made
    if not CheckRun.objects.exists():
        run_checks(external=False)
        created += 1
    if county is not None and not Circular.objects.filter(organisation=county, year=DEMO_QUARTER[0],
                                                          quarter=DEMO_QUARTER[1]).exists():
        generate(county, *DEMO_QUARTER, user=user, issued_on=DEMO_ISSUED_ON)
        created += 1
    return created
