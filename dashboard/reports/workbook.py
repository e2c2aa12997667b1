"""The report's tables as an XLSX workbook, ready for further analysis: a first sheet naming
the report and each table's sheet, then every table on its own sheet with its header row
(bold, frozen, filtered), the values as numbers and dates (never text) under Indonesian
formats: rupiah as ``Rp``, shares as percentages, months and dates with Indonesian names
(locale 421). Excel and LibreOffice show the thousands and decimal separators of the reader's
own locale setting (an Indonesian setting shows 1.234,5)."""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.reports.model import Cell, Fraction, Minutes, Money, Month, Report, Table

COUNT_FORMAT = "#,##0"
RUPIAH_FORMAT = '"Rp"\\ #,##0'
SHARE_FORMAT = "0.0%"
MINUTES_FORMAT = "#,##0.00"
DAY_FORMAT = "[$-421]d mmm yyyy"
MONTH_FORMAT = "[$-421]mmmm yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
MAX_SHEET_NAME = 31
INFO_SHEET = "Keterangan"
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def _value(cell: Cell) -> tuple[object, str | None]:
    """The value written and its number format."""
    if isinstance(cell, Money):
        return cell.amount, RUPIAH_FORMAT
    if isinstance(cell, Fraction):
        return cell.value, SHARE_FORMAT
    if isinstance(cell, Minutes):
        return cell.value, MINUTES_FORMAT
    if isinstance(cell, Month):
        return cell.first_day, MONTH_FORMAT
    if isinstance(cell, date):
        return cell, DAY_FORMAT
    if isinstance(cell, int):
        return cell, COUNT_FORMAT
    return cell, None


def sheet_names(tables: list[Table]) -> list[str]:
    """A valid, unique sheet name for each table (its title, shortened where needed)."""
    names: list[str] = []
    for table in tables:
        base = _NOT_IN_SHEET_NAMES.sub("", table.title).strip()[:MAX_SHEET_NAME]
        name, number = base, 2
        while name.lower() in {taken.lower() for taken in [INFO_SHEET, *names]}:
            suffix = f" ({number})"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
            number += 1
        names.append(name)
    return names


def _write_row(sheet: Worksheet, row: int, cells: tuple[Cell, ...], bold: bool = False) -> None:
    for column, cell in enumerate(cells, start=1):
        value, number_format = _value(cell)
        written = sheet.cell(row=row, column=column, value=value)
        if number_format:
            written.number_format = number_format
        if bold:
            written.font = Font(bold=True)


def _fill_table(sheet: Worksheet, table: Table) -> None:
    for column, title in enumerate(table.columns, start=1):
        header = sheet.cell(row=1, column=column, value=title)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for offset, cells in enumerate(table.rows, start=2):
        _write_row(sheet, offset, cells)
    last = len(table.rows) + 1
    if table.total is not None:
        _write_row(sheet, last + 1, table.total, bold=True)
    if not table.rows:
        sheet.cell(row=2, column=1, value=table.empty).font = Font(italic=True)
    else:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last}"
    for column, title in enumerate(table.columns, start=1):
        texts = [str(_value(cells[column - 1])[0] or "") for cells in table.rows[:200]]
        width = max([len(title) * 0.8, *(len(text) for text in texts), 8])
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)


def _fill_info(sheet: Worksheet, report: Report, names: list[str]) -> None:
    lines = [
        (report.title,),
        (report.office.name,),
        (f"Periode: {report.period_text}",),
        (f"Dibuat: {report.made_on.isoformat()}",),
        (),
        ("Lembar", "Tabel", "Bagian"),
    ]
    for number, line in enumerate(lines, start=1):
        for column, text in enumerate(line, start=1):
            sheet.cell(row=number, column=column, value=text)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for column in range(1, 4):
        sheet.cell(row=len(lines), column=column).font = Font(bold=True)
    row = len(lines) + 1
    position = 0
    for section in report.sections:
        for block in section.blocks:
            for table in block.tables:
                sheet.cell(row=row, column=1, value=names[position])
                sheet.cell(row=row, column=2, value=table.title)
                sheet.cell(row=row, column=3, value=section.title)
                row += 1
                position += 1
    for column, width in zip("ABC", (34, 44, 44), strict=True):
        sheet.column_dimensions[column].width = width


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    info = book.active
    info.title = INFO_SHEET
    tables = report.tables()
    names = sheet_names(tables)
    _fill_info(info, report, names)
    for table, name in zip(tables, names, strict=True):
        _fill_table(book.create_sheet(name), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
