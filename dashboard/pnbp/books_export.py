"""The treasurer's books as an Excel workbook: the daily receipts book (*buku kas
penerimaan*) and, when given, the deposits to the state treasury (*setoran*).

Amounts are written as numbers with the format ``#,##0``, so Excel shows them with the
reader's own grouping (1.250.000 in an Indonesian Excel) and they can still be summed.
Totals are written as values, the sums the query took (``db.queries.sales.receipts_book``):
a voided receipt is listed, marked BATAL and struck through, and counted in no total.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from babel.dates import format_date
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.i18n import LOCALE, format_day, format_long_day, format_number
from dashboard.pnbp.rules import STATUS_RECEIVED, STATUS_VOID
from dashboard.tabular_file import put_xlsx_cell
from db.queries.sales import BookRow, DayTotal, DepositRow, ReceiptsBook, ReceiptTotal

BOOK_SHEET = "Buku kas penerimaan"
DEPOSIT_SHEET = "Setoran"
BOOK_HEADERS = (
    "Tanggal",
    "Nomor kuitansi",
    "Penyetor",
    "Uraian",
    "Jumlah (Rp)",
    "Saldo berjalan (Rp)",
    "Status",
)
DEPOSIT_HEADERS = (
    "Tanggal setor",
    "Kode billing SIMPONI",
    "NTPN",
    "Banyak kuitansi",
    "Jumlah (Rp)",
    "Keterangan",
)
RUPIAH_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
BOOK_NOTE = "Jumlah dalam rupiah. Kuitansi BATAL tetap tercantum, tetapi tidak dihitung."
DEPOSIT_TITLE = "Setoran PNBP ke kas negara"
DEPOSIT_NOTE = "Jumlah dalam rupiah."
NO_RECEIPTS = "Tidak ada kuitansi pada periode ini."
NO_DEPOSITS = "Tidak ada setoran pada periode ini."

_BOOK_WIDTHS = (12, 22, 30, 56, 15, 18, 11)
_DEPOSIT_WIDTHS = (13, 22, 21, 15, 16, 44)
_HEADER_ROW = 4
"""Title, note and a blank row come first; the column headers are on row 4."""

_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(italic=True, color="595959")
_VOID_FONT = Font(color="808080", italic=True)
_VOID_AMOUNT_FONT = Font(color="808080", italic=True, strike=True)
_HEADER_FILL = PatternFill("solid", start_color="D9D9D9")
_DAY_TOTAL_FILL = PatternFill("solid", start_color="F2F2F2")
_THIN = Side(style="thin", color="808080")
_HEADER_BORDER = Border(top=_THIN, bottom=_THIN)
_TOTAL_BORDER = Border(top=_THIN)
_GRAND_TOTAL_BORDER = Border(top=_THIN, bottom=Side(style="double", color="000000"))
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_RIGHT = Alignment(horizontal="right", vertical="top")


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """A cell with ``value``, written as every export writes one (``put_xlsx_cell``)."""
    return put_xlsx_cell(sheet.cell(row=row, column=column), value)


def _put_day(sheet: Worksheet, row: int, column: int, day: object) -> Cell:
    """A date cell (dd/mm/yyyy) at the top of its row."""
    cell = _put(sheet, row, column, day)
    cell.number_format = DATE_FORMAT
    cell.alignment = _TOP
    return cell


def _put_money(sheet: Worksheet, row: int, column: int, amount: int) -> Cell:
    cell = _put(sheet, row, column, amount)
    cell.number_format = RUPIAH_FORMAT
    cell.alignment = _RIGHT
    return cell


def _start_sheet(
    sheet: Worksheet, title: str, note: str, headers: Sequence[str], widths: Sequence[int]
) -> None:
    """Title, note, column headers (frozen, repeated on every printed page) and widths."""
    last = get_column_letter(len(headers))
    _put(sheet, 1, 1, title).font = _TITLE_FONT
    sheet.merge_cells(f"A1:{last}1")
    _put(sheet, 2, 1, note).font = _NOTE_FONT
    sheet.merge_cells(f"A2:{last}2")
    for column, header in enumerate(headers, start=1):
        cell = _put(sheet, _HEADER_ROW, column, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _receipt_row(sheet: Worksheet, row: int, receipt: BookRow) -> None:
    _put_day(sheet, row, 1, receipt.day)
    _put(sheet, row, 2, receipt.receipt_number).alignment = _TOP
    _put(sheet, row, 3, receipt.payer).alignment = _WRAP_TOP
    _put(sheet, row, 4, receipt.description).alignment = _WRAP_TOP
    amount = _put_money(sheet, row, 5, receipt.amount)
    _put_money(sheet, row, 6, receipt.running_total)
    _put(sheet, row, 7, STATUS_VOID if receipt.voided else STATUS_RECEIVED).alignment = _TOP
    if receipt.voided:
        for column in (1, 2, 3, 4, 6, 7):
            sheet.cell(row=row, column=column).font = _VOID_FONT
        amount.font = _VOID_AMOUNT_FONT


def _total_row(
    sheet: Worksheet,
    row: int,
    label: str,
    amount: int,
    status: str,
    *,
    border: Border,
    fill: PatternFill | None = None,
) -> None:
    """A total: its label right-aligned over the first four columns, the amount under
    'Jumlah', a count under 'Status'."""
    _put(sheet, row, 1, label).alignment = Alignment(horizontal="right")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    _put_money(sheet, row, 5, amount)
    _put(sheet, row, 7, status)
    for column in range(1, len(BOOK_HEADERS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _BOLD
        cell.border = border
        if fill is not None:
            cell.fill = fill


def _count_text(sums: DayTotal | ReceiptTotal) -> str:
    """'3 kuitansi' or '3 kuitansi, 1 batal'."""
    text = f"{format_number(sums.receipts)} kuitansi"
    return f"{text}, {format_number(sums.voided)} batal" if sums.voided else text


def _fill_book(sheet: Worksheet, book: ReceiptsBook, title: str) -> None:
    _start_sheet(sheet, title, BOOK_NOTE, BOOK_HEADERS, _BOOK_WIDTHS)
    row = _HEADER_ROW + 1
    if not book.rows:
        _put(sheet, row, 1, NO_RECEIPTS).font = _NOTE_FONT
        row += 1
    sums = {day.day: day for day in book.days}
    for day, group in groupby(book.rows, key=lambda receipt: receipt.day):
        for receipt in group:
            _receipt_row(sheet, row, receipt)
            row += 1
        _total_row(
            sheet,
            row,
            f"Jumlah {format_day(day)}",
            sums[day].total,
            _count_text(sums[day]),
            border=_TOTAL_BORDER,
            fill=_DAY_TOTAL_FILL,
        )
        row += 1
    _total_row(
        sheet,
        row + 1,
        "Jumlah seluruhnya",
        book.total.total,
        _count_text(book.total),
        border=_GRAND_TOTAL_BORDER,
    )


def _fill_deposits(sheet: Worksheet, deposits: Sequence[DepositRow], title: str) -> None:
    _start_sheet(sheet, DEPOSIT_TITLE, f"{title}. {DEPOSIT_NOTE}", DEPOSIT_HEADERS, _DEPOSIT_WIDTHS)
    row = _HEADER_ROW + 1
    ordered = sorted(deposits, key=lambda deposit: (deposit.deposited_on, deposit.deposit_id))
    if not ordered:
        _put(sheet, row, 1, NO_DEPOSITS).font = _NOTE_FONT
        row += 1
    for deposit in ordered:
        _put_day(sheet, row, 1, deposit.deposited_on)
        # Codes are text: as numbers Excel would round a 15-digit billing code.
        _put(sheet, row, 2, deposit.billing_code).alignment = _TOP
        _put(sheet, row, 3, deposit.ntpn).alignment = _TOP
        _put(sheet, row, 4, deposit.receipts).alignment = _RIGHT
        _put_money(sheet, row, 5, deposit.amount)
        _put(sheet, row, 6, deposit.note or "").alignment = _WRAP_TOP
        row += 1
    label = _put(sheet, row + 1, 1, "Jumlah disetor")
    label.alignment = Alignment(horizontal="right")
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=4)
    _put_money(sheet, row + 1, 5, sum(deposit.amount for deposit in ordered))
    for column in range(1, len(DEPOSIT_HEADERS) + 1):
        cell = sheet.cell(row=row + 1, column=column)
        cell.font = _BOLD
        cell.border = _GRAND_TOTAL_BORDER


def books_xlsx(
    book: ReceiptsBook,
    *,
    title: str,
    deposits: Sequence[DepositRow] | None = None,
) -> bytes:
    """The receipts book (its rows in book order: by day, then as paid) with a total per day
    and a grand total, as XLSX bytes; with ``deposits``, a second sheet lists them."""
    workbook = Workbook()
    workbook.properties.creator = "PST Dashboard"
    workbook.properties.title = title
    sheet = workbook.active
    assert sheet is not None
    sheet.title = BOOK_SHEET
    _fill_book(sheet, book, title)
    if deposits is not None:
        _fill_deposits(workbook.create_sheet(DEPOSIT_SHEET), deposits, title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_whole_month(first_day: date, last_day: date) -> bool:
    next_month = date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
    return first_day.day == 1 and last_day == next_month - timedelta(days=1)


def books_period_text(first_day: date, last_day: date) -> str:
    """'Kamis, 26 November 2026', 'November 2026' or '1 Nov 2026 s.d. 15 Nov 2026'."""
    if first_day == last_day:
        return format_long_day(first_day)
    if _is_whole_month(first_day, last_day):
        return format_date(first_day, format="MMMM y", locale=LOCALE)
    return f"{format_day(first_day)} s.d. {format_day(last_day)}"


def books_title(office_name: str, first_day: date, last_day: date) -> str:
    """'Buku Kas Penerimaan PNBP BPS Kabupaten Muara Enim, November 2026'."""
    return f"Buku Kas Penerimaan PNBP {office_name}, {books_period_text(first_day, last_day)}"


def books_filename(first_day: date, last_day: date) -> str:
    """'buku-kas-penerimaan-2026-11-26.xlsx' for a day, '…-2026-11.xlsx' for a whole month,
    '…-2026-11-01-sd-2026-11-15.xlsx' otherwise."""
    if first_day == last_day:
        period = first_day.isoformat()
    elif _is_whole_month(first_day, last_day):
        period = f"{first_day:%Y-%m}"
    else:
        period = f"{first_day.isoformat()}-sd-{last_day.isoformat()}"
    return f"buku-kas-penerimaan-{period}.xlsx"
