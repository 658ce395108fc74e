"""Settings of the processes a fault test starts (``manage.py search_worker`` …): the test settings, with
the database the test shares (``DATABASE_URL``, read by config.settings.base) and the search index
directory the test names (``FAULTS_SEARCH_INDEX_DIR``) instead of a private temporary one."""

import os
from pathlib import Path

from config.settings.test import *

SEARCH_INDEX_DIR = Path(os.environ["FAULTS_SEARCH_INDEX_DIR"])
