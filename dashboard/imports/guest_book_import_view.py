"""The *Impor buku tamu* page as data: a checked file's rows as the preview lists them, and
where the example files are, free of Dash."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from dashboard.config import PROJECT_ROOT
from dashboard.i18n import format_day, format_rupiah
from dashboard.imports.guest_book_import import GuestBookCheck
from dashboard.imports.guest_book_rows import GuestBookRow
from db.reference_data import SERVICE_TYPE

EXAMPLES_DIR = PROJECT_ROOT / "examples"
EXAMPLE_STEM = "buku-tamu-contoh"
MAX_PREVIEW_ROWS = 1000
STATUS_NEW = "Baru"
STATUS_EXISTING = "Sudah ada"


def _found_text(found: bool | None) -> str:
    return {True: "Ya", False: "Tidak", None: ""}[found]


def preview_record(row: GuestBookRow, check: GuestBookCheck, new: bool) -> dict[str, Any]:
    """One row of the file as it will be stored (raw values to sort on, texts to show)."""
    return {
        "id": str(row.row),
        "row": row.row,
        "date": row.visit_date.isoformat(),
        "date_text": format_day(row.visit_date),
        "time": row.visit_time.strftime("%H:%M") if row.visit_time else "",
        "name": row.visitor.name,
        "gender": row.visitor.gender,
        "institution": row.visitor.institution or "",
        "service": check.vocabulary.label(SERVICE_TYPE, row.service_type),
        "request": row.request or "",
        "found": _found_text(row.found),
        "agency": row.referred_agency or "",
        "amount": row.amount or None,
        "amount_text": format_rupiah(row.amount) if row.amount else "",
        "receipt": row.receipt_number or "",
        "status": STATUS_NEW if new else STATUS_EXISTING,
    }


def preview_records(check: GuestBookCheck) -> list[dict[str, Any]]:
    """The file's rows (the first ``MAX_PREVIEW_ROWS``), each marked new or already there."""
    new_rows = {new.row.row for new in check.new_rows}
    rows = check.parsed.rows[:MAX_PREVIEW_ROWS]
    return [preview_record(row, check, row.row in new_rows) for row in rows]


def example_path(fmt: Literal["csv", "xlsx"]) -> Path:
    """The example guest book handed out on the page."""
    return EXAMPLES_DIR / f"{EXAMPLE_STEM}.{fmt}"
