"""Callbacks of *Buku kas penerimaan*: draw the receipts book of the chosen day or month, and
export it as XLSX. Reads only, for the treasurer, the head and the administrator."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from callbacks.common import read
from dashboard.errors import InputError
from dashboard.pnbp import books_ids as ids
from dashboard.pnbp.books_export import books_period_text
from dashboard.pnbp.books_layout import book_table
from dashboard.pnbp.books_view import PERIOD_MONTH, book_days, book_period, export_book, load_book
from dashboard.pnbp.sales_view import receipts_summary
from dashboard.roles import RECEIPT_READERS
from dashboard.ui.forms import disabled_while_running
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state


def _period(kind: type[Input] | type[State]) -> dict[str, Any]:
    """The period fields: day or month, and the one of them chosen."""
    return {
        "kind": kind(ids.PERIOD_KIND, "value"),
        "day": kind(ids.DAY, "value"),
        "month": kind(ids.MONTH, "value"),
    }


@callback(
    output={
        "day": Output(ids.DAY_COLUMN, "className"),
        "month": Output(ids.MONTH_COLUMN, "className"),
    },
    inputs={"kind": Input(ids.PERIOD_KIND, "value")},
)
def period_fields(kind: str | None) -> dict[str, str]:
    monthly = kind == PERIOD_MONTH
    return {"day": "d-none" if monthly else "", "month": "" if monthly else "d-none"}


@callback(
    output={
        "title": Output(ids.TITLE, "children"),
        "summary": Output(ids.SUMMARY, "children"),
        "table": Output(ids.TABLE, "children"),
        "feedback": Output(ids.PERIOD_FEEDBACK, "children"),
    },
    inputs=_period(Input),
)
def render(kind: str | None, day: str | None, month: str | None) -> dict[str, Any]:
    try:
        first, last = book_period(kind, day, month)
    except InputError as error:
        return {"title": "", "summary": "", "table": None, "feedback": error.errors["period"]}
    office_id = app_state().office_id
    book = read(lambda session: load_book(session, office_id, first, last), RECEIPT_READERS)
    return {
        "title": books_period_text(first, last),
        "summary": receipts_summary(book.total),
        "table": book_table(book_days(book), book.total if first != last else None),
        "feedback": "",
    }


@callback(
    output=Output(ids.DOWNLOAD, "data"),
    inputs={"clicks": Input(ids.EXPORT, "n_clicks")},
    state=_period(State),
    prevent_initial_call=True,
    running=disabled_while_running(ids.EXPORT),
)
def export(
    clicks: int | None, kind: str | None, day: str | None, month: str | None
) -> dict[str, Any]:
    if not clicks:
        raise PreventUpdate
    try:
        first, last = book_period(kind, day, month)
    except InputError:
        raise PreventUpdate from None
    office_id = app_state().office_id
    book = read(lambda session: export_book(session, office_id, first, last), RECEIPT_READERS)
    return dcc.send_bytes(book.content, book.filename, type=book.media_type)
