"""The demo data set: an invented county (示范县) with its townships, villages and departments, demo
accounts, catalogues from the standard templates and a few hundred entries over two years.

Everything is invented: names are random combinations, telephone numbers are obvious office numbers,
addresses stop at the township. Run it with ``manage.py load_demo``; see loader.load_demo.
"""

from .accounts import DEFAULT_PASSWORD  # noqa: F401
from .loader import DemoReport, build_plan, load_demo  # noqa: F401
from .organisations import COUNTY_REGION_CODE, UNITS, find_county  # noqa: F401
from .plan import SIZES  # noqa: F401
