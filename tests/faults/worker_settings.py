"""Settings of the processes a fault test starts (``manage.py search_worker`` …): the test settings, with
the database the test shares (``DATABASE_URL``, read by config.settings.base) and the search index
directory the test names (``FAULTS_SEARCH_INDEX_DIR``) instead of a private temporary one."""

import os
from pathlib import Path

from config.settings.test import *

SEARCH_INDEX_DIR = Path(os.environ["FAULTS_SEARCH_INDEX_DIR"])
# The language of the product (zh-hans) where a test asks for it: what an operator reads on queued tasks.
LANGUAGE_CODE = os.environ.get("FAULTS_LANGUAGE_CODE", LANGUAGE_CODE)  # noqa: F405
