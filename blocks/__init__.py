"""StreamField blocks of disclosure entries; every block stores structured values a typed API can expose.

Import from here (``from blocks import DisclosureBodyBlock``); the modules are an internal split.
"""

from . import table_widget  # noqa: F401  (registers the grid editor of financial tables)
from .body import *  # noqa: F401,F403
from .body import __all__ as _body
from .errors import *  # noqa: F401,F403
from .errors import __all__ as _errors
from .expenses import *  # noqa: F401,F403
from .expenses import __all__ as _expenses
from .media import *  # noqa: F401,F403
from .media import __all__ as _media
from .numbers import *  # noqa: F401,F403
from .numbers import __all__ as _numbers
from .people import *  # noqa: F401,F403
from .people import __all__ as _people
from .tables import *  # noqa: F401,F403
from .tables import __all__ as _tables
from .text import *  # noqa: F401,F403
from .text import __all__ as _text

__all__ = [*_body, *_errors, *_expenses, *_media, *_numbers, *_people, *_tables, *_text]
