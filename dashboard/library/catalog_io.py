"""Importing and exporting the catalog as CSV or XLSX.

An import is checked whole before anything is stored: every problem is reported with its
row (as a spreadsheet numbers it: the header is row 1), its column (as the file names it)
and an Indonesian message, and a file with any problem imports nothing. A clean file adds
new catalog numbers and updates the existing ones, all in the caller's one transaction.

The export writes the headers of ``CATALOG_COLUMNS``; importing an export gives back the
same catalog. Headers are matched ignoring case, spaces and punctuation, in Indonesian (as
exported) or as the English field names (``catalog_number``, ``has_hardcopy``…).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.library.catalog import (
    PublicationInput,
    normalize_catalog_number,
    parse_flag,
    validate_publication,
)
from dashboard.library.catalog_service import (
    KEEPABLE_FIELDS,
    ImportSummary,
    publication_input,
    save_publications,
)
from dashboard.tabular_file import (
    Cell,
    Column,
    ColumnSet,
    Header,
    ImportProblem,
    csv_cell,
    put_xlsx_cell,
    read_sheet,
    sort_problems,
)
from db.models import Publication

__all__ = [
    "CATALOG_COLUMNS",
    "EXPORT_MEDIA_TYPES",
    "ImportProblem",
    "ImportSummary",
    "ParsedCatalog",
    "export_catalog",
    "export_filename",
    "import_catalog",
    "parse_catalog_file",
]

MAX_IMPORT_ROWS = 100_000
YES = "ya"
NO = "tidak"

COLUMNS: tuple[Column, ...] = (
    Column("catalog_number", "Nomor katalog", True, ("no katalog", "no. katalog", "kode katalog")),
    Column("title", "Judul", True, ("judul publikasi",)),
    Column("year", "Tahun", True, ("tahun terbit",)),
    Column("subject", "Subjek", True),
    Column("region", "Wilayah", False),
    Column("isbn", "ISBN", False),
    Column("issn", "ISSN", False),
    Column("has_hardcopy", "Hardcopy", True, ("ada hardcopy", "hard copy")),
    Column("hardcopy_stock", "Stok hardcopy", True, ("stok", "stock")),
    Column("shelf_location", "Lokasi rak", False, ("rak",)),
    Column("has_softcopy", "Softcopy", True, ("ada softcopy", "soft copy")),
    Column("notes", "Catatan", False, ("keterangan",)),
    Column("retired", "Ditarik", False, ("ditarik dari katalog",)),
)
CATALOG_COLUMNS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
"""The headers the export writes, in order; the import understands them (and aliases)."""
ALL_FIELDS = frozenset(column.field for column in COLUMNS)
_COLUMN_SET = ColumnSet(COLUMNS)

EXPORT_MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ParsedCatalog:
    """The valid rows of an import file and every problem found; ``retired`` holds the
    'Ditarik' value of each catalog number when the file has that column."""

    rows: list[PublicationInput]
    problems: list[ImportProblem]
    retired: dict[str, bool] = field(default_factory=dict)
    columns: frozenset[str] = ALL_FIELDS
    """The fields the file has a column for; an existing entry keeps the optional ones the
    file leaves out (a file with no 'Catatan' column does not erase the notes)."""


# -- checking the rows -----------------------------------------------------------------------


def _check_row(
    row: int, cells: list[Cell], header: Header, current_year: int
) -> tuple[PublicationInput | None, bool | None, list[ImportProblem]]:
    """One data row: the entry (or None), its 'Ditarik' value, and its problems."""
    raw = header.values(cells)
    problems: list[ImportProblem] = []
    retired: bool | None = None
    if "retired" in raw:
        retired = parse_flag(raw.pop("retired"))
        if retired is None:
            problems.append(
                ImportProblem(
                    row, header.written["retired"], "Isian tidak dikenal; tulis ya atau tidak."
                )
            )
    missing = {column.field for column in header.missing}
    try:
        entry: PublicationInput | None = validate_publication(raw, current_year=current_year)
    except InputError as error:
        entry = None
        problems.extend(
            ImportProblem(row, header.written.get(name, name), message)
            for name, message in error.errors.items()
            if name not in missing
        )
    return entry, retired, problems


def _duplicate_problems(data: list[tuple[int, list[Cell]]], header: Header) -> list[ImportProblem]:
    index = next((i for i, c in header.columns.items() if c.field == "catalog_number"), None)
    if index is None:
        return []
    first_row: dict[str, int] = {}
    problems: list[ImportProblem] = []
    for row, cells in data:
        try:
            number = normalize_catalog_number(cells[index] if index < len(cells) else None)
        except InputError:
            continue
        if number in first_row:
            message = f"Nomor katalog {number} ganda: sudah dipakai di baris {first_row[number]}."
            problems.append(ImportProblem(row, header.written["catalog_number"], message))
        else:
            first_row[number] = row
    return problems


def parse_catalog_file(filename: str, content: bytes, *, current_year: int) -> ParsedCatalog:
    """Read and check an import file (CSV in UTF-8, with or without BOM, separated by commas,
    semicolons or tabs; or XLSX, first sheet). Nothing is stored here."""
    sheet = read_sheet(filename, content, _COLUMN_SET, max_rows=MAX_IMPORT_ROWS)
    header = sheet.header
    if header is None:
        return ParsedCatalog([], sheet.problems)
    rows: list[PublicationInput] = []
    retired: dict[str, bool] = {}
    row_problems: list[ImportProblem] = _duplicate_problems(sheet.data, header)
    for row, cells in sheet.data:
        entry, retired_flag, found = _check_row(row, cells, header, current_year)
        row_problems.extend(found)
        if entry is not None:
            rows.append(entry)
            if retired_flag is not None:
                retired[entry.catalog_number] = retired_flag
    problems = [*sheet.problems, *sort_problems(row_problems, header)]
    return ParsedCatalog(rows, problems, retired, frozenset(header.written))


def import_catalog(session: Session, actor: Actor, parsed: ParsedCatalog) -> ImportSummary:
    """Store a checked file: add new catalog numbers, update existing ones (optional columns
    the file leaves out keep their stored values). Refused whole (``InputError`` on the
    form, nothing changed) when the file has any problem."""
    if parsed.problems:
        count = len(parsed.problems)
        raise InputError.form(
            f"Impor dibatalkan: berkas masih memiliki {count} masalah. Perbaiki semuanya lalu "
            "unggah lagi; belum ada yang diimpor."
        )
    if not parsed.rows:
        raise InputError.form("Tidak ada baris untuk diimpor.")
    keep = KEEPABLE_FIELDS - parsed.columns
    return save_publications(session, actor, parsed.rows, retired=parsed.retired, keep=keep)


# -- export ----------------------------------------------------------------------------------


def _flag_text(value: bool) -> str:
    return YES if value else NO


def _export_row(publication: Publication) -> list[object]:
    data = publication_input(publication)
    values: dict[str, object] = {
        "catalog_number": data.catalog_number,
        "title": data.title,
        "year": data.year,
        "subject": data.subject,
        "region": data.region or "",
        "isbn": data.isbn or "",
        "issn": data.issn or "",
        "has_hardcopy": _flag_text(data.has_hardcopy),
        "hardcopy_stock": data.hardcopy_stock,
        "shelf_location": data.shelf_location or "",
        "has_softcopy": _flag_text(data.has_softcopy),
        "notes": data.notes or "",
        "retired": _flag_text(publication.retired_at is not None),
    }
    return [values[column.field] for column in COLUMNS]


def _export_csv(publications: Sequence[Publication]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows accented letters correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CATALOG_COLUMNS)
    writer.writerows(map(csv_cell, _export_row(publication)) for publication in publications)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


_COLUMN_WIDTHS = {"title": 60, "notes": 40, "catalog_number": 24, "region": 28}


def _export_xlsx(publications: Sequence[Publication]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Katalog")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        width = _COLUMN_WIDTHS.get(column.field, max(12, len(column.header) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for text in CATALOG_COLUMNS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for publication in publications:
        cells: list[WriteOnlyCell | None] = []
        for value in _export_row(publication):
            if value == "":
                cells.append(None)  # an empty cell is left out of the sheet
                continue
            cells.append(put_xlsx_cell(WriteOnlyCell(sheet), value))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_catalog(publications: Sequence[Publication], fmt: Literal["csv", "xlsx"]) -> bytes:
    """The publications as a file with the ``CATALOG_COLUMNS`` headers (retired ones are
    marked in 'Ditarik'); importing it gives back the same catalog."""
    if fmt == "csv":
        return _export_csv(publications)
    if fmt == "xlsx":
        return _export_xlsx(publications)
    raise ValueError(f"unknown export format {fmt!r}")


def export_filename(fmt: str, day: date) -> str:
    """The download's file name, e.g. 'katalog-pst-2026-11-26.xlsx'."""
    return f"katalog-pst-{day.isoformat()}.{fmt}"
