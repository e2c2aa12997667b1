"""Tarif PNBP: the price of each kind of item (hardcopy and softcopy publications, printed
pages, digital data) with the days it is valid. The administrator adds a tariff and ends one
when a new regulation replaces it (tariffs are never edited or deleted: receipts keep the
price they were given); the other desk roles see the tariffs read-only."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import TARIFF_ADMIN_PATH
from dashboard.pnbp import tariff_admin_ids as ids
from dashboard.pnbp.pages_layout import money_column, shown_as
from dashboard.pnbp.rules import ITEM_KINDS, MAX_TARIFF_LABEL, MAX_UNIT
from dashboard.roles import DESK_READERS, TARIFF_EDITORS
from dashboard.ui.access import for_roles
from dashboard.ui.admin_form import admin_notices
from dashboard.ui.buttons import icon_button
from dashboard.ui.dialogs import dialog, dialog_footer
from dashboard.ui.forms import input_field, labeled_field
from dashboard.ui.grid import SAMPLE_CELL_STYLE, data_grid, muted_rows
from dashboard.ui.headings import page_heading
from dashboard.web.context import current_role

ROLES = sorted(DESK_READERS)

dash.register_page(
    __name__,
    path=TARIFF_ADMIN_PATH,
    name="Tarif PNBP",
    title="Tarif PNBP · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="PNBP",
    icon="bi-tags",
    order=22,
    roles=ROLES,
)

COLUMNS = [
    {"field": "kind", "headerName": "Jenis", "width": 250, "tooltipField": "kind"},
    {
        "field": "label",
        "headerName": "Nama tarif",
        "flex": 1,
        "minWidth": 240,
        "tooltipField": "label",
    },
    money_column("amount", "Tarif", "amount_text", width=130),
    {"field": "unit", "headerName": "Satuan", "width": 120},
    {
        "field": "valid_from_iso",
        "headerName": "Berlaku mulai",
        "width": 140,
        "valueFormatter": shown_as("valid_from"),
    },
    {
        "field": "valid_to_iso",
        "headerName": "Berlaku sampai",
        "width": 140,
        "valueFormatter": shown_as("valid_to"),
    },
    {"field": "status", "headerName": "Status", "width": 130},
    {
        "field": "sample",
        "headerName": "Contoh",
        "width": 100,
        "cellStyle": SAMPLE_CELL_STYLE,
        "headerTooltip": "Tarif contoh bawaan aplikasi",
    },
]
ENDED_ROW_STYLE = muted_rows("params.data && params.data.ended")


def _toolbar(writable: bool) -> html.Div:
    hidden = "" if writable else "d-none"
    return html.Div(
        [
            dbc.Switch(
                id=ids.SHOW_ALL,
                label="Tampilkan juga tarif yang sudah berakhir",
                value=False,
                className="me-auto mb-0",
            ),
            icon_button(
                "Akhiri tarif",
                "calendar-x",
                ids.END_OPEN,
                gap="me-1",
                color="secondary",
                outline=True,
                disabled=True,
                className=hidden,
                title="Pilih satu tarif yang berlaku dulu",
            ),
            icon_button(
                "Tambah tarif",
                "plus-lg",
                ids.ADD_OPEN,
                gap="me-1",
                color="primary",
                className=hidden,
            ),
        ],
        className="d-flex flex-wrap align-items-center gap-2 mb-2",
    )


def _add_modal() -> dbc.Modal:
    field = ids.FIELD_IDS
    feedback = ids.FEEDBACK_IDS
    kinds = [{"label": label, "value": code} for code, label in ITEM_KINDS.items()]
    return dialog(
        ids.ADD_MODAL,
        "Tambah tarif",
        dbc.ModalBody(
            [
                html.Div(id=ids.ADD_ALERT),
                labeled_field(
                    "Jenis barang/jasa",
                    dbc.Select(id=field["item_kind"], options=kinds, placeholder="Pilih…"),
                    feedback["item_kind"],
                ),
                input_field(
                    "Nama tarif",
                    field["label"],
                    feedback["label"],
                    help_text="Tertulis di kuitansi bila barisnya tidak berisi publikasi.",
                    autocomplete="off",
                    maxlength=MAX_TARIFF_LABEL,
                    placeholder="mis. Publikasi tercetak s.d. 100 halaman",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            input_field(
                                "Tarif (Rp)",
                                field["amount"],
                                feedback["amount"],
                                inputmode="numeric",
                                autocomplete="off",
                                maxlength=16,
                                placeholder="mis. 50.000",
                                className="text-end",
                            ),
                            md=6,
                        ),
                        dbc.Col(
                            input_field(
                                "Satuan",
                                field["unit"],
                                feedback["unit"],
                                autocomplete="off",
                                maxlength=MAX_UNIT,
                            ),
                            md=6,
                        ),
                    ],
                    className="g-3",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            input_field(
                                "Berlaku mulai",
                                field["valid_from"],
                                feedback["valid_from"],
                                type="date",
                            ),
                            md=6,
                        ),
                        dbc.Col(
                            input_field(
                                "Berlaku sampai",
                                field["valid_to"],
                                feedback["valid_to"],
                                help_text="Kosongkan bila belum ditentukan.",
                                type="date",
                            ),
                            md=6,
                        ),
                    ],
                    className="g-3",
                ),
            ]
        ),
        dialog_footer(
            cancel=(ids.ADD_CANCEL, "Batal"),
            submit=(ids.ADD_SUBMIT, "Simpan tarif"),
            icon="bi bi-check-lg me-1",
        ),
        backdrop="static",
    )


def _end_modal() -> dbc.Modal:
    return dialog(
        ids.END_MODAL,
        "Akhiri tarif",
        dbc.ModalBody(
            [
                html.Div(id=ids.END_TARIFF_TEXT, className="mb-3"),
                input_field(
                    "Hari terakhir berlaku",
                    ids.END_ON,
                    ids.END_ON_FEEDBACK,
                    help_text="Mis. sehari sebelum tarif baru berlaku. Kuitansi yang sudah "
                    "terbit tetap memakai harganya.",
                    type="date",
                ),
                html.Div(id=ids.END_ALERT),
            ]
        ),
        dialog_footer(
            cancel=(ids.END_CANCEL, "Batal"),
            submit=(ids.END_SUBMIT, "Akhiri tarif"),
            icon="bi bi-calendar-x me-1",
        ),
    )


def _build() -> html.Div:
    writable = current_role() in TARIFF_EDITORS
    return html.Div(
        [
            dcc.Store(id=ids.VERSION, data=0),
            dcc.Store(id=ids.END_TARIFF),
            page_heading("Tarif PNBP", "Harga per satuan barang/jasa dan masa berlakunya"),
            *admin_notices(
                banner_id=ids.SAMPLE_BANNER,
                read_only_id=ids.READ_ONLY_NOTE,
                read_only_text="Hanya administrator yang dapat menambah atau mengakhiri tarif; "
                "Anda dapat melihatnya.",
                message_id=ids.MESSAGE,
                writable=writable,
            ),
            _toolbar(writable),
            data_grid(
                ids.GRID,
                COLUMNS,
                selectable=writable,
                height=None,
                row_style=ENDED_ROW_STYLE,
                no_rows_text="Belum ada tarif",
            ),
            _add_modal(),
            _end_modal(),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
