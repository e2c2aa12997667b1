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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from dashboard.catalog import (
    PublicationInput,
    normalize_catalog_number,
    parse_flag,
    validate_publication,
)
from dashboard.errors import InputError
from dashboard.i18n import format_number
from dashboard.services.audit import Actor
from dashboard.services.catalog import (
    KEEPABLE_FIELDS,
    ImportSummary,
    publication_input,
    save_publications,
)
from db.models import Publication
from db.search_text import fold

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
HEADER_ROW_LABEL = ""
"""The column named by a problem that concerns the whole file, not one column."""
YES = "ya"
NO = "tidak"


@dataclass(frozen=True)
class CatalogColumn:
    field: str
    header: str
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[CatalogColumn, ...] = (
    CatalogColumn(
        "catalog_number", "Nomor katalog", True, ("no katalog", "no. katalog", "kode katalog")
    ),
    CatalogColumn("title", "Judul", True, ("judul publikasi",)),
    CatalogColumn("year", "Tahun", True, ("tahun terbit",)),
    CatalogColumn("subject", "Subjek", True),
    CatalogColumn("region", "Wilayah", False),
    CatalogColumn("isbn", "ISBN", False),
    CatalogColumn("issn", "ISSN", False),
    CatalogColumn("has_hardcopy", "Hardcopy", True, ("ada hardcopy", "hard copy")),
    CatalogColumn("hardcopy_stock", "Stok hardcopy", True, ("stok", "stock")),
    CatalogColumn("shelf_location", "Lokasi rak", False, ("rak",)),
    CatalogColumn("has_softcopy", "Softcopy", True, ("ada softcopy", "soft copy")),
    CatalogColumn("notes", "Catatan", False, ("keterangan",)),
    CatalogColumn("retired", "Ditarik", False, ("ditarik dari katalog",)),
)
CATALOG_COLUMNS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
ALL_FIELDS = frozenset(column.field for column in COLUMNS)
"""The headers the export writes, in order; the import understands them (and aliases)."""

EXPORT_MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


_COLUMN_BY_KEY: dict[str, CatalogColumn] = {
    _header_key(name): column
    for column in COLUMNS
    for name in (column.field, column.header, *column.aliases)
}


@dataclass(frozen=True)
class ImportProblem:
    """One problem of an import file. ``row`` counts as a spreadsheet does (header = 1, the
    first data row = 2); ``column`` is the header as the file writes it ('' for the file)."""

    row: int
    column: str
    message: str


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


class _FileProblem(Exception):
    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.problem = ImportProblem(row, HEADER_ROW_LABEL, message)


# -- reading the file into rows of cells ----------------------------------------------------

Cell = object
EMPTY_FILE = "Berkas kosong: tidak ada judul kolom maupun data."


def _is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() == "")


