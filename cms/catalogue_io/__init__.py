"""Catalogue import and export in the 国办发〔2019〕54号 sample layout, and standard catalogue templates.

A file is checked whole before anything is written and refused whole, with every bad row's number and
reason, if any row is bad. Import it from here:

    read_catalogue_file(data, domain, format=None) -> list[CatalogueRow]   # validate only
    import_catalogue(catalogue, data, format=None, user=None, publish=True) -> ImportSummary
    export_catalogue(catalogue, format="xlsx") -> bytes
    apply_template(catalogue, template_name, user=None, publish=True) -> ImportSummary
    start_import(catalogue, user, file_name, data) -> CatalogueImportJob   # a background job (jobs.py)
"""

from .access import (  # noqa: F401
    EXPORT_ACTIONS, IMPORT_ACTIONS, exportable_catalogues, importable_catalogues, may_publish,
)
from .errors import CatalogueFileError, CatalogueNotFound, RowError  # noqa: F401
from .files import CONTENT_TYPES, FORMATS, MAX_FILE_BYTES, MAX_ROWS, detect_format, read_table  # noqa: F401
from .jobs import fail_abandoned, import_job, run_job, start_import  # noqa: F401
from .lookup import find_catalogue, find_organisation, parse_domain  # noqa: F401
from .rows import CatalogueRow, read_catalogue_file, validate_rows  # noqa: F401
from .service import (  # noqa: F401
    ImportSummary, catalogue_rows, export_catalogue, export_filename, import_catalogue, import_rows,
)
from .templates import CatalogueTemplate, apply_template, get_template, list_templates  # noqa: F401
from .vocabulary import HEADER, PARTY_HEADER, VOCABULARY, normalise  # noqa: F401
