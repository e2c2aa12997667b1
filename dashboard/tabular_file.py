"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of cells under a checked header
row: what every import of the app shares (the catalog, past guest books); and the one way
every export writes a cell (``export_cell``, ``csv_cell``, ``put_xlsx_cell``), so that no
stored text can break a file or run as a formula in the spreadsheet that opens it.

A problem names its row as a spreadsheet numbers it (the header is row 1 when it is the
first line), its column as the file writes it, and an Indonesian message. Headers are
matched ignoring case, accents, spaces and punctuation, against each column's name and
aliases.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.cell import Cell as XlsxCell
from openpyxl.utils import get_column_letter

from dashboard.i18n import format_number
from db.search_text import fold

__all__ = [
    "EMPTY_FILE",
    "HEADER_ROW_LABEL",
    "Cell",
    "Column",
    "ColumnSet",
    "FileProblem",
    "Header",
    "ImportProblem",
    "Sheet",
    "csv_cell",
    "export_cell",
    "header_key",
    "is_blank",
    "put_xlsx_cell",
    "read_sheet",
    "read_table",
    "sort_problems",
]

Cell = object
"""A cell as read: text from a CSV; text, number, boolean, date/datetime/time or None from
an XLSX."""

HEADER_ROW_LABEL = ""
"""The column named by a problem that concerns the whole file, not one column."""
EMPTY_FILE = "Berkas kosong: tidak ada judul kolom maupun data."


@dataclass(frozen=True)
class ImportProblem:
    """One problem of an import file. ``row`` counts as a spreadsheet does (header = 1, the
    first data row = 2); ``column`` is the header as the file writes it ('' for the file)."""

    row: int
    column: str
    message: str


class FileProblem(Exception):
    """The file as a whole cannot be read."""

    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.problem = ImportProblem(row, HEADER_ROW_LABEL, message)


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() == "")


def header_key(text: str) -> str:
    """'Jenis Kelamin', 'jenis_kelamin' and 'JENIS-KELAMIN' are one key: 'jeniskelamin'."""
    return re.sub(r"[^a-z0-9]+", "", fold(text))


# -- writing a cell of an export -----------------------------------------------------------

_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What a spreadsheet cell cannot hold (XML 1.0 refuses it: openpyxl raises
``IllegalCharacterError``). New text never holds it (``dashboard.text_input``); older rows
may."""
UNWRITABLE_MARK = "\ufffd"
"""What an export writes in place of a character a cell cannot hold."""
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet program read a CSV cell as a formula."""
FORMULA_GUARD = "'"


def export_cell(value: object) -> object:
    """A value as every export writes it: text with each character a cell cannot hold
    replaced by ``UNWRITABLE_MARK`` (visible, so the row can be found and corrected); any
    other value unchanged."""
    return _UNWRITABLE.sub(UNWRITABLE_MARK, value) if isinstance(value, str) else value


def csv_cell(value: object) -> object:
    """``export_cell`` for a CSV file: a text starting like a formula gets a leading single
    quote (OWASP's advice against CSV injection), so that a spreadsheet shows it as text
    instead of running it. The imports take the quote off again (``read_table``)."""
    cell = export_cell(value)
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return FORMULA_GUARD + cell
    return cell


