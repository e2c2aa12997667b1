"""The receipts book as *Buku kas penerimaan* draws it: per day a heading, the receipts with
the day's running total and the day's total; a period of several days ends with its grand
total. Voided receipts are struck through and marked BATAL."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.i18n import format_long_day, format_rupiah
from dashboard.pnbp import books_ids as ids
from dashboard.pnbp.books_view import BookDay
from dashboard.pnbp.rules import STATUS_VOID
from db.queries.sales import BookRow, ReceiptTotal

COLUMNS = ("No. kuitansi", "Diterima dari", "Uraian", "Jumlah", "Saldo berjalan")
VOID_STYLE = {"textDecoration": "line-through"}


def _money(amount: int, *, bold: bool = False, style: dict[str, str] | None = None) -> html.Td:
    weight = " fw-bold" if bold else ""
    return html.Td(format_rupiah(amount), className=f"text-end text-nowrap{weight}", style=style)


def _receipt_row(row: BookRow, position: int) -> html.Tr:
    struck = VOID_STYLE if row.voided else None
    number: list[Component | str] = [row.receipt_number]
    if row.voided:
        number.append(dbc.Badge(STATUS_VOID, color="danger", className="ms-2"))
    return html.Tr(
        [
            html.Td(number, className="text-nowrap"),
            html.Td(row.payer, style=struck),
            html.Td(row.description, style=struck),
            _money(row.amount, style=struck),
            html.Td(
                "—" if row.voided else format_rupiah(row.running_total),
                className="text-end text-nowrap",
            ),
        ],
        id={"type": ids.ROW_TYPE, "index": position},
        className="text-muted" if row.voided else None,
        title="Dibatalkan: tidak dihitung" if row.voided else None,
    )


def _total_row(label: str, amount: int, *, bold: bool, **attributes: object) -> html.Tr:
    weight = "fw-bold" if bold else "fw-semibold"
    return html.Tr(
        [
            html.Td(label, colSpan=3, className=f"{weight} text-end"),
            _money(amount, bold=True),
            html.Td(),
        ],
        **attributes,
    )


def _day_rows(day: BookDay, start: int) -> list[html.Tr]:
    heading = html.Tr(
        html.Th(format_long_day(day.day), colSpan=len(COLUMNS), className="table-light"),
    )
    total = _total_row(
        f"Jumlah {format_long_day(day.day)} ({day.receipts} kuitansi)",
        day.total,
        bold=False,
        id={"type": ids.DAY_TOTAL_TYPE, "index": day.day.isoformat()},
    )
    receipts = [_receipt_row(row, start + offset) for offset, row in enumerate(day.rows)]
    return [heading, *receipts, total]


def book_table(days: Sequence[BookDay], period_total: ReceiptTotal | None) -> Component:
    """The book; with ``period_total`` (a period of several days) it ends with the grand
    total."""
    if not days:
        return html.P(
            "Tidak ada penerimaan pada periode ini.", id=ids.EMPTY, className="text-muted m-2"
        )
    body: list[html.Tr] = []
    position = 0
    for day in days:
        body.extend(_day_rows(day, position))
        position += len(day.rows)
    if period_total is not None:
        body.append(
            _total_row(
                "Jumlah periode",
                period_total.total,
                bold=True,
                id=ids.GRAND_TOTAL,
                className="table-group-divider",
            )
        )
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(title) for title in COLUMNS])), html.Tbody(body)],
        id=ids.BOOK,
        size="sm",
        hover=True,
        responsive=True,
        className="mb-0 align-middle",
    )
