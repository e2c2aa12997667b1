"""IDs of the *Impor buku tamu* page (/admin/impor-buku-tamu): the column guide with the
example files, the upload, the check of the file (its problems, or a preview of the rows),
and the import."""

from __future__ import annotations

PAGE = "guest-book-import-page"

# -- the column guide and the example files -------------------------------------------------
COLUMNS_GUIDE = "guest-book-import-columns-guide"
"""The table of the columns a file may have, their other names and whether they are required."""
EXAMPLE_CSV = "guest-book-import-example-csv"
EXAMPLE_XLSX = "guest-book-import-example-xlsx"
DOWNLOAD = "guest-book-import-download"

# -- the file and its check -----------------------------------------------------------------
UPLOAD = "guest-book-import-upload"
FILE_NAME = "guest-book-import-file-name"
CHECK = "guest-book-import-check"
"""The outcome of checking the uploaded file: valid (with what an import adds) or rejected."""
REPORT = "guest-book-import-report"
"""Where the grid of problems of a rejected file is shown."""
REPORT_GRID = "guest-book-import-report-grid"
"""The problems of a rejected file: row, column, problem."""
PREVIEW = "guest-book-import-preview"
"""Where the rows of a valid file are shown as they will be stored."""
PREVIEW_GRID = "guest-book-import-preview-grid"

# -- the import -----------------------------------------------------------------------------
SUBMIT = "guest-book-import-submit"
RESULT = "guest-book-import-result"
"""The outcome of the import: what was stored, or why nothing was."""