def put_xlsx_cell(cell: XlsxCell, value: object) -> XlsxCell:
    """Write ``export_cell(value)`` into an XLSX cell; text stays text (a payer named
    '=1+1' is no formula)."""
    cell.value = export_cell(value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _unguarded(cell: str) -> str:
    """A CSV cell without the quote ``csv_cell`` put before a formula-like text."""
    guarded = cell.startswith(FORMULA_GUARD) and cell[1:].startswith(FORMULA_PREFIXES)
    return cell[1:] if guarded else cell


# -- reading the file into rows of cells ----------------------------------------------------


def _decode_utf8(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            "Berkas bukan UTF-8 (tersimpan sebagai UTF-16/Unicode). Simpan ulang sebagai "
            "“CSV UTF-8 (Comma delimited)” atau unggah berkas .xlsx."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise FileProblem(
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
        raise FileProblem(EMPTY_FILE)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return [[_unguarded(cell) for cell in row] for row in rows]
    except csv.Error as error:
        raise FileProblem(f"Berkas CSV rusak: {error}.") from error


def _read_xlsx(content: bytes) -> list[list[Cell]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # an upload openpyxl cannot read, whatever the reason
        raise FileProblem(
            "Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx)."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(filename: str, content: bytes) -> list[list[Cell]]:
    """Every row of the file's cells: CSV in UTF-8 (with or without BOM, separated by
    commas, semicolons or tabs) or XLSX (the first sheet). Raises ``FileProblem``."""
    name = filename.lower()
    if not content.strip():
        raise FileProblem(EMPTY_FILE)
    if content.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content)
    if name.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            "Format Excel lama (.xls) tidak didukung: simpan sebagai .xlsx atau CSV UTF-8."
        )
    return _read_csv(content)


# -- the header row -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column an import understands: its field, the header it is documented under,
    whether a file must have it, and the other names it may go by."""

    field: str
    header: str
    required: bool
    aliases: tuple[str, ...] = ()


class ColumnSet:
    """The columns of one kind of file, found by any of their names; ``ignored`` names are
    columns a file may have that carry nothing to import (e.g. a running number 'No.')."""

    def __init__(self, columns: Sequence[Column], ignored: Iterable[str] = ()) -> None:
        self.columns = tuple(columns)
        self._by_key = {
            header_key(name): column
            for column in self.columns
            for name in (column.field, column.header, *column.aliases)
        }
        self._ignored = frozenset(header_key(name) for name in ignored) - set(self._by_key)

    def find(self, text: str) -> Column | None:
        return self._by_key.get(header_key(text))

    def ignores(self, text: str) -> bool:
        return header_key(text) in self._ignored

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


@dataclass
class Header:
    row: int
    columns: dict[int, Column]
    """cell index → the column found there."""
    written: dict[str, str]
    """field → the header as the file writes it."""
    missing: list[Column]
    problems: list[ImportProblem]

    def values(self, cells: Sequence[Cell]) -> dict[str, Cell]:
        """The cells of one data row by field (a short row leaves its last cells None)."""
        return {
            column.field: cells[index] if index < len(cells) else None
            for index, column in self.columns.items()
        }

    def column_of(self, field: str) -> str:
        """The header the file writes for ``field`` (its documented header if it has none)."""
        return self.written.get(field, field)


def _read_header(cells: Sequence[Cell], row: int, column_set: ColumnSet) -> Header:
    columns: dict[int, Column] = {}
    written: dict[str, str] = {}
    problems: list[ImportProblem] = []
    known = ", ".join(column_set.headers)
    for index, cell in enumerate(cells):
        if is_blank(cell):
            continue
        text = " ".join(str(cell).split())
        column = column_set.find(text)
        if column is None:
            if not column_set.ignores(text):
                message = f"Kolom tidak dikenal: “{text}”. Kolom yang dikenal: {known}."
                problems.append(ImportProblem(row, text, message))
        elif column.field in written:
            message = f"Kolom “{text}” muncul dua kali (juga “{written[column.field]}”)."
            problems.append(ImportProblem(row, text, message))
        else:
            columns[index] = column
            written[column.field] = text
    missing = [c for c in column_set.columns if c.required and c.field not in written]
    problems.extend(
        ImportProblem(row, column.header, f"Kolom wajib tidak ada: “{column.header}”.")
        for column in missing
    )
    return Header(row, columns, written, missing, problems)


def _unnamed_columns_with_data(
    header_row: int, header_cells: Sequence[Cell], data: Sequence[tuple[int, Sequence[Cell]]]
) -> list[ImportProblem]:
    named = {index for index, cell in enumerate(header_cells) if not is_blank(cell)}
    filled = sorted(
        {index for _, cells in data for index, cell in enumerate(cells) if not is_blank(cell)}
        - named
    )
    return [
        ImportProblem(
            header_row,
            f"kolom {get_column_letter(index + 1)}",
            f"Kolom {get_column_letter(index + 1)} berisi data tetapi tidak berjudul.",
        )
        for index in filled
    ]


# -- the whole sheet ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """A file read under its header: the data rows (numbered as the spreadsheet numbers
    them, blank rows left out) and the problems of the file and its header. ``header`` is
    None when the file could not be read at all; ``data`` is empty when there is nothing to
    check row by row (no data, or too many rows)."""

    header: Header | None
    data: list[tuple[int, list[Cell]]]
    problems: list[ImportProblem]


def read_sheet(filename: str, content: bytes, column_set: ColumnSet, *, max_rows: int) -> Sheet:
    """Read the file and check its header row (the first non-blank row)."""
    try:
        table = read_table(filename, content)
    except FileProblem as problem:
        return Sheet(None, [], [problem.problem])
    filled = [
        (number, cells)
        for number, cells in enumerate(table, start=1)
        if not all(map(is_blank, cells))
    ]
    if not filled:
        return Sheet(None, [], [ImportProblem(1, HEADER_ROW_LABEL, EMPTY_FILE)])
    (header_row, header_cells), data = filled[0], filled[1:]
    header = _read_header(header_cells, header_row, column_set)
    problems = [*header.problems, *_unnamed_columns_with_data(header_row, header_cells, data)]
    if not data:
        message = "Berkas hanya berisi judul kolom, tanpa baris data."
        problems.append(ImportProblem(header_row, HEADER_ROW_LABEL, message))
    if len(data) > max_rows:
        message = (
            f"Terlalu banyak baris ({format_number(len(data))}); "
            f"paling banyak {format_number(max_rows)}."
        )
        return Sheet(header, [], [*problems, ImportProblem(header_row, HEADER_ROW_LABEL, message)])
    return Sheet(header, data, problems)


def sort_problems(problems: Iterable[ImportProblem], header: Header) -> list[ImportProblem]:
    """Problems by row, then in the order of the file's columns."""
    position = {text: index for index, text in enumerate(header.written.values())}
    return sorted(problems, key=lambda problem: (problem.row, position.get(problem.column, 0)))
