"""The demo's organisation tree: one invented county (示范县, region code 330199) with departments,
three townships with a department or two each, and two villages under every township.

Region codes follow the national pattern (6-digit county, 9-digit township: 1xx towns, 2xx
townships; 12-digit village) but 330199 is not a real county. Addresses stop at the township;
telephone numbers are obviously invented office numbers (0571-8000xxxx), never mobiles.
"""

from dataclasses import dataclass

from cms.models import Domain, Organisation, OrganisationLevel
from cms.units import create_organisation

from .people import PeopleFactory

COUNTY_REGION_CODE = "330199"
UNIT_DEPARTMENT_CODE = "000"  # the unit itself; its departments count from 001
COUNTY_NAME = "示范县"

PARTY_GOVERNMENT = (Domain.PARTY, Domain.GOVERNMENT)
PARTY_VILLAGE = (Domain.PARTY, Domain.VILLAGE)


@dataclass(frozen=True)
class UnitSpec:
    key: str
    parent: str | None
    name: str
    short_name: str
    level: str
    region_code: str
    department_code: str
    leader_title: str
    office: str
    township: str  # the township the office is in: the finest address the demo gives

    @property
    def domains(self) -> tuple[str, ...]:
        return PARTY_VILLAGE if self.level == OrganisationLevel.VILLAGE else PARTY_GOVERNMENT


def _county_department(key, name, short_name, code, leader_title):
    return UnitSpec(key, "county", f"{COUNTY_NAME}{name}", short_name, OrganisationLevel.DEPARTMENT,
                    COUNTY_REGION_CODE, code, leader_title, f"{short_name}办公室", "城关镇")


def _township(key, name, region_code):
    return UnitSpec(key, "county", f"{COUNTY_NAME}{name}", name, OrganisationLevel.TOWNSHIP, region_code,
                    UNIT_DEPARTMENT_CODE, "党委书记", "党政综合办公室", name)


def _township_department(key, parent, township, name, code, leader_title):
    return UnitSpec(key, parent, f"{COUNTY_NAME}{township}{name}", f"{township}{name}",
                    OrganisationLevel.DEPARTMENT, TOWNSHIP_CODES[parent], code, leader_title, name, township)


def _village(key, parent, township, name, region_code):
    return UnitSpec(key, parent, f"{township}{name}", name, OrganisationLevel.VILLAGE, region_code,
                    UNIT_DEPARTMENT_CODE, "村党组织书记、村委会主任", "村民委员会", township)


TOWNSHIP_CODES = {"chengguan": "330199100", "qingxi": "330199101", "dongshan": "330199200"}

UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("county", None, COUNTY_NAME, COUNTY_NAME, OrganisationLevel.COUNTY, COUNTY_REGION_CODE,
             UNIT_DEPARTMENT_CODE, "县委副书记、县长", "县政府办公室（县政务公开办）", "城关镇"),
    _county_department("finance", "财政局", "县财政局", "001", "局长"),
    _county_department("civil_affairs", "民政局", "县民政局", "002", "局长"),
    _county_department("natural_resources", "自然资源和规划局", "县自然资源和规划局", "003", "局长"),
    _county_department("agriculture", "农业农村局", "县农业农村局", "004", "局长"),
    _county_department("human_resources", "人力资源和社会保障局", "县人力社保局", "005", "局长"),
    _county_department("housing", "住房和城乡建设局", "县住建局", "006", "局长"),
    _township("chengguan", "城关镇", TOWNSHIP_CODES["chengguan"]),
    _township("qingxi", "青溪镇", TOWNSHIP_CODES["qingxi"]),
    _township("dongshan", "东山乡", TOWNSHIP_CODES["dongshan"]),
    _township_department("chengguan_finance", "chengguan", "城关镇", "财政所", "001", "所长"),
    _township_department("chengguan_social", "chengguan", "城关镇", "社会事务办公室", "002", "主任"),
    _township_department("qingxi_finance", "qingxi", "青溪镇", "财政所", "001", "所长"),
    _township_department("dongshan_agriculture", "dongshan", "东山乡", "农业综合服务中心", "001", "主任"),
    _village("nanjie", "chengguan", "城关镇", "南街村", "330199100201"),
    _village("liuwan", "chengguan", "城关镇", "柳湾村", "330199100202"),
    _village("qingxi_village", "qingxi", "青溪镇", "青溪村", "330199101201"),
    _village("zhuyuan", "qingxi", "青溪镇", "竹园村", "330199101202"),
    _village("dongshan_village", "dongshan", "东山乡", "东山村", "330199200201"),
    _village("shiqiao", "dongshan", "东山乡", "石桥村", "330199200202"),
)
UNITS_BY_KEY = {spec.key: spec for spec in UNITS}


def office_phone(number: int) -> str:
    """An obviously invented office landline of the county's area code."""
    return f"0571-8000{number:04d}"


def find_county() -> Organisation | None:
    """The demo's marker: the county with the demo region code."""
    return Organisation.objects.filter(region_code=COUNTY_REGION_CODE, department_code=UNIT_DEPARTMENT_CODE).first()


def ensure_organisations(people: PeopleFactory, keys: frozenset[str] | None = None,
                         ) -> tuple[dict[str, Organisation], int]:
    """Create the units named by ``keys`` (all when None) that are missing, with sections, catalogues and
    groups; return them by key and how many were created. Names are drawn for every unit, created or
    not, so that a unit gets the same leader whatever was created before."""
    units: dict[str, Organisation] = {}
    created = 0
    for index, spec in enumerate(UNITS, start=1):
        leader = f"{people.name()}（{spec.leader_title}）"
        if keys is not None and spec.key not in keys:
            continue
        existing = Organisation.objects.filter(region_code=spec.region_code,
                                               department_code=spec.department_code).first()
        if existing is not None:
            units[spec.key] = existing
            continue
        parent = units[spec.parent] if spec.parent else None
        units[spec.key] = create_organisation(
            parent,
            name=spec.name,
            short_name=spec.short_name,
            level=spec.level,
            region_code=spec.region_code,
            department_code=spec.department_code,
            publishes_party=Domain.PARTY in spec.domains,
            publishes_government=Domain.GOVERNMENT in spec.domains,
            publishes_village=Domain.VILLAGE in spec.domains,
            leader=leader,
            office=f"{spec.short_name}{spec.office}" if spec.level == OrganisationLevel.VILLAGE else spec.office,
            contact_phone=office_phone(100 + index),
            address=f"浙江省{COUNTY_NAME}{spec.township}",
        )
        created += 1
    return units, created
