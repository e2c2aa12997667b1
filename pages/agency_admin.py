"""Direktori dinas: the other offices a visitor may be referred to when BPS does not hold the
data (SOP step 7), with the topics each holds and how to reach it. The administrator adds,
edits and (de)activates them; the other desk roles see the directory read-only."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.library import agency_admin_ids as ids
from dashboard.paths import AGENCY_ADMIN_PATH
from dashboard.roles import CATALOG_EDITORS, DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.admin_form import (
    admin_notices,
    filter_columns,
    form_modal,
    text_input,
)
from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.forms import labeled_field
from dashboard.ui.grid import SAMPLE_CELL_STYLE, data_grid, muted_rows
from dashboard.ui.headings import page_heading
from dashboard.web.context import current_role

ROLES = sorted(DESK_READERS)
FORM_IDS = admin_form_ids(ids, toggle=ids.TOGGLE_ACTIVE, sample_action=ids.SAMPLE_DEACTIVATE)
STATUS_OPTIONS = [
    {"label": "Aktif", "value": "active"},
    {"label": "Nonaktif", "value": "inactive"},
    {"label": "Semua", "value": "all"},
]

dash.register_page(
    __name__,
    path=AGENCY_ADMIN_PATH,
    name="Direktori dinas",
    title="Direktori dinas · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Perpustakaan",
    icon="bi-bank",
    order=21,
    roles=ROLES,
)

INACTIVE_ROW_STYLE = muted_rows("params.data && !params.data.active")

COLUMNS = [
    {"field": "name", "headerName": "Nama instansi", "width": 330, "tooltipField": "name"},
    {
        "field": "topics",
        "headerName": "Topik data",
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "topics",
    },
    {
        "field": "address",
        "headerName": "Alamat",
        "flex": 2,
        "minWidth": 200,
        "tooltipField": "address",
    },
    {"field": "phone", "headerName": "Telepon", "width": 140},
    {"field": "email", "headerName": "Email", "width": 190, "tooltipField": "email"},
    {"field": "status", "headerName": "Status", "width": 110},
    {
        "field": "sample",
        "headerName": "Contoh",
        "width": 100,
        "cellStyle": SAMPLE_CELL_STYLE,
        "headerTooltip": "Data contoh bawaan aplikasi",
    },
    # Not shown, but found by the quick filter.
    {"field": "website", "headerName": "Situs web", "hide": True},
]


def _toolbar(writable: bool) -> dbc.Row:
    return dbc.Row(
        [
            *filter_columns(FORM_IDS, "Saring tabel: nama, topik, alamat…", STATUS_OPTIONS),
            dbc.Col(
                dbc.Button(
                    [html.I(className="bi bi-plus-lg me-1"), "Tambah instansi"],
                    id=ids.ADD,
                    color="primary",
                    className="" if writable else "d-none",
                ),
                className="ms-auto",
                width="auto",
            ),
        ],
        className="g-2 align-items-center mb-2",
    )


def _form(writable: bool) -> list[Component]:
    field = ids.FIELD_IDS
    feedback = ids.FEEDBACK_IDS
    return [
        labeled_field(
            "Nama instansi",
            text_input(field["name"], writable, maxlength=200, placeholder="mis. Dinas Kesehatan"),
            feedback["name"],
        ),
        labeled_field(
            "Topik data",
            dbc.Textarea(
                id=field["topics"],
                rows=3,
                disabled=not writable,
                submit_on_enter=False,
                placeholder="mis. kesehatan; puskesmas; gizi",
            ),
            feedback["topics"],
            help_text="Pisahkan dengan titik koma (;). Dipakai untuk menyarankan rujukan: "
            "kata pada permintaan pengunjung dicocokkan dengan topik ini.",
        ),
        labeled_field(
            "Alamat",
            dbc.Textarea(
                id=field["address"],
                rows=2,
                disabled=not writable,
                maxlength=500,
                submit_on_enter=False,
            ),
            feedback["address"],
            help_text="Dicetak pada surat rujukan.",
        ),
        dbc.Row(
            [
                dbc.Col(
                    labeled_field(
                        "Telepon",
                        text_input(
                            field["phone"],
                            writable,
                            type="tel",
                            maxlength=40,
                            placeholder="(0734) 421234",
                        ),
                        feedback["phone"],
                    ),
                    md=4,
                ),
                dbc.Col(
                    labeled_field(
                        "Email",
                        text_input(field["email"], writable, type="email", maxlength=254),
                        feedback["email"],
                    ),
                    md=4,
                ),
                dbc.Col(
                    labeled_field(
                        "Situs web",
                        text_input(
                            field["website"],
                            writable,
                            maxlength=200,
                            placeholder="https://…",
                        ),
                        feedback["website"],
                    ),
                    md=4,
                ),
            ],
            className="g-3",
        ),
        labeled_field(
            "Catatan",
            dbc.Textarea(
                id=field["notes"],
                rows=2,
                disabled=not writable,
                maxlength=2000,
                submit_on_enter=False,
            ),
            feedback["notes"],
            help_text="mis. jam layanan, bagian yang dituju.",
        ),
    ]


def _form_modal(writable: bool) -> dbc.Modal:
    return form_modal(
        FORM_IDS,
        title="Instansi",
        toggle_label="Nonaktifkan",
        fields=_form(writable),
        writable=writable,
    )


def _build() -> html.Div:
    writable = current_role() in CATALOG_EDITORS
    return html.Div(
        [
            dcc.Store(id=ids.VERSION, data=0),
            dcc.Store(id=ids.EDITING, data={"id": None}),
            page_heading(
                "Direktori dinas",
                "Instansi tujuan rujukan bila data tidak tersedia di BPS (langkah 7).",
                html.Div(id=ids.COUNTS, className="text-muted small"),
            ),
            *admin_notices(
                banner_id=ids.SAMPLE_BANNER,
                read_only_id=ids.READ_ONLY_NOTE,
                read_only_text="Hanya administrator yang dapat mengubah direktori; "
                "Anda dapat melihatnya.",
                message_id=ids.MESSAGE,
                writable=writable,
            ),
            _toolbar(writable),
            data_grid(
                ids.GRID,
                COLUMNS,
                row_style=INACTIVE_ROW_STYLE,
                no_rows_text="Tidak ada instansi yang cocok",
            ),
            html.Div(
                "Klik satu baris untuk melihat atau mengubah datanya.",
                className="small text-muted mt-1",
            ),
            _form_modal(writable),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
