"""The receipts book as XLSX, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.pnbp.books_export import (
    BOOK_HEADERS,
    BOOK_SHEET,
    DEPOSIT_HEADERS,
    DEPOSIT_SHEET,
    NO_RECEIPTS,
    RUPIAH_FORMAT,
    books_filename,
    books_period_text,
    books_title,
    books_xlsx,
)
from db.queries.sales import BookRow, DayTotal, DepositRow, ReceiptsBook, ReceiptTotal

DAY_1 = date(2026, 11, 26)
DAY_2 = date(2026, 11, 27)
TITLE = "Buku Kas Penerimaan PNBP BPS Kabupaten Muara Enim, November 2026"
HEADER_ROW = 4

ROWS = [
    BookRow(DAY_1, "0041/PST/1603/2026", "Budi (Unsri)", "DDA 2024 × 1", 100_000, False, 100_000),
    BookRow(DAY_1, "0042/PST/1603/2026", "Ani", "Statistik Daerah × 2", 50_000, True, 100_000),
    BookRow(DAY_1, "0043/PST/1603/2026", "Rina", "Cetak halaman × 25", 25_000, False, 125_000),
    BookRow(DAY_2, "0044/PST/1603/2026", "=1+1", "Data digital × 1", 0, False, 0),
    BookRow(DAY_2, "0045/PST/1603/2026", "Rudi", "Publikasi × 3", 1_250_500, False, 1_250_500),
]
BOOK = ReceiptsBook(
    ROWS,
    [
        DayTotal(DAY_1, receipts=2, voided=1, total=125_000),
        DayTotal(DAY_2, receipts=2, voided=0, total=1_250_500),
    ],
    ReceiptTotal(receipts=4, voided=1, total=1_375_500),
)
"""The rows with the sums the query takes of them in SQL (``tests/db/test_books.py``)."""
EMPTY = ReceiptsBook([], [], ReceiptTotal(0, 0, 0))


def _sheet(content: bytes, name: str = BOOK_SHEET) -> Worksheet:
    return load_workbook(io.BytesIO(content))[name]


def _values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row_labelled(sheet: Worksheet, label: str) -> int:
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
        if cell.value == label:
            return cell.row
    raise AssertionError(f"no row labelled {label!r}")


@pytest.fixture(scope="module")
def book() -> Worksheet:
    return _sheet(books_xlsx(BOOK, title=TITLE))


def test_title_and_headers(book: Worksheet) -> None:
    assert book["A1"].value == TITLE
    assert book["A1"].font.bold
    assert "BATAL" in book["A2"].value
    assert tuple(cell.value for cell in book[HEADER_ROW]) == BOOK_HEADERS
    assert BOOK_HEADERS == (
        "Tanggal",
        "Nomor kuitansi",
        "Penyetor",
        "Uraian",
        "Jumlah (Rp)",
        "Saldo berjalan (Rp)",
        "Status",
    )
    assert book.freeze_panes == f"A{HEADER_ROW + 1}"
    assert book.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert book.column_dimensions["D"].width > book.column_dimensions["A"].width


def test_every_receipt_is_a_row_in_book_order(book: Worksheet) -> None:
    first = HEADER_ROW + 1
    assert [book.cell(row, 2).value for row in range(first, first + 3)] == [
        "0041/PST/1603/2026",
        "0042/PST/1603/2026",
        "0043/PST/1603/2026",
    ]
    assert book.cell(first, 1).value == datetime(2026, 11, 26)
    assert book.cell(first, 1).number_format == "dd/mm/yyyy"
    assert [book.cell(first, column).value for column in range(3, 8)] == [
        "Budi (Unsri)",
        "DDA 2024 × 1",
        100_000,
        100_000,
        "Diterima",
    ]


def test_amounts_carry_the_rupiah_format(book: Worksheet) -> None:
    first = HEADER_ROW + 1
    for row in range(first, first + 3):
        assert book.cell(row, 5).number_format == RUPIAH_FORMAT == "#,##0"
        assert book.cell(row, 6).number_format == RUPIAH_FORMAT
    grand = _row_labelled(book, "Jumlah seluruhnya")
    assert book.cell(grand, 5).number_format == RUPIAH_FORMAT


def test_a_voided_receipt_is_shown_marked_and_not_counted(book: Worksheet) -> None:
    row = HEADER_ROW + 2
    assert book.cell(row, 2).value == "0042/PST/1603/2026"
    assert book.cell(row, 5).value == 50_000
    assert book.cell(row, 5).font.strike
    assert book.cell(row, 7).value == "BATAL"
    day_total = _row_labelled(book, "Jumlah 26 Nov 2026")
    assert book.cell(day_total, 5).value == 125_000
    assert book.cell(day_total, 7).value == "2 kuitansi, 1 batal"


def test_a_total_per_day_and_a_grand_total(book: Worksheet) -> None:
    first_day = _row_labelled(book, "Jumlah 26 Nov 2026")
    second_day = _row_labelled(book, "Jumlah 27 Nov 2026")
    grand = _row_labelled(book, "Jumlah seluruhnya")
    assert first_day < second_day < grand
    assert book.cell(first_day - 1, 2).value == "0043/PST/1603/2026"
    assert book.cell(second_day, 5).value == 1_250_500
    assert book.cell(second_day, 7).value == "2 kuitansi"
    assert book.cell(grand, 5).value == 1_375_500
    assert book.cell(grand, 7).value == "4 kuitansi, 1 batal"
    assert book.cell(grand, 5).font.bold
    assert grand == book.max_row


def test_text_that_looks_like_a_formula_stays_text(book: Worksheet) -> None:
    cell = book.cell(_row_labelled(book, "Jumlah 27 Nov 2026") - 2, 3)
    assert cell.value == "=1+1"
    assert cell.data_type == "s"


def test_an_empty_period_says_so_with_a_zero_total() -> None:
    sheet = _sheet(books_xlsx(EMPTY, title=TITLE))
    assert sheet.cell(HEADER_ROW + 1, 1).value == NO_RECEIPTS
    grand = _row_labelled(sheet, "Jumlah seluruhnya")
    assert sheet.cell(grand, 5).value == 0
    assert sheet.cell(grand, 7).value == "0 kuitansi"


def test_deposits_sheet_only_when_deposits_are_given() -> None:
    assert load_workbook(io.BytesIO(books_xlsx(BOOK, title=TITLE))).sheetnames == [BOOK_SHEET]
    deposits = [
        DepositRow(8, DAY_2, 1_250_500, "820261127000124", "ABCD1234EFGH5679", None, 1),
        DepositRow(7, DAY_2, 125_000, "820261127000123", "ABCD1234EFGH5678", "Setoran 26 Nov", 2),
    ]
    content = books_xlsx(BOOK, title=TITLE, deposits=deposits)
    assert load_workbook(io.BytesIO(content)).sheetnames == [BOOK_SHEET, DEPOSIT_SHEET]
    sheet = _sheet(content, DEPOSIT_SHEET)
    assert tuple(cell.value for cell in sheet[HEADER_ROW]) == DEPOSIT_HEADERS
    values = _values(sheet)
    assert values[HEADER_ROW] == [
        datetime(2026, 11, 27),
        "820261127000123",
        "ABCD1234EFGH5678",
        2,
        125_000,
        "Setoran 26 Nov",
    ]
    assert sheet.cell(HEADER_ROW + 1, 2).data_type == "s"  # 15 digits stay exact
    assert values[HEADER_ROW + 1][1] == "820261127000124"
    total = _row_labelled(sheet, "Jumlah disetor")
    assert sheet.cell(total, 5).value == 1_375_500
    assert sheet.cell(total, 5).number_format == RUPIAH_FORMAT
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"


def test_period_title_and_file_name() -> None:
    month = (date(2026, 11, 1), date(2026, 11, 30))
    assert books_period_text(*month) == "November 2026"
    assert books_period_text(DAY_1, DAY_1) == "Kamis, 26 November 2026"
    assert books_period_text(DAY_1, DAY_2) == "26 Nov 2026 s.d. 27 Nov 2026"
    assert books_title("BPS Kabupaten Muara Enim", *month) == TITLE
    assert books_filename(*month) == "buku-kas-penerimaan-2026-11.xlsx"
    assert books_filename(date(2026, 12, 1), date(2026, 12, 31)) == (
        "buku-kas-penerimaan-2026-12.xlsx"
    )
    assert books_filename(DAY_1, DAY_1) == "buku-kas-penerimaan-2026-11-26.xlsx"
    assert books_filename(DAY_1, DAY_2) == ("buku-kas-penerimaan-2026-11-26-sd-2026-11-27.xlsx")
