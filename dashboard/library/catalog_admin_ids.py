"""IDs of the *Katalog publikasi* page (/admin/katalog): the catalog grid, the form that adds
and edits one publication, the import with its validation report, and the export.

Each form field has ``FIELD_IDS[name]`` (its input) and ``FEEDBACK_IDS[name]`` (the message
beside it), keyed by the field names of ``dashboard.library.catalog.PublicationInput``, which
are also the keys of the messages the catalog services raise.
"""

from __future__ import annotations

import sys

from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.field_ids import feedback_ids

PAGE = "catalog-admin-page"

# -- page state ------------------------------------------------------------------------------
VERSION = "catalog-admin-version"
"""A store the write actions bump so that the grid and the counts are read again."""
EDITING = "catalog-admin-editing"
"""A store: ``{"id": publication_id, "retired": bool}`` of the entry in the form, or
``{"id": None}`` for a new entry."""

# -- header, banner, toolbar -----------------------------------------------------------------
COUNTS = "catalog-admin-counts"
SAMPLE_BANNER = "catalog-admin-sample-banner"
SAMPLE_NOTICE = "catalog-admin-sample-notice"
"""The notice inside the banner, shown while active sample entries remain."""
SAMPLE_RETIRE = "catalog-admin-sample-retire"
"""Confirm-then-retire every active sample entry (a confirm dialog around its button)."""
SAMPLE_RETIRE_BUTTON = "catalog-admin-sample-retire-button"
READ_ONLY_NOTE = "catalog-admin-read-only-note"
MESSAGE = "catalog-admin-message"
"""The outcome of the last action (saved, retired, imported), above the grid."""
QUICK_FILTER = "catalog-admin-quick-filter"
STATUS_FILTER = "catalog-admin-status-filter"
ADD = "catalog-admin-add"
IMPORT_OPEN = "catalog-admin-import-open"
EXPORT_CSV = "catalog-admin-export-csv"
EXPORT_XLSX = "catalog-admin-export-xlsx"
DOWNLOAD = "catalog-admin-download"
GRID = "catalog-admin-grid"

# -- the form (a modal) ----------------------------------------------------------------------
FORM_MODAL = "catalog-admin-form-modal"
FORM_TITLE = "catalog-admin-form-title"
FORM_STATUS = "catalog-admin-form-status"
FORM_ALERT = "catalog-admin-form-alert"
SAVE = "catalog-admin-save"
CANCEL = "catalog-admin-cancel"
RETIRE = "catalog-admin-retire"
"""Retires an active entry, or restores a retired one (the label says which)."""

CATALOG_NUMBER = "catalog-admin-catalog-number"
TITLE = "catalog-admin-title"
YEAR = "catalog-admin-year"
SUBJECT = "catalog-admin-subject"
REGION = "catalog-admin-region"
ISBN = "catalog-admin-isbn"
ISSN = "catalog-admin-issn"
HAS_HARDCOPY = "catalog-admin-has-hardcopy"
HARDCOPY_STOCK = "catalog-admin-hardcopy-stock"
SHELF_LOCATION = "catalog-admin-shelf-location"
HAS_SOFTCOPY = "catalog-admin-has-softcopy"
NOTES = "catalog-admin-notes"

FIELD_IDS: dict[str, str] = {
    "catalog_number": CATALOG_NUMBER,
    "title": TITLE,
    "year": YEAR,
    "subject": SUBJECT,
    "region": REGION,
    "isbn": ISBN,
    "issn": ISSN,
    "has_hardcopy": HAS_HARDCOPY,
    "hardcopy_stock": HARDCOPY_STOCK,
    "shelf_location": SHELF_LOCATION,
    "has_softcopy": HAS_SOFTCOPY,
    "notes": NOTES,
}
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)

# -- import (a modal) ------------------------------------------------------------------------
IMPORT_MODAL = "catalog-admin-import-modal"
IMPORT_UPLOAD = "catalog-admin-import-upload"
IMPORT_FILE_NAME = "catalog-admin-import-file-name"
IMPORT_CHECK = "catalog-admin-import-check"
"""The outcome of checking the uploaded file: accepted (with what it will do) or rejected."""
IMPORT_REPORT = "catalog-admin-import-report"
"""Where the grid of problems of a rejected file is shown."""
IMPORT_REPORT_GRID = "catalog-admin-import-report-grid"
"""The grid of problems (row, column, problem) of a rejected file."""
IMPORT_SUBMIT = "catalog-admin-import-submit"
IMPORT_RESULT = "catalog-admin-import-result"
IMPORT_CLOSE = "catalog-admin-import-close"

FORM_IDS = admin_form_ids(
    sys.modules[__name__],
    toggle=RETIRE,
    sample_action=SAMPLE_RETIRE,
    sample_button=SAMPLE_RETIRE_BUTTON,
)
"""The ids above under the names the shared admin-list layout and callbacks use."""