def _decode_utf8(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _FileProblem(
            "Berkas bukan UTF-8 (tersimpan sebagai UTF-16/Unicode). Simpan ulang sebagai "
            "“CSV UTF-8 (Comma delimited)” atau unggah berkas .xlsx."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise _FileProblem(
            f"Berkas bukan UTF-8: ada huruf yang tidak terbaca di baris {line} (mungkin "
            "disimpan sebagai ANSI/Windows-1252). Simpan ulang sebagai “CSV UTF-8 (Comma "
            "delimited)” atau unggah berkas .xlsx.",
            row=line,
        ) from error


def _delimiter(text: str) -> str:
    """The separator of the header line: semicolon (Excel with Indonesian settings), tab,
    or comma."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _read_csv(content: bytes) -> list[list[Cell]]:
    text = _decode_utf8(content)
    if not text.strip():
        raise _FileProblem(EMPTY_FILE)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise _FileProblem(f"Berkas CSV rusak: {error}.") from error


def _read_xlsx(content: bytes) -> list[list[Cell]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # an upload openpyxl cannot read, whatever the reason
        raise _FileProblem(
            "Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx)."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_table(filename: str, content: bytes) -> list[list[Cell]]:
    name = filename.lower()
    if not content.strip():
        raise _FileProblem(EMPTY_FILE)
    if content.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content)
    if name.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _FileProblem(
            "Format Excel lama (.xls) tidak didukung: simpan sebagai .xlsx atau CSV UTF-8."
        )
    return _read_csv(content)


# -- checking the rows -----------------------------------------------------------------------


@dataclass
class _Header:
    row: int
    columns: dict[int, CatalogColumn]
    written: dict[str, str]
    """field → the header as the file writes it."""
    missing: list[CatalogColumn]
    problems: list[ImportProblem]


def _read_header(cells: list[Cell], row: int) -> _Header:
    columns: dict[int, CatalogColumn] = {}
    written: dict[str, str] = {}
    problems: list[ImportProblem] = []
    known = ", ".join(CATALOG_COLUMNS)
    for index, cell in enumerate(cells):
        if _is_blank(cell):
            continue
        text = " ".join(str(cell).split())
        column = _COLUMN_BY_KEY.get(_header_key(text))
        if column is None:
            message = f"Kolom tidak dikenal: “{text}”. Kolom yang dikenal: {known}."
            problems.append(ImportProblem(row, text, message))
        elif column.field in written:
            message = f"Kolom “{text}” muncul dua kali (juga “{written[column.field]}”)."
            problems.append(ImportProblem(row, text, message))
        else:
            columns[index] = column
            written[column.field] = text
    missing = [column for column in COLUMNS if column.required and column.field not in written]
    problems.extend(
        ImportProblem(row, column.header, f"Kolom wajib tidak ada: “{column.header}”.")
        for column in missing
    )
    return _Header(row, columns, written, missing, problems)


def _unnamed_columns_with_data(
    header: _Header, data: list[tuple[int, list[Cell]]], header_cells: list[Cell]
) -> list[ImportProblem]:
    named = {index for index, cell in enumerate(header_cells) if not _is_blank(cell)}
    filled = sorted(
        {index for _, cells in data for index, cell in enumerate(cells) if not _is_blank(cell)}
        - named
    )
    return [
        ImportProblem(
            header.row,
            f"kolom {get_column_letter(index + 1)}",
            f"Kolom {get_column_letter(index + 1)} berisi data tetapi tidak berjudul.",
        )
        for index in filled
    ]


def _check_row(
    row: int, cells: list[Cell], header: _Header, current_year: int
) -> tuple[PublicationInput | None, bool | None, list[ImportProblem]]:
    """One data row: the entry (or None), its 'Ditarik' value, and its problems."""
    raw = {
        column.field: cells[index] if index < len(cells) else None
        for index, column in header.columns.items()
    }
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


def _duplicate_problems(data: list[tuple[int, list[Cell]]], header: _Header) -> list[ImportProblem]:
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
    try:
        table = _read_table(filename, content)
    except _FileProblem as problem:
        return ParsedCatalog([], [problem.problem])
    numbered = [(number, cells) for number, cells in enumerate(table, start=1)]
    filled = [(number, cells) for number, cells in numbered if not all(map(_is_blank, cells))]
    if not filled:
        return ParsedCatalog([], [ImportProblem(1, HEADER_ROW_LABEL, EMPTY_FILE)])
    (header_row, header_cells), data = filled[0], filled[1:]
    header = _read_header(header_cells, header_row)
    problems = [*header.problems, *_unnamed_columns_with_data(header, data, header_cells)]
    if not data:
        message = "Berkas hanya berisi judul kolom, tanpa baris data."
        problems.append(ImportProblem(header_row, HEADER_ROW_LABEL, message))
    if len(data) > MAX_IMPORT_ROWS:
        message = (
            f"Terlalu banyak baris ({format_number(len(data))}); "
            f"paling banyak {format_number(MAX_IMPORT_ROWS)}."
        )
        return ParsedCatalog([], [*problems, ImportProblem(header_row, HEADER_ROW_LABEL, message)])
    rows: list[PublicationInput] = []
    retired: dict[str, bool] = {}
    row_problems: list[ImportProblem] = _duplicate_problems(data, header)
    for row, cells in data:
        entry, retired_flag, found = _check_row(row, cells, header, current_year)
        row_problems.extend(found)
        if entry is not None:
            rows.append(entry)
            if retired_flag is not None:
                retired[entry.catalog_number] = retired_flag
    position = {text: index for index, text in enumerate(header.written.values())}
    row_problems.sort(key=lambda problem: (problem.row, position.get(problem.column, 0)))
    return ParsedCatalog(rows, [*problems, *row_problems], retired, frozenset(header.written))


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
    writer.writerows(_export_row(publication) for publication in publications)
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
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: a title starting with '=' is no formula
            cells.append(cell)
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
