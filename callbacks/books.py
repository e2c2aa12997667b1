"""Callbacks of *Buku kas penerimaan*: draw the receipts book of the chosen day or month, and
export it as XLSX. Reads only, for the treasurer, the head and the administrator."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import read
from dashboard.errors import InputError
from dashboard.i18n import format_long_day, format_rupiah
from dashboard.pnbp import books_ids as ids
from dashboard.pnbp.books_export import books_filename, books_period_text, books_title, books_xlsx
from dashboard.pnbp.sales_view import (
    PERIOD_MONTH,
    BookDay,
    book_days,
    book_period,
    book_summary,
)
from dashboard.roles import RECEIPT_READERS
from dashboard.web.context import app_state
from db.queries import offices
from db.queries.sales import BookRow, daily_receipts_book, deposits_between

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("No. kuitansi", "Diterima dari", "Uraian", "Jumlah", "Saldo berjalan")
VOID_STYLE = {"textDecoration": "line-through"}


def _money(amount: int, *, bold: bool = False, style: dict[str, str] | None = None) -> html.Td:
    weight = " fw-bold" if bold else ""
    return html.Td(format_rupiah(amount), className=f"text-end text-nowrap{weight}", style=style)


def _receipt_row(row: BookRow, position: int) -> html.Tr:
    struck = VOID_STYLE if row.voided else None
    number: list[Component | str] = [row.receipt_number]
    if row.voided:
        number.append(dbc.Badge("BATAL", color="danger", className="ms-2"))
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


def _day_rows(day: BookDay, start: int) -> list[html.Tr]:
    heading = html.Tr(
        html.Th(format_long_day(day.day), colSpan=len(COLUMNS), className="table-light"),
    )
    total_label = f"Jumlah {format_long_day(day.day)} ({day.receipts} kuitansi)"
    total = html.Tr(
        [
            html.Td(total_label, colSpan=3, className="fw-semibold text-end"),
            _money(day.total, bold=True),
            html.Td(),
        ],
        id={"type": ids.DAY_TOTAL_TYPE, "index": day.day.isoformat()},
    )
    receipts = [_receipt_row(row, start + offset) for offset, row in enumerate(day.rows)]
    return [heading, *receipts, total]


def book_table(days: Sequence[BookDay], several_days: bool) -> Component:
    """The book: per day a heading, the receipts with the day's running total, the day's
    total; a period of several days ends with its grand total."""
    if not days:
        return html.P(
            "Tidak ada penerimaan pada periode ini.", id=ids.EMPTY, className="text-muted m-2"
        )
    body: list[html.Tr] = []
    position = 0
    for day in days:
        body.extend(_day_rows(day, position))
        position += len(day.rows)
    if several_days:
        body.append(
            html.Tr(
                [
                    html.Td("Jumlah periode", colSpan=3, className="fw-bold text-end"),
                    _money(sum(day.total for day in days), bold=True),
                    html.Td(),
                ],
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


def load_book(first: date, last: date) -> list[BookRow]:
    office_id = app_state().office_id
    return read(
        lambda session: daily_receipts_book(session, office_id, first, last), RECEIPT_READERS
    )


def book_outputs(rows: Sequence[BookRow], first: date, last: date) -> tuple[Any, ...]:
    days = book_days(rows)
    return books_period_text(first, last), book_summary(days), book_table(days, first != last), ""


def export_book(first: date, last: date) -> dict[str, Any]:
    office_id = app_state().office_id

    def query(session: Session) -> bytes:
        office = offices.office(session, office_id)
        return books_xlsx(
            daily_receipts_book(session, office_id, first, last),
            title=books_title(office.name, first, last),
            deposits=deposits_between(session, office_id, first, last),
        )

    content = read(query, RECEIPT_READERS)
    return dcc.send_bytes(content, books_filename(first, last), type=XLSX_MEDIA_TYPE)


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.DAY_COLUMN, "className"),
        Output(ids.MONTH_COLUMN, "className"),
        Input(ids.PERIOD_KIND, "value"),
    )
    def period_fields(kind: str | None) -> tuple[str, str]:
        monthly = kind == PERIOD_MONTH
        return ("d-none" if monthly else ""), ("" if monthly else "d-none")

    @app.callback(
        Output(ids.TITLE, "children"),
        Output(ids.SUMMARY, "children"),
        Output(ids.TABLE, "children"),
        Output(ids.PERIOD_FEEDBACK, "children"),
        Input(ids.PERIOD_KIND, "value"),
        Input(ids.DAY, "value"),
        Input(ids.MONTH, "value"),
    )
    def render(kind: str | None, day: str | None, month: str | None) -> tuple[Any, ...]:
        try:
            first, last = book_period(kind, day, month)
        except InputError as error:
            return "", "", None, error.errors["period"]
        return book_outputs(load_book(first, last), first, last)

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT, "n_clicks"),
        State(ids.PERIOD_KIND, "value"),
        State(ids.DAY, "value"),
        State(ids.MONTH, "value"),
        prevent_initial_call=True,
        running=[(Output(ids.EXPORT, "disabled"), True, False)],
    )
    def export(clicks: int | None, kind: str | None, day: str | None, month: str | None):
        if not clicks:
            raise PreventUpdate
        try:
            first, last = book_period(kind, day, month)
        except InputError:
            raise PreventUpdate from None
        return export_book(first, last)
