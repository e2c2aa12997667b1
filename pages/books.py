"""Buku kas penerimaan: the treasurer's daily receipts book for a day or a month, each day with
its running total; voided receipts are shown struck through and counted in no total. The
book downloads as XLSX (with the period's deposits on a second sheet)."""

from __future__ import annotations

from datetime import date

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.clock import local_date, utc_now
from dashboard.paths import BOOKS_PATH
from dashboard.pnbp import books_ids as ids
from dashboard.pnbp.books_view import PERIOD_DAY, PERIOD_MONTH
from dashboard.roles import RECEIPT_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.buttons import icon_button
from dashboard.ui.headings import page_heading

ROLES = sorted(RECEIPT_READERS)

dash.register_page(
    __name__,
    path=BOOKS_PATH,
    name="Buku kas",
    title="Buku kas penerimaan · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="PNBP",
    icon="bi-journal-text",
    order=12,
    roles=ROLES,
)


def _controls(today: date) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                dbc.RadioItems(
                    id=ids.PERIOD_KIND,
                    options=[
                        {"label": "Harian", "value": PERIOD_DAY},
                        {"label": "Bulanan", "value": PERIOD_MONTH},
                    ],
                    value=PERIOD_DAY,
                    inline=True,
                    className="btn-group",
                    input_class_name="btn-check",
                    label_class_name="btn btn-outline-primary",
                    label_checked_class_name="active",
                ),
                width="auto",
            ),
            dbc.Col(
                dbc.InputGroup(
                    [
                        dbc.InputGroupText("Tanggal"),
                        dbc.Input(id=ids.DAY, type="date", value=today.isoformat()),
                    ]
                ),
                id=ids.DAY_COLUMN,
                width="auto",
            ),
            dbc.Col(
                dbc.InputGroup(
                    [
                        dbc.InputGroupText("Bulan"),
                        dbc.Input(id=ids.MONTH, type="month", value=f"{today:%Y-%m}"),
                    ]
                ),
                id=ids.MONTH_COLUMN,
                width="auto",
                className="d-none",
            ),
            dbc.Col(
                icon_button(
                    "Unduh XLSX",
                    "file-earmark-spreadsheet",
                    ids.EXPORT,
                    gap="me-1",
                    color="primary",
                    outline=True,
                ),
                width="auto",
                className="ms-auto",
            ),
        ],
        className="g-2 align-items-center mb-2",
    )


def _build() -> html.Div:
    return html.Div(
        [
            dcc.Download(id=ids.DOWNLOAD),
            page_heading("Buku kas penerimaan", "Penerimaan PNBP per hari, dengan saldo berjalan"),
            _controls(local_date(utc_now())),
            html.Div(id=ids.PERIOD_FEEDBACK, className="invalid-feedback d-block mb-2"),
            dbc.Card(
                [
                    dbc.CardHeader(
                        html.Div(
                            [
                                html.Span(id=ids.TITLE, className="fw-semibold me-auto"),
                                html.Span(id=ids.SUMMARY, className="text-muted"),
                            ],
                            className="d-flex flex-wrap align-items-center gap-2",
                        )
                    ),
                    dbc.CardBody(
                        html.Div(html.P("Memuat…", className="text-muted mb-0"), id=ids.TABLE),
                        className="p-2",
                    ),
                ]
            ),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
