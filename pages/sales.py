"""Penjualan PNBP: the treasurer records the payment of a visit's purchase (SOP step 9) or of a
walk-in buyer, issues the numbered receipt (kuitansi) and voids a sale with a reason. Officers,
the head and the administrator see the same page read-only (statuses, no form)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import SALES_PATH, VISIT_QUERY, parse_id
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.pages_layout import method_column, money_column, payer_column
from dashboard.pnbp.rules import MAX_NAME, MAX_REFERENCE, METHOD_CASH
from dashboard.pnbp.sales_view import PAYMENT_METHOD_OPTIONS, ZERO_RUPIAH_OPTIONS
from dashboard.roles import RECEIPT_READERS, SALE_READERS, SALE_WRITERS
from dashboard.ui.access import for_roles
from dashboard.ui.buttons import icon_button, icon_label, small_button
from dashboard.ui.dialogs import dialog, dialog_footer, read_only_note
from dashboard.ui.forms import input_field, labeled_field, search_box
from dashboard.ui.grid import data_grid, muted_rows
from dashboard.ui.headings import page_heading
from dashboard.web.context import current_role

ROLES = sorted(SALE_READERS)
FIRST_REFRESH_MS = 5_000
"""Only until the first read, which sets the poll from ``settings.refresh_seconds``."""

dash.register_page(
    __name__,
    path=SALES_PATH,
    name="Penjualan PNBP",
    title="Penjualan PNBP · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="PNBP",
    icon="bi-cash-coin",
    order=10,
    roles=ROLES,
)

TODAY_COLUMNS = [
    {"field": "receipt_number", "headerName": "No. kuitansi", "width": 185, "pinned": "left"},
    {"field": "time", "headerName": "Jam", "width": 90},
    payer_column(),
    {"field": "visit_code", "headerName": "Kunjungan", "width": 120},
    money_column("total", "Jumlah", "total_text"),
    method_column(),
    {"field": "status", "headerName": "Status", "width": 115, "tooltipField": "status_note"},
    {
        "field": "print_link",
        "headerName": "Kuitansi",
        "width": 170,
        "cellRenderer": "markdown",
        "linkTarget": "_blank",
        "cellClass": "pst-grid-action",
        "sortable": False,
        "filter": False,
    },
]
VOIDED_ROW_STYLE = muted_rows("params.data && params.data.voided")


def _header(writable: bool) -> html.Div:
    return html.Div(
        [
            page_heading(
                "Penjualan PNBP", html.Div(id=ids.DAY, className="text-muted"), class_name="me-auto"
            ),
            icon_button(
                "Pembeli langsung",
                "person-plus",
                ids.WALK_IN,
                color="primary",
                outline=True,
                className="" if writable else "d-none",
                title="Penjualan tanpa kunjungan (pembeli yang langsung ke bendahara)",
            ),
        ],
        className="d-flex flex-wrap align-items-end gap-3 mb-3",
    )


def _waiting_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className="bi bi-hourglass-split me-2"),
                    "Menunggu pembayaran",
                    dbc.Badge("0", id=ids.WAITING_COUNT, color="warning", className="ms-2"),
                ]
            ),
            dbc.CardBody(
                html.P("Memuat…", className="text-muted mb-0"),
                id=ids.WAITING_LIST,
                className="p-0",
            ),
        ],
        id=ids.WAITING_CARD,
        className="mb-3",
    )


def _payer_fields() -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                input_field(
                    "Nama pembayar",
                    ids.PAYER_NAME,
                    ids.FEEDBACK_IDS["payer_name"],
                    autocomplete="off",
                    maxlength=MAX_NAME,
                ),
                md=6,
            ),
            dbc.Col(
                input_field(
                    "Instansi",
                    ids.PAYER_INSTITUTION,
                    ids.FEEDBACK_IDS["payer_institution"],
                    autocomplete="off",
                    maxlength=MAX_NAME,
                    placeholder="boleh kosong",
                ),
                md=6,
            ),
        ],
        className="g-3",
    )


def _line_pickers() -> html.Div:
    return html.Div(
        [
            dbc.Label("Tambah barang", html_for=ids.PUBLICATION_SEARCH, className="fw-semibold"),
            dbc.Row(
                [
                    dbc.Col(
                        search_box(
                            ids.PUBLICATION_SEARCH,
                            "Cari publikasi: judul atau nomor katalog…",
                            debounce=0.3,
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        dbc.InputGroup(
                            [
                                dbc.Select(
                                    id=ids.OTHER_TARIFF,
                                    options=[],
                                    placeholder="Cetak halaman / data digital…",
                                ),
                                icon_button(
                                    "Tambah",
                                    "plus-lg",
                                    ids.OTHER_ADD,
                                    gap="me-1",
                                    color="primary",
                                    outline=True,
                                ),
                            ]
                        ),
                        lg=5,
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.Div(id=ids.PUBLICATION_RESULTS, className="mb-3"),
        ]
    )


def _lines() -> html.Div:
    return html.Div(
        [
            html.Div(id=ids.LINES_TABLE),
            html.Div(id=ids.LINES_FEEDBACK, className="invalid-feedback d-block"),
            html.Div(
                [
                    html.Span("Total", className="me-3 text-muted"),
                    html.Span("Rp 0", id=ids.TOTAL, className="fs-3 fw-bold"),
                ],
                className="d-flex align-items-baseline justify-content-end",
            ),
            html.Div(id=ids.TOTAL_WORDS, className="text-end text-muted small fst-italic mb-3"),
        ]
    )


def _payment_fields() -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                html.Div(
                    [
                        dbc.Label("Cara pembayaran", html_for=ids.PAYMENT_METHOD),
                        dbc.RadioItems(
                            id=ids.PAYMENT_METHOD,
                            options=PAYMENT_METHOD_OPTIONS,
                            value=METHOD_CASH,
                            inline=True,
                        ),
                        html.Div(
                            id=ids.FEEDBACK_IDS["payment_method"],
                            className="invalid-feedback d-block",
                        ),
                    ],
                    className="mb-3",
                ),
                md=7,
            ),
            dbc.Col(
                html.Div(
                    [
                        dbc.Label(
                            "Nomor referensi",
                            id=ids.PAYMENT_REFERENCE_LABEL,
                            html_for=ids.PAYMENT_REFERENCE,
                        ),
                        dbc.Input(
                            id=ids.PAYMENT_REFERENCE, autocomplete="off", maxlength=MAX_REFERENCE
                        ),
                        dbc.FormFeedback(id=ids.FEEDBACK_IDS["payment_reference"], type="invalid"),
                    ],
                    className="mb-3",
                ),
                id=ids.PAYMENT_REFERENCE_ROW,
                md=5,
                className="d-none",
            ),
        ],
        className="g-3",
    )


def _zero_rupiah_fields() -> html.Div:
    return html.Div(
        [
            dbc.Checkbox(
                id=ids.ZERO_RUPIAH,
                label="Tarif nol rupiah (Rp0) — sesuai ketentuan PNBP",
                value=False,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        labeled_field(
                            "Dasar tarif Rp0",
                            dbc.Select(
                                id=ids.ZERO_REASON,
                                options=ZERO_RUPIAH_OPTIONS,
                                placeholder="Pilih alasan…",
                            ),
                            ids.FEEDBACK_IDS["zero_rupiah_reason"],
                        ),
                        md=7,
                    ),
                    dbc.Col(
                        input_field(
                            "Nomor surat permohonan",
                            ids.ZERO_LETTER,
                            ids.FEEDBACK_IDS["zero_rupiah_letter"],
                            autocomplete="off",
                            maxlength=100,
                        ),
                        md=5,
                    ),
                ],
                id=ids.ZERO_RUPIAH_FIELDS,
                className="g-3 mt-1 d-none",
            ),
        ],
        className="border rounded px-3 py-2 mb-3",
    )


def _sale_form() -> html.Div:
    return html.Div(
        [
            html.Div(id=ids.FORM_VISIT, className="mb-3"),
            _payer_fields(),
            _line_pickers(),
            _lines(),
            _payment_fields(),
            _zero_rupiah_fields(),
            html.Div(id=ids.FORM_ALERT),
            html.Div(
                [
                    icon_button(
                        "Simpan & terbitkan kuitansi",
                        "receipt",
                        ids.SUBMIT,
                        color="primary",
                        size="lg",
                    ),
                    dbc.Button("Batal", id=ids.CANCEL, color="secondary", outline=True),
                ],
                className="d-flex gap-2",
            ),
        ],
        id=ids.FORM,
        hidden=True,
    )


def _result() -> html.Div:
    return html.Div(
        [
            html.Div(
                icon_label("check-circle-fill", "Kuitansi terbit"),
                className="text-success fw-semibold",
            ),
            html.Div(id=ids.RESULT_NUMBER, className="display-6 fw-bold my-1"),
            html.Div(id=ids.RESULT_TOTAL, className="fs-5 mb-3"),
            html.Div(
                [
                    icon_button(
                        "Cetak kuitansi (PDF)",
                        "printer",
                        ids.RESULT_PRINT,
                        color="primary",
                        size="lg",
                    ),
                    icon_button(
                        "Penjualan berikutnya",
                        "plus-lg",
                        ids.RESULT_NEW,
                        color="secondary",
                        outline=True,
                    ),
                ],
                className="d-flex flex-wrap gap-2",
            ),
        ],
        id=ids.RESULT,
        hidden=True,
    )


def _form_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.Span("Catat pembayaran", id=ids.FORM_TITLE)),
            dbc.CardBody(
                [
                    html.P(
                        "Pilih “Catat pembayaran” pada kunjungan yang menunggu, atau "
                        "“Pembeli langsung” untuk pembeli tanpa kunjungan.",
                        id=ids.FORM_PLACEHOLDER,
                        className="text-muted mb-0",
                    ),
                    _sale_form(),
                    _result(),
                ]
            ),
        ],
        id=ids.FORM_CARD,
        className="mb-3",
    )


def _void_modal() -> dbc.Modal:
    return dialog(
        ids.VOID_MODAL,
        "Batalkan penjualan",
        dbc.ModalBody(
            [
                html.Div(id=ids.VOID_SALE_TEXT, className="mb-3"),
                html.P(
                    "Nomor kuitansi tetap tercatat dengan tanda BATAL; stok publikasi "
                    "tercetak kembali. Penjualan yang sudah disetor tidak dapat dibatalkan.",
                    className="text-muted small",
                ),
                input_field(
                    "Alasan pembatalan",
                    ids.VOID_REASON,
                    ids.VOID_REASON_FEEDBACK,
                    autocomplete="off",
                    maxlength=500,
                ),
                html.Div(id=ids.VOID_ALERT),
            ]
        ),
        dialog_footer(
            cancel=(ids.VOID_CANCEL, "Tutup"),
            submit=(ids.VOID_SUBMIT, "Batalkan penjualan"),
            icon="bi bi-x-octagon me-2",
            color="danger",
        ),
    )


def _today_columns(downloadable: bool) -> list[dict[str, object]]:
    """Officers see a sale's status, not its receipt: no print column for them."""
    return [
        {**column, "hide": True} if column["field"] == "print_link" and not downloadable else column
        for column in TODAY_COLUMNS
    ]


