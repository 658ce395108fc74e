"""Demo accounts: a superuser and one account per role for one village (with its village-affairs
supervisor, 村务监督委员会) and one township."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from cms.models import Organisation, Role, VillageRole

from .people import PeopleFactory

DEFAULT_PASSWORD = "demo-password-2026"
SUPERUSER = "admin"
# Account prefix -> the demo unit (organisations.UNITS key) whose groups its accounts join.
ROLE_ACCOUNT_UNITS = {"village": "dongshan_village", "township": "dongshan"}


def _roles(prefix: str) -> list[str]:
    """The roles with a demo account: every unit role, and the village supervisor for the village."""
    return [*Role, VillageRole.SUPERVISOR] if prefix == "village" else list(Role)


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    unit: str
    role: str
    created: bool


def ensure_accounts(units: dict[str, Organisation], people: PeopleFactory, password: str) -> list[Account]:
    """Create missing accounts with the given password and put each in its unit's group; existing
    accounts keep their password. The accounts share one documented password, so it is hashed once."""
    user_model = get_user_model()
    usernames = [SUPERUSER] + [f"{prefix}_{role.value}" for prefix in ROLE_ACCOUNT_UNITS for role in _roles(prefix)]
    missing = user_model.objects.filter(username__in=usernames).count() < len(usernames)
    hashed = make_password(password) if missing else ""
    accounts = []
    admin_name = people.name()
    admin, created = user_model.objects.get_or_create(
        username=SUPERUSER, defaults={"is_staff": True, "is_superuser": True, "password": hashed,
                                      "first_name": admin_name},  # 姓名 whole: cms.users.names
    )
    accounts.append(Account(SUPERUSER, admin.get_full_name(), "—", "superuser", created))
    for prefix, unit_key in ROLE_ACCOUNT_UNITS.items():
        organisation = units[unit_key]
        for role in _roles(prefix):
            full_name = people.name()
            username = f"{prefix}_{role.value}"
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"password": hashed, "first_name": full_name},
            )
            user.groups.add(organisation.group_for(role))
            accounts.append(Account(username, user.get_full_name(), organisation.name, role.value, created))
    return accounts


def demo_user(username: str = SUPERUSER):
    return get_user_model().objects.get(username=username)
