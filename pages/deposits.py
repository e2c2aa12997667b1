"""Setoran: the PNBP the treasurer holds and has not yet deposited to the state treasury (with
how old the oldest of it is), the receipts a deposit covers, the deposit form (date, SIMPONI
billing code, NTPN, amount) and the deposits made. The treasurer writes; the head and the
administrator see it read-only."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import DEPOSITS_PATH
from dashboard.pnbp import deposits_ids as ids
from dashboard.pnbp.deposits_view import AGE_HELP
from dashboard.pnbp.pages_layout import method_column, money_column, payer_column, shown_as
from dashboard.pnbp.rules import BILLING_CODE_LENGTH, NTPN_LENGTH
from dashboard.roles import RECEIPT_READERS, SALE_WRITERS
from dashboard.ui.access import for_roles
from dashboard.ui.buttons import icon_button
from dashboard.ui.dialogs import read_only_note
from dashboard.ui.forms import input_field
from dashboard.ui.grid import NUMBER_FILTER, data_grid
from dashboard.ui.headings import page_heading
from dashboard.web.context import current_role

ROLES = sorted(RECEIPT_READERS)

dash.register_page(
    __name__,
    path=DEPOSITS_PATH,
    name="Setoran",
    title="Setoran PNBP · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="PNBP",
    icon="bi-bank",
    order=11,
    roles=ROLES,
)

UNDEPOSITED_COLUMNS = [
    {"field": "receipt_number", "headerName": "No. kuitansi", "width": 210},
    {
        "field": "paid_iso",
        "headerName": "Dibayar",
        "width": 170,
        "valueFormatter": shown_as("paid"),
    },
    {"field": "age", "headerName": "Umur", "width": 100},
    payer_column(),
    method_column(),
    money_column("total", "Jumlah", "total_text"),
]

HISTORY_COLUMNS = [
    {
        "field": "deposited_iso",
        "headerName": "Tanggal setor",
        "width": 150,
        "sort": "desc",
        "valueFormatter": shown_as("deposited_on"),
    },
    money_column("amount", "Jumlah", "amount_text"),
    {"field": "billing_code", "headerName": "Kode billing SIMPONI", "width": 200},
    {"field": "ntpn", "headerName": "NTPN", "width": 190},
    {"field": "receipts", "headerName": "Kuitansi", "width": 110, "filter": NUMBER_FILTER},
    {"field": "note", "headerName": "Catatan", "flex": 1, "minWidth": 160, "tooltipField": "note"},
]


def _balance_card() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Div("PNBP belum disetor", className="text-muted"),
                            html.Div("Rp 0", id=ids.BALANCE_TOTAL, className="display-5 fw-bold"),
                            html.Div(id=ids.BALANCE_COUNT, className="fs-5"),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            html.Div(
                                [
                                    "Umur saldo tertua ",
                                    html.I(
                                        className="bi bi-info-circle",
                                        id=ids.BALANCE_AGE_HELP,
                                        style={"cursor": "help"},
                                    ),
                                ],
                                className="text-muted",
                            ),
                            html.Div(
                                dbc.Badge("—", id=ids.BALANCE_AGE, className="fs-3"),
                                className="my-1",
                            ),
                            html.Div(id=ids.BALANCE_OLDEST, className="small text-muted"),
                            dbc.Tooltip(AGE_HELP, target=ids.BALANCE_AGE_HELP, placement="bottom"),
                        ],
                        md=6,
                    ),
                ]
            )
        ),
        id=ids.BALANCE_CARD,
        className="mb-3 border-2",
    )


def _deposit_form(writable: bool) -> html.Div:
    field = ids.FIELD_IDS
    feedback = ids.FEEDBACK_IDS
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        input_field(
                            "Tanggal setor",
                            field["deposited_on"],
                            feedback["deposited_on"],
                            type="date",
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        input_field(
                            f"Kode billing SIMPONI ({BILLING_CODE_LENGTH} angka)",
                            field["billing_code"],
                            feedback["billing_code"],
                            inputmode="numeric",
                            autocomplete="off",
                            maxlength=BILLING_CODE_LENGTH + 6,
                            placeholder="mis. 820261126000123",
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        input_field(
                            f"NTPN ({NTPN_LENGTH} huruf/angka)",
                            field["ntpn"],
                            feedback["ntpn"],
                            autocomplete="off",
                            maxlength=NTPN_LENGTH + 6,
                            placeholder="dari bukti setor bank/pos",
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        input_field(
                            "Jumlah disetor (Rp)",
                            field["amount"],
                            feedback["amount"],
                            help_text="Terisi dari kuitansi yang dipilih.",
                            inputmode="numeric",
                            autocomplete="off",
                            maxlength=20,
                            className="text-end",
                        ),
                        md=3,
                    ),
                ],
                className="g-3",
            ),
            input_field(
                "Catatan", field["note"], feedback["note"], autocomplete="off", maxlength=1000
            ),
            html.Div(id=ids.FORM_ALERT),
            icon_button("Simpan setoran", "bank", ids.SUBMIT, color="primary"),
        ],
        id=ids.FORM,
        className="mt-3",
        # Built for every role so the callbacks find their fields; shown to the treasurer.
        hidden=not writable,
    )


def _undeposited_card(writable: bool) -> dbc.Card:
    grid = data_grid(
        ids.UNDEPOSITED_GRID,
        UNDEPOSITED_COLUMNS,
        selectable=False,
        height=None,
        no_rows_text="Semua PNBP sudah disetor",
    )
    if writable:
        grid.dashGridOptions["rowSelection"] = {
            "mode": "multiRow",
            "checkboxes": True,
            "headerCheckbox": True,
            "enableClickSelection": True,
        }
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div(
                    [
                        html.Span("Kuitansi belum disetor", className="fw-semibold me-auto"),
                        html.Span(id=ids.SELECTED_SUMMARY, className="text-muted"),
                    ],
                    className="d-flex align-items-center",
                )
            ),
            dbc.CardBody(
                [
                    html.Div(
                        "Centang kuitansi yang dicakup satu bukti setor, lalu isi data setorannya.",
                        className="small text-muted mb-2",
                        hidden=not writable,
                    ),
                    grid,
                    _deposit_form(writable),
                ],
                className="p-2",
            ),
        ],
        className="mb-3",
    )


def _history_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader("Setoran yang tercatat", className="fw-semibold"),
            dbc.CardBody(
                data_grid(
                    ids.HISTORY_GRID,
                    HISTORY_COLUMNS,
                    selectable=False,
                    height=None,
                    no_rows_text="Belum ada setoran",
                ),
                className="p-2",
            ),
        ]
    )


def _build() -> html.Div:
    writable = current_role() in SALE_WRITERS
    return html.Div(
        [
            dcc.Store(id=ids.VERSION, data=0),
            page_heading("Setoran PNBP", "Penyetoran penerimaan ke kas negara"),
            read_only_note(
                ids.READ_ONLY_NOTE,
                "Hanya Bendahara Penerimaan yang mencatat setoran; Anda dapat melihatnya.",
                writable,
            ),
            html.Div(id=ids.MESSAGE),
            _balance_card(),
            _undeposited_card(writable),
            _history_card(),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