def _today(writable: bool) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div(
                    [
                        html.Span("Penjualan hari ini", className="me-auto fw-semibold"),
                        html.Span(id=ids.TODAY_SUMMARY, className="text-muted me-3"),
                        small_button(
                            "Batalkan",
                            "x-octagon",
                            ids.VOID_OPEN,
                            "danger",
                            outline=True,
                            disabled=True,
                            className="" if writable else "d-none",
                            title="Pilih satu baris penjualan dulu",
                        ),
                    ],
                    className="d-flex align-items-center",
                )
            ),
            dbc.CardBody(
                data_grid(
                    ids.TODAY_GRID,
                    _today_columns(current_role() in RECEIPT_READERS),
                    selectable=writable,
                    height=None,
                    row_style=VOIDED_ROW_STYLE,
                    no_rows_text="Belum ada penjualan hari ini",
                ),
                className="p-2",
            ),
        ]
    )


def _build(preset_visit: int | None) -> html.Div:
    writable = current_role() in SALE_WRITERS
    return html.Div(
        [
            dcc.Store(id=ids.VERSION, data=0),
            dcc.Store(id=ids.PRESET_VISIT, data=preset_visit),
            dcc.Store(id=ids.OPEN_REQUEST),
            dcc.Store(id=ids.SALE_VISIT),
            dcc.Store(id=ids.TARIFFS, data={}),
            dcc.Store(id=ids.LINES, data=[]),
            dcc.Store(id=ids.NEXT_LINE_KEY, data=1),
            dcc.Store(id=ids.FOCUS),
            dcc.Store(id=ids.VOID_SALE),
            dcc.Store(id=ids.RESULT_SALE),
            dcc.Download(id=ids.RECEIPT_DOWNLOAD),
            dcc.Interval(id=ids.REFRESH, interval=FIRST_REFRESH_MS),
            _header(writable),
            read_only_note(
                ids.READ_ONLY_NOTE,
                "Hanya Bendahara Penerimaan yang mencatat pembayaran, menerbitkan kuitansi dan "
                "membatalkan penjualan; Anda dapat melihat statusnya.",
                writable,
            ),
            html.Div(id=ids.OFFICE_NOTICE),
            html.Div(id=ids.MESSAGE),
            dbc.Row(
                [
                    dbc.Col(_waiting_card(), lg=4 if writable else 12),
                    # Built for every role so the page's callbacks find their components; only
                    # the treasurer sees it (and the server refuses anyone else's sale).
                    dbc.Col(_form_card(), lg=8, className="" if writable else "d-none"),
                ]
            ),
            _today(writable),
            _void_modal(),
        ],
        id=ids.PAGE,
    )


def layout(**query: str) -> Component:
    """``?kunjungan=<id>`` (``dashboard.paths.payment_path``) opens the form on that visit."""
    return for_roles(ROLES, lambda: _build(parse_id(query.get(VISIT_QUERY))))
